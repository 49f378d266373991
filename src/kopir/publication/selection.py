"""Which of the engine's indicators go into a public release, and in what shape.

Disclosure control protects additive count tables (and rates and money through the counts behind
them), so only indicators whose tables it can protect are published; the others stay in the exact
tier. Decision 0011 lists what is left out and why. The ids are the engine's
(`kopir.statistics.engine.INDICATORS`), so a published cell names its methodology page.

- counts: published as they are, after checking that every table adds up (below);
- rates: published, protected through their numerators and denominators;
- pay gaps: the engine gives them as rates over the women (numerator) and everyone (denominator);
  here they become money cells over the *smaller sex's* count, which is what the rule "at least
  10 persons of each sex" is about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kopir.disclosure.tables import breakdown_name
from kopir.statistics.cells import ALL, Cell
from kopir.statistics.computation import compute_cells

COUNTS = (
    "entitled",
    "took_leave",
    "due_to_return",
    "returned",
    "returned_prior_year",
    "retained_12m",
    "exits_during_leave",
    "exits_after_return_12m",
    "time_to_return_months",
)
RATES = (
    "return_rate",
    "retention_rate",
    "women_managerial_share",
    "women_senior_share",
    "fathers_share_episodes",
)
PAY_GAPS = ("pay_gap_mean", "pay_gap_median")
PUBLIC = frozenset((*COUNTS, *RATES, *PAY_GAPS))


class NotAdditive(ValueError):
    """A table to be published does not add up: disclosure control could not protect it."""


def public_cells(cells: Iterable[Cell]) -> list[Cell]:
    """The cells of a public release: the published indicators only, pay gaps as money, checked."""
    chosen = [_shaped(cell) for cell in cells if cell.indicator in PUBLIC]
    check_additive(chosen)
    return chosen


def _shaped(cell: Cell) -> Cell:
    if cell.indicator not in PAY_GAPS:
        return cell
    women = cell.numerator or 0
    men = (cell.denominator or 0) - women
    return replace(cell, kind="money", numerator=None, denominator=min(women, men))


def check_additive(cells: Iterable[Cell]) -> None:
    """Every count (and every rate's numerator and denominator) adds up along sex, region, body and
    each breakdown name: the margins are the sums of the parts (a part with no cell counts as 0).

    Raises `NotAdditive` naming the first line that does not."""
    tables: dict[tuple[str, str, str], dict[tuple[str, str, str, str], int]] = defaultdict(dict)
    for cell in cells:
        where = (cell.sex, cell.region, cell.body, cell.breakdown)
        if cell.kind == "count" and isinstance(cell.value, int):
            tables[(cell.indicator, cell.period, "")][where] = cell.value
        elif cell.kind == "rate" and cell.numerator is not None and cell.denominator is not None:
            tables[(cell.indicator, cell.period, "numerator")][where] = cell.numerator
            tables[(cell.indicator, cell.period, "denominator")][where] = cell.denominator
    for name, table in tables.items():
        for margin, total, parts in _lines(table):
            if total != parts:
                raise NotAdditive(f"{' '.join(name).strip()}: {margin} is {total}, its parts add up to {parts}")


def _lines(table: dict[tuple[str, str, str, str], int]) -> Iterable[tuple[tuple[str, ...], int, int]]:
    """(margin, its value, the sum of its parts) for each margin along each dimension."""
    sums: dict[tuple[object, ...], int] = defaultdict(int)
    for (sex, region, body, breakdown), count in table.items():
        if sex != ALL:
            sums[("sex", ALL, region, body, breakdown)] += count
        if body != ALL:
            sums[("body", sex, region, ALL, breakdown)] += count
        elif region != ALL:
            sums[("region", sex, ALL, ALL, breakdown)] += count
        if breakdown:
            sums[("breakdown", breakdown_name(breakdown), sex, region, body)] += count
    for key, parts in sums.items():
        if key[0] == "breakdown":
            margin: tuple[str, str, str, str] = (str(key[2]), str(key[3]), str(key[4]), "")
        else:
            margin = (str(key[1]), str(key[2]), str(key[3]), str(key[4]))
        if margin in table:
            yield (str(key[0]), *margin), table[margin], parts


def release_cells(year: int) -> list[Cell]:
    """The default cells provider of a release: the engine's exact cells of ``year``, selected."""
    return public_cells(compute_cells(year))
