"""Each kernel gives the same tiyn on one person (Python ints) as on a column (numpy int64), row by row.

The population path and `calculate()` run the same kernel lines; these tests hold the kernel's
three operations and the exact rounding to that on random inputs, and show that one person gets
plain Python ints (the response's JSON must not meet numpy scalars).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.rules import kernel
from kopir.rules.money import Rounding

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)
tiyn = st.integers(0, 3_000_000_00)
roundings = st.builds(Rounding, st.sampled_from(["half_up", "ceiling", "floor"]), st.sampled_from([1, 100]))
rates = st.fractions(min_value=0, max_value=2, max_denominator=400)
NO_CAP = np.iinfo(np.int64).max


def _column(values: list[Any], dtype: Any = np.int64) -> Any:
    return np.array(values, dtype=dtype)


def _fractions(values: list[Fraction]) -> kernel.Fractions:
    return kernel.Fractions(_column([f.numerator for f in values]), _column([f.denominator for f in values]))


def _plain(value: Any) -> bool:
    return type(value) in (int, bool)


maternity_rows = st.lists(
    st.tuples(tiyn, st.none() | tiyn, st.integers(1, 200), st.sampled_from([30, 31]), rates), min_size=1, max_size=30
)


@SETTINGS
@given(maternity_rows, roundings)
def test_maternity_on_a_column_is_the_maternity_of_each_person(rows: list[tuple[Any, ...]], rounding: Rounding) -> None:
    columns = kernel.maternity(
        _column([r[0] for r in rows]),
        _column([NO_CAP if r[1] is None else r[1] for r in rows]),
        _column([r[2] for r in rows]),
        _column([r[3] for r in rows]),
        _fractions([r[4] for r in rows]),
        rounding,
    )
    for i, (average, cap, days, divisor, rate) in enumerate(rows):
        person = kernel.maternity(average, cap, days, divisor, rate, rounding)
        assert all(_plain(value) for value in person)
        assert person == tuple(int(column[i]) for column in columns)


childcare_rows = st.lists(
    st.tuples(
        tiyn,
        rates,
        st.integers(0, 100_000_00),  # floor: the state allowance
        st.integers(0, 300_000_00),  # ceiling
        st.booleans(),  # returned to work
        st.booleans(),  # pension contribution at the floor
        rates,
        st.none() | st.tuples(st.integers(1, 31), st.integers(28, 31)).map(lambda s: (min(s), s[1])),
    ),
    min_size=1,
    max_size=30,
)


@SETTINGS
@given(childcare_rows, roundings)
def test_a_childcare_month_on_a_column_is_the_month_of_each_person(
    rows: list[tuple[Any, ...]], rounding: Rounding
) -> None:
    whole = all(r[7] is None for r in rows)
    share = (
        None if whole else (_column([(r[7] or (1, 1))[0] for r in rows]), _column([(r[7] or (1, 1))[1] for r in rows]))
    )
    gross, opv = kernel.childcare_month(
        _column([r[0] for r in rows]),
        _fractions([r[1] for r in rows]),
        _column([r[2] for r in rows]),
        _column([r[3] for r in rows]),
        _column([r[4] for r in rows], np.bool_),
        _column([r[5] for r in rows], np.bool_),
        _fractions([r[6] for r in rows]),
        share,
        rounding,
    )
    for i, (average, rate, floor, ceiling, returned, at_floor, opv_rate, part) in enumerate(rows):
        one = kernel.childcare_month(average, rate, floor, ceiling, returned, at_floor, opv_rate, part, rounding)
        assert all(_plain(value) for value in one)
        assert one == (int(gross[i]), int(opv[i]))


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 5_000_000_00), rates), min_size=1, max_size=30), roundings)
def test_the_so_base_from_a_gross_salary_is_the_same_on_a_column(rows: list[tuple[int, Fraction]], r: Rounding) -> None:
    cap, floor, ceiling = 50 * 85_000_00, 85_000_00, 7 * 85_000_00
    base, opv = kernel.so_base_from_gross(
        _column([g for g, _ in rows]), cap, _fractions([f for _, f in rows]), floor, ceiling, r
    )
    for i, (gross, rate) in enumerate(rows):
        one = kernel.so_base_from_gross(gross, cap, rate, floor, ceiling, r)
        assert all(_plain(value) for value in one)
        assert one == (int(base[i]), int(opv[i]))
        assert one == (0, 0) if gross == 0 else floor <= one[0] <= ceiling


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 1_000_000), rates, st.integers(0, 10)), min_size=1, max_size=30), roundings)
def test_amounts_in_mrp_and_the_eligibility_rules_are_the_same_on_a_column(
    rows: list[tuple[int, Fraction, int]], rounding: Rounding
) -> None:
    mrps, coefficients, counts = (
        _column([m for m, _, _ in rows]),
        _fractions([c for _, c, _ in rows]),
        _column([n for *_, n in rows]),
    )
    amounts = kernel.mrp_amount(mrps, coefficients, rounding)
    insured = counts % 2 == 0
    longer = kernel.longer_leave(insured, counts)
    childcare = kernel.childcare_eligible(insured, counts, 6)
    maternity = kernel.maternity_eligible(insured, counts, mrps)
    for i, (mrp, coefficient, count) in enumerate(rows):
        assert kernel.mrp_amount(mrp, coefficient, rounding) == int(amounts[i])
        assert kernel.longer_leave(count % 2 == 0, count) == bool(longer[i])
        assert kernel.childcare_eligible(count % 2 == 0, count, 6) == bool(childcare[i])
        assert kernel.maternity_eligible(count % 2 == 0, count, mrp) == bool(maternity[i])


class _Recorder:
    def __init__(self) -> None:
        self.seen: dict[str, tuple[Any, ...]] = {}

    def capped(self, average_income: Any, cap: Any, capped: Any) -> None:
        self.seen["capped"] = (average_income, cap, capped)

    def gross(self, capped: Any, days: Any, divisor: Any, gross: Any) -> None:
        self.seen["gross"] = (capped, days, divisor, gross)

    def withheld(self, gross: Any, opv: Any, net: Any) -> None:
        self.seen["withheld"] = (gross, opv, net)

    def month(self, base: Any, floor: Any, ceiling: Any, gross: Any, opv: Any) -> None:
        self.seen["month"] = (base, floor, ceiling, gross, opv)


@SETTINGS
@given(tiyn, st.none() | tiyn, st.integers(1, 200), rates, roundings)
def test_the_recorder_sees_the_values_the_kernel_returns(
    average: int, cap: int | None, days: int, rate: Fraction, rounding: Rounding
) -> None:
    recorder = _Recorder()
    amounts = kernel.maternity(average, cap, days, 30, rate, rounding, recorder)
    assert amounts == kernel.maternity(average, cap, days, 30, rate, rounding)  # recording changes nothing
    assert recorder.seen["capped"] == (average, cap, amounts.average)
    assert recorder.seen["gross"] == (amounts.average, days, 30, amounts.gross)
    assert recorder.seen["withheld"] == (amounts.gross, amounts.pension_contribution, amounts.net)
    gross, opv = kernel.childcare_month(average, rate, 0, NO_CAP, False, False, rate, None, rounding, recorder)
    assert recorder.seen["month"][3:] == (gross, opv)
