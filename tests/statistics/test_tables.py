"""The pure engine on hand-built columns: tables hold their margins, Kaplan-Meier censors, codes are strict."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kopir.statistics.cells import ALL
from kopir.statistics.columns import REASONS, codes
from kopir.statistics.km import kaplan_meier
from kopir.statistics.pay_gap import group_stats, quartiles
from kopir.statistics.tables import Breakdown, Geography, Rows, count_table, rate_table

GEO = Geography(("A", "B", "C"), ("KZ-11", "KZ-75", "KZ-75"))
row_strategy = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(0, 3), st.booleans(), st.booleans()), max_size=60
)


def _rows(data: list[tuple[int, int, int, bool, bool]]) -> tuple[Rows, Breakdown, np.ndarray]:
    columns = list(zip(*data, strict=True)) if data else [(), (), (), (), ()]
    body, sex, kind = (np.array(c, dtype=np.int64) for c in columns[:3])
    universe, chosen = (np.array(c, dtype=np.bool_) for c in columns[3:])
    return Rows(body, sex, universe), Breakdown("kind", ("w", "x", "y", "z"), kind), chosen & universe


@given(row_strategy)
def test_every_table_holds_its_margins(data: list[tuple[int, int, int, bool, bool]]) -> None:
    rows, breakdown, chosen = _rows(data)
    cells = {c.key()[2:]: c.value for c in count_table("n", "2025", rows, GEO, chosen, breakdowns=(breakdown,))}
    sums: dict[str, dict[tuple[str, str, str, str], int]] = {d: defaultdict(int) for d in ("geo", "sex", "label")}
    for (sex, region, body, label), value in cells.items():
        assert isinstance(value, int)
        if body != ALL:
            sums["geo"][(sex, region, ALL, label)] += value
        elif region != ALL:
            sums["geo"][(sex, ALL, ALL, label)] += value
        if sex != ALL:
            sums["sex"][(ALL, region, body, label)] += value
        if label:
            sums["label"][(sex, region, body, "")] += value
    for dimension in sums.values():
        for margin, total in dimension.items():
            assert cells[margin] == total
    assert cells.get((ALL, ALL, ALL, ""), 0) == int(chosen.sum())


@given(row_strategy)
def test_rates_are_numerator_over_denominator(data: list[tuple[int, int, int, bool, bool]]) -> None:
    rows, _, chosen = _rows(data)
    for cell in rate_table("r", "2025", rows, GEO, chosen):
        assert cell.denominator
        assert cell.numerator is not None
        assert abs(Decimal(cell.numerator) * 100 / cell.denominator - cell.value) <= Decimal("0.05")  # type: ignore[operator]


def test_a_body_appears_only_where_its_universe_has_rows() -> None:
    rows = Rows(np.array([0, 1]), np.array([0, 0]), np.array([True, False]))
    cells = count_table("n", "2025", rows, GEO, np.array([False, False]))
    assert {(c.region, c.body) for c in cells} == {(ALL, ALL), ("KZ-11", ALL), ("KZ-11", "A")}
    assert all(c.value == 0 for c in cells)


def test_kaplan_meier_uses_the_censored_while_they_are_observed() -> None:
    curve = kaplan_meier(np.array([100, 200, 300, 400]), np.array([True, False, True, True]))
    assert curve.at(99) == 1.0
    assert curve.at(100) == pytest.approx(0.75)
    assert curve.at(300) == pytest.approx(0.375)
    assert curve.at(400) == 0.0
    assert curve.median_days() == 300
    assert kaplan_meier(np.array([10]), np.array([False])).median_days() is None


def test_group_medians_and_quartile_bands() -> None:
    groups, pay = np.array([0, 0, 0, 1, 1, 1, 1]), np.array([5, 1, 3, 8, 2, 4, 6])
    count, mean, median = group_stats(groups, pay, 3)
    assert count.tolist() == [3, 4, 0]
    assert mean[:2].tolist() == [3.0, 5.0]
    assert median[:2].tolist() == [3.0, 5.0]
    assert quartiles(groups, pay, 3).tolist() == [2, 0, 1, 3, 0, 1, 2]


def test_codes_refuse_a_value_outside_the_vocabulary() -> None:
    assert codes(["unknown", "resignation"], REASONS).tolist() == [
        REASONS.index("unknown"),
        REASONS.index("resignation"),
    ]
    with pytest.raises(ValueError, match="sacked"):
        codes(["sacked"], REASONS)
