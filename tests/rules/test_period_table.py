"""The compiled law (period table) reads exactly what the dated parameters say, day by day.

The table is an optimisation: on every day it must give the same value, effective date and
"beyond known" flag as a search in the parameter's own dates. Checked on every change date and
the day before it (where an off-by-one would show), on random days, for the shipped law, a
`with_values` reform and every shipped microsimulation reform.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.microsim.reforms import available, load
from kopir.rules.contract import calculate
from kopir.rules.errors import RulesNotKnown
from kopir.rules.explanation import Trace
from kopir.rules.law import Law, Parameter, Reading
from kopir.rules.law_files import default_law
from kopir.rules.money import Rounding
from kopir.rules.paid_months import PRORATE, PaidMonth, paid_months, same_law_runs


def _laws() -> dict[str, Law]:
    law = default_law()
    laws = {"shipped": law, "with_values": law.with_values({"gfss.childcare.rate": Decimal("0.5")}, title="Test")}
    laws |= {name: load(name, law).law(law) for name in available()}
    return laws


def _day_by_day(parameter: Parameter, on: date) -> Reading | None:
    try:
        return parameter.at(on)
    except RulesNotKnown:
        return None


def _compiled(law: Law, path: str, on: date) -> Reading | None:
    try:
        return law.at(path, on)
    except RulesNotKnown:
        return None


def _assert_same_reading(law: Law, path: str, on: date) -> None:
    expected = _day_by_day(law[path], on)
    got = _compiled(law, path, on)
    if expected is None:
        assert got is None, f"{path} on {on}: the table has a value before the first one"
        return
    assert got is not None, f"{path} on {on}: the table has no value"
    assert (got.entry, got.beyond_known, got.on) == (expected.entry, expected.beyond_known, on), f"{path} on {on}"


@pytest.mark.parametrize("name", sorted(_laws()))
def test_the_table_equals_the_dated_values_on_every_change_date_and_the_day_before(name: str) -> None:
    law = _laws()[name]
    days = {d for start in law.table.starts for d in (start, start - timedelta(days=1))}
    assert len(law.table.starts) > 1
    for path in law.parameters:
        for on in sorted(days):
            _assert_same_reading(law, path, on)


@settings(max_examples=300, deadline=None)
@given(on=st.dates(min_value=date(2015, 1, 1), max_value=date(2032, 12, 31)))
def test_the_table_equals_the_dated_values_on_any_day(on: date) -> None:
    law = default_law()
    for path in law.parameters:
        _assert_same_reading(law, path, on)


def test_compiled_values_are_the_exact_numbers_fractions_and_rounding_rules_of_the_files() -> None:
    law = default_law()
    for start, period in zip(law.table.starts, law.table.periods, strict=True):
        for path, value in period.items():
            raw = value.entry.value
            if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
                assert value.number == Decimal(raw)
                assert value.fraction == Fraction(Decimal(raw))
                assert value.whole == (int(raw) if Decimal(raw) == int(raw) else None)
            if isinstance(raw, dict) and "mode" in raw:
                assert value.rounding == Rounding(raw["mode"], int(raw["unit"]))
            if value.scale:
                reading = law.at(path, start)
                for order in range(1, 9):
                    assert value.by_order(order) == (reading.by_order(order), Fraction(reading.by_order(order)))


def test_a_period_shares_one_compiled_value_per_parameter_value() -> None:
    """Values are built once per law, not once per period: a value unchanged across periods is the same object."""
    law = default_law()
    first, last = law.table.periods[-2], law.table.periods[-1]
    shared = [path for path in first if path in last and first[path].entry is last[path].entry]
    assert shared
    assert all(first[path] is last[path] for path in shared if first[path].beyond_known == last[path].beyond_known)


def test_a_reform_read_through_a_calculation_uses_its_own_compiled_values() -> None:
    reformed = default_law().with_values({"gfss.childcare.rate": Decimal("0.5")}, title="Half")
    trace = Trace(reformed)
    assert trace.rate("gfss.childcare.rate", date(2025, 7, 1)) == Fraction(1, 2)
    assert Trace(default_law()).rate("gfss.childcare.rate", date(2025, 7, 1)) == Fraction(2, 5)


def test_a_day_before_the_law_is_refused_as_before() -> None:
    law = default_law()
    first = law.table.starts[0]
    with pytest.raises(RulesNotKnown):
        law.at("general.mrp", first - timedelta(days=1))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    first=st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 1)),
    prorate=st.booleans(),
    back=st.one_of(st.none(), st.dates(min_value=date(2023, 1, 1), max_value=date(2030, 1, 1))),
)
def test_runs_of_months_share_their_law_share_and_side_of_a_return(
    first: date, prorate: bool, back: date | None
) -> None:
    """`same_law_runs` covers every paid month once, in order, and a run never spans a change of the law,
    of the share paid or the month of a return to work: what lets a payment compute a run once."""
    law = default_law()
    if prorate:
        law = law.with_values({PRORATE: True}, title="Test")
    trace = Trace(law)
    paid = paid_months(first, first, "gfss.childcare.months", trace)
    split = back.replace(day=1) if back is not None else date.max
    covered: list[PaidMonth] = []
    for head, count in same_law_runs(paid, trace, split):
        run = paid[len(covered) : len(covered) + count]
        assert count >= 1
        assert run[0] == head
        assert all(law.table.period(m.month) is law.table.period(head.month) for m in run)
        assert {m.part for m in run} == {head.part}
        assert len({m.month >= split for m in run}) == 1
        covered += run
    assert covered == paid


def _request(leave_start: date, children: int) -> dict[str, object]:
    return {
        "as_of": "2025-06-01",
        "claimant": {"employment": "employee", "nuclear_test_zone": False},
        "event": {"type": "birth", "leave_start": leave_start.isoformat(), "children": children},
        "previous_children": 1,
        "income": {"average_so_base": 450_000},
    }


@pytest.mark.parametrize("leave_start", [date(2025, 5, 1), date(2026, 3, 14), date(2027, 2, 3)])
def test_what_a_period_derives_is_kept_by_the_law_and_warns_as_if_read_again(leave_start: date) -> None:
    """`Trace.per_period` keeps a month's childcare law once per period for every later calculation: a
    calculation on a law that others filled (other days of the same periods, with and without warnings
    already noted) answers exactly as on a fresh law, its warnings (values beyond the known ones) included."""
    shipped = default_law()
    fresh = Law(parameters=shipped.parameters, version=shipped.version)
    assert not fresh.table.derived
    expected = calculate(_request(leave_start, 2), law=fresh)
    assert fresh.table.derived, "the childcare months were derived once per period and kept"
    filled = Law(parameters=shipped.parameters, version=shipped.version)
    for day in (leave_start - timedelta(days=40), leave_start + timedelta(days=25), leave_start):
        calculate(_request(day, 1), law=filled)
        calculate(_request(day, 2), law=filled)
    assert calculate(_request(leave_start, 2), law=filled) == expected
    if leave_start.year >= 2026:
        assert expected["warnings"], "the months after the known values warn"
