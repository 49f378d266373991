"""Small tables whose protected form is known by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from kopir.disclosure import OTHER, BodyNode, TableError, load_policy, protect
from kopir.disclosure.rollup import reporting_units
from kopir.disclosure.rounding import round_to_base
from kopir.statistics.cells import Cell

POLICY = load_policy("sdc-v1")


def by_place(cells: list[Cell]) -> dict[tuple[str, str], Cell]:
    return {(cell.sex, cell.body): cell for cell in cells}


def grid(values: dict[tuple[str, str], int]) -> list[Cell]:
    return [Cell("returned", "2025", sex=sex, body=body, value=value) for (sex, body), value in values.items()]


def test_small_counts_are_hidden_a_true_zero_is_shown_and_partners_complete_the_lines() -> None:
    # sex x body with margins: F/A = 3 is small; the zero of M/A stays shown
    table = {
        ("F", "A"): 3, ("F", "B"): 12, ("F", "C"): 20, ("F", "all"): 35,
        ("M", "A"): 0, ("M", "B"): 9, ("M", "C"): 7, ("M", "all"): 16,
        ("all", "A"): 3, ("all", "B"): 21, ("all", "C"): 27, ("all", "all"): 51,
    }  # fmt: skip
    cells = by_place(protect(grid(table), POLICY).cells)
    assert cells[("F", "A")].status == "suppressed_primary"
    assert cells[("all", "A")].status == "suppressed_primary"
    assert cells[("M", "A")].value == 0
    assert cells[("M", "A")].status == "published"
    # along the F line the smallest other cell (B = 12) goes, then along body B the smallest other (M/B = 9)
    assert cells[("F", "B")].status == "suppressed_secondary"
    assert cells[("M", "B")].status == "suppressed_secondary"
    assert cells[("all", "B")].status == "suppressed_secondary"  # else all/B - F/B = M/B
    assert cells[("all", "all")].status == "published"
    for cell in cells.values():
        assert cell.status == "published" or cell.value is None


def test_two_small_cells_that_a_total_pins_down_are_protected_by_a_third() -> None:
    # A + B = 8 with both in 1..4 means both are 4: the audit must hide another cell
    table = {("F", "A"): 4, ("F", "B"): 4, ("F", "C"): 30, ("F", "all"): 38}
    cells = by_place(protect(grid(table), POLICY).cells)
    hidden = {place for place, cell in cells.items() if cell.value is None}
    assert {("F", "A"), ("F", "B")} < hidden
    assert ("F", "C") in hidden or ("F", "all") in hidden


def test_a_rate_needs_twenty_in_its_denominator_and_its_counts_hide_with_it() -> None:
    cells = [
        Cell("return_rate", "2025", body="A", kind="rate", value=Decimal(50), numerator=9, denominator=18),
        Cell("return_rate", "2025", body="B", kind="rate", value=Decimal(80), numerator=40, denominator=50),
        Cell("return_rate", "2025", body="C", kind="rate", value=Decimal(75), numerator=30, denominator=40),
        Cell("return_rate", "2025", body="all", kind="rate", numerator=79, denominator=108),
    ]
    protected = {cell.body: cell for cell in protect(cells, POLICY).cells}
    assert protected["A"].value is None
    assert protected["A"].numerator is None
    assert protected["A"].denominator == 18
    assert protected["A"].status == "suppressed_primary"
    # 79 - 40 - 30 would give A's numerator back: the smallest other numerator goes too
    assert protected["C"].value is None
    assert protected["C"].status == "suppressed_secondary"
    assert protected["B"].value == Decimal("80.0")
    assert (protected["B"].numerator, protected["B"].denominator) == (40, 50)
    assert protected["all"].value == Decimal("73.1")


def test_pay_needs_ten_persons() -> None:
    cells = [
        Cell("mean_pay", "2025", sex="F", kind="money", value=Decimal(250000), denominator=9),
        Cell("mean_pay", "2025", sex="M", kind="money", value=Decimal(300000), denominator=30),
        Cell("mean_pay", "2025", sex="all", kind="money", value=Decimal(287179), denominator=39),
    ]
    protected = {cell.sex: cell for cell in protect(cells, POLICY).cells}
    assert protected["F"].status == "suppressed_primary"
    assert protected["M"].status == "suppressed_secondary"  # else the mean of all gives F back
    assert protected["all"].value == Decimal(287179)


def test_hesa_rounding_keeps_rates_from_unrounded_counts() -> None:
    assert [round_to_base(count, 5) for count in (0, 2, 3, 7, 8, 12, 13)] == [0, 0, 5, 5, 10, 10, 15]
    policy = replace(POLICY, rounding=True)
    cells = [Cell("return_rate", "2025", kind="rate", numerator=23, denominator=37)]
    (cell,) = protect(cells, policy).cells
    assert cell.status == "rounded"
    assert (cell.numerator, cell.denominator) == (25, 35)
    assert cell.value == Decimal("62.2")  # 23 / 37, not 25 / 35


def test_quarters_are_dropped_by_default_and_kept_only_above_bodies_when_allowed() -> None:
    cells = [
        Cell("returned", "2025-Q1", value=40),
        Cell("returned", "2025-Q1", body="A", value=40),
        Cell("returned", "2025", value=90),
    ]
    assert [cell.period for cell in protect(cells, POLICY).cells] == ["2025"]
    quarterly = protect(cells, replace(POLICY, quarterly=True)).cells
    assert sorted((cell.period, cell.body) for cell in quarterly) == [("2025", "all"), ("2025-Q1", "all")]


BODIES = {
    "MIN": BodyNode(None, "KZ-71"),
    "MIN-A": BodyNode("MIN", "KZ-71"),
    "MIN-K": BodyNode("MIN", "KZ-35"),
    "AKIM": BodyNode(None, "KZ-35"),
    "AKIM-1": BodyNode("AKIM", "KZ-35"),
}


def test_small_bodies_roll_up_to_their_parent_in_the_same_region_or_to_other() -> None:
    frames = {"MIN": 30, "MIN-A": 4, "MIN-K": 6, "AKIM": 3, "AKIM-1": 5}
    units = reporting_units(BODIES, frames, 10)
    assert units["MIN-A"] == "MIN"
    assert units["MIN"] == "MIN"
    assert units["MIN-K"] == OTHER  # its parent sits in another region
    # AKIM-1 (5) goes into AKIM (3 + 5 = 8), still small, so both go to other
    assert units["AKIM-1"] == OTHER
    assert units["AKIM"] == OTHER


def test_roll_up_adds_counts_and_drops_pay_of_merged_units() -> None:
    cells = [
        Cell("took_leave", "2025", region="KZ-71", body="MIN", value=30),
        Cell("took_leave", "2025", region="KZ-71", body="MIN-A", value=4),
        Cell("took_leave", "2025", region="KZ-71", value=34),
        Cell("mean_pay", "2025", region="KZ-71", body="MIN", kind="money", value=Decimal(1), denominator=40),
    ]
    bodies = {"MIN": BODIES["MIN"], "MIN-A": BODIES["MIN-A"]}
    protected = protect(cells, POLICY, bodies).cells
    assert [(cell.indicator, cell.body, cell.value) for cell in protected] == [
        ("took_leave", "MIN", 34),
        ("took_leave", "all", 34),
    ]


def test_a_table_of_mixed_kinds_is_refused() -> None:
    cells = [Cell("x", "2025", value=5), Cell("x", "2025", sex="F", kind="rate", numerator=1, denominator=2)]
    with pytest.raises(TableError):
        protect(cells, POLICY)


def test_noise_mode_publishes_the_error_margin_and_keeps_the_guarantees() -> None:
    policy = replace(POLICY, differential_privacy=True, epsilon=1.0)
    cells = [Cell("took_leave", "2025", sex=sex, value=value) for sex, value in (("F", 97), ("M", 8), ("all", 105))]
    protected = protect(cells, policy)
    noise = protected.noise["took_leave@2025"]
    assert noise["sensitivity"] == 2  # a person is in her sex's cell and in the total
    assert noise["laplace_scale"] == 2.0
    assert noise["confidence"] == 0.95
    assert 6 < noise["error_margin"] < 7  # discrete Laplace, scale 2, 95%
    for cell in protected.cells:
        assert cell.value is None or not 0 < cell.value < 5
    assert {cell.status for cell in protected.cells} <= {"published", "suppressed_primary", "suppressed_secondary"}


def test_noise_mode_keeps_rates_within_a_hundred_percent_and_names_both_count_tables() -> None:
    policy = replace(POLICY, differential_privacy=True, epsilon=0.5)
    cells = [Cell("return_rate", "2025", kind="rate", numerator=40, denominator=40)]
    for _ in range(20):
        protected = protect(cells, policy)
        (cell,) = protected.cells
        assert cell.value is None or cell.value <= 100
    assert set(protected.noise) == {"return_rate#numerator@2025", "return_rate#denominator@2025"}
    # two count tables share the budget: epsilon 0.25 each, sensitivity 1
    assert protected.noise["return_rate#numerator@2025"]["laplace_scale"] == 4.0


def test_a_table_whose_hidden_cells_stay_pinned_down_is_withheld_whole() -> None:
    # four women due back in four regions: every cell is a small count, and 4 = 1 + 1 + 1 + 1 with
    # each region at least 1 gives every region away; nothing shown is left to hide beside them
    regions = ("KZ-11", "KZ-15", "KZ-19", "KZ-23")
    cells = [Cell("due_to_return", "2025", sex="F", region=region, value=1) for region in regions]
    cells.append(Cell("due_to_return", "2025", sex="F", value=4))
    cells.append(Cell("took_leave", "2025", sex="F", value=40))
    protected = protect(cells, POLICY)
    assert protected.withheld == ["due_to_return@2025"]
    assert [(cell.indicator, cell.value) for cell in protected.cells] == [("took_leave", 40)]


def test_a_table_that_cannot_be_protected_by_body_is_published_for_the_regions() -> None:
    # KZ-11's four bodies of one each give themselves away; without the bodies the regions can be protected
    cells = [Cell("due_to_return", "2025", sex="F", region="KZ-11", body=f"B{n}", value=1) for n in range(4)]
    cells += [Cell("due_to_return", "2025", sex="F", region="KZ-15", body=f"C{n}", value=10) for n in range(2)]
    cells += [
        Cell("due_to_return", "2025", sex="F", region=region, value=v) for region, v in (("KZ-11", 4), ("KZ-15", 20))
    ]
    cells.append(Cell("due_to_return", "2025", sex="F", value=24))
    protected = protect(cells, POLICY)
    assert protected.coarsened == ["due_to_return@2025: single bodies"]
    statuses = {cell.region: cell.status for cell in protected.cells}
    assert statuses == {"KZ-11": "suppressed_primary", "KZ-15": "suppressed_secondary", "all": "published"}
