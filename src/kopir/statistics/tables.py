"""Cross-tabulation: masks over rows become cells for every sex, region, body and breakdown, margins included.

A table is one indicator over the rows of some universe (employees, episodes, returners...),
each row carrying its sex and its body. Cells are produced at three geographic levels: the
country (region ``all``, body ``all``), each region (body ``all``) and each body (with its
region), so that the body cells of a region add up to the region's cell and the regions to the
country. Sex gives ``F``, ``M`` and ``all``; a breakdown gives ``name=value`` cells and the
empty breakdown as their margin. A geographic unit appears in a table when the indicator's
universe has at least one row there: zeros inside it are cells like any other (a table without
its zeros cannot be protected by complementary suppression).

Everything here is ``bincount`` over group codes: the cost grows with the rows once per level
and sex, and with the number of cells, never with a loop over rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from kopir.statistics.cells import ALL, Cell
from kopir.statistics.columns import SEX_LABELS, Flags, Floats, Ints

ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Breakdown:
    """A further dimension: each row's index into `values`, shown as ``name=value``."""

    name: str
    values: tuple[str, ...]
    codes: Ints

    def label(self, index: int) -> str:
        return f"{self.name}={self.values[index]}"


@dataclass(frozen=True)
class Geography:
    """The bodies present and their regions; `levels` yields the three levels of a table."""

    bodies: tuple[str, ...]
    body_regions: tuple[str, ...]

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.body_regions)))

    def levels(self, body: Ints) -> Iterator[tuple[Ints, list[tuple[str, str]]]]:
        """(group code of each row, (region, body) of each group) for country, regions and bodies."""
        yield np.zeros(len(body), dtype=np.int64), [(ALL, ALL)]
        regions = self.regions
        region_of_body = np.array([regions.index(r) for r in self.body_regions], dtype=np.int64)
        yield (region_of_body[body] if len(body) else body), [(r, ALL) for r in regions]
        yield body, list(zip(self.body_regions, self.bodies, strict=True))


@dataclass(frozen=True)
class Rows:
    """The rows of a universe: each row's body and sex, and which rows belong to it."""

    body: Ints
    sex: Ints
    universe: Flags


def sexes(rows: Rows, by_sex: bool) -> list[tuple[str, Flags]]:
    everyone = np.ones(len(rows.sex), dtype=np.bool_)
    if not by_sex:
        return [(ALL, everyone)]
    return [(SEX_LABELS[0], rows.sex == 0), (SEX_LABELS[1], rows.sex == 1), (ALL, everyone)]


def percent(numerator: float, denominator: float) -> Decimal:
    """numerator / denominator x 100, to one decimal place (half up)."""
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _bincount(codes: Ints, mask: Flags, size: int, weights: Floats | None = None) -> Floats:
    counted = np.bincount(codes[mask], weights=None if weights is None else weights[mask], minlength=size)
    return counted.astype(np.float64)


def _cube(
    rows: Rows,
    geo: Geography,
    by_sex: bool,
    breakdown: Breakdown | None,
    selected: Flags,
    weights: Floats | None = None,
) -> Iterator[tuple[str, str, str, str, int, int]]:
    """(sex, region, body, breakdown, `selected` rows, universe rows) for every cell of a table.

    With `weights`, the two counts are sums of the rows' weights (days, say), rounded.
    """
    size_k = len(breakdown.values) if breakdown else 0
    for codes, places in geo.levels(rows.body):
        groups = len(places)
        present = _bincount(codes, rows.universe, groups) > 0
        for sex_label, sex_mask in sexes(rows, by_sex):
            universe = rows.universe & sex_mask
            chosen = selected & universe
            totals = np.rint(_bincount(codes, chosen, groups, weights)).astype(np.int64)
            sizes = np.rint(_bincount(codes, universe, groups, weights)).astype(np.int64)
            for g in np.flatnonzero(present):
                yield sex_label, *places[g], "", int(totals[g]), int(sizes[g])
            if breakdown is None:
                continue
            combined = codes * size_k + breakdown.codes
            split = np.rint(_bincount(combined, chosen, groups * size_k, weights)).astype(np.int64)
            split_sizes = np.rint(_bincount(combined, universe, groups * size_k, weights)).astype(np.int64)
            for g in np.flatnonzero(present):
                for k in range(size_k):
                    i = g * size_k + k
                    yield sex_label, *places[g], breakdown.label(k), int(split[i]), int(split_sizes[i])


def count_table(
    indicator: str,
    period: str,
    rows: Rows,
    geo: Geography,
    selected: Flags,
    *,
    by_sex: bool = True,
    breakdowns: tuple[Breakdown, ...] = (),
) -> list[Cell]:
    """Counts of the `selected` rows of the universe, with one breakdown table per `breakdowns`."""
    cells: dict[tuple[str, ...], Cell] = {}
    for breakdown in breakdowns or (None,):
        for sex, region, body, label, count, _size in _cube(rows, geo, by_sex, breakdown, selected):
            cell = Cell(indicator, period, sex, region, body, label, "count", count)
            cells.setdefault(cell.key(), cell)
    return list(cells.values())


def rate_table(
    indicator: str,
    period: str,
    rows: Rows,
    geo: Geography,
    selected: Flags,
    *,
    by_sex: bool = True,
    breakdown: Breakdown | None = None,
    weights: Floats | None = None,
) -> list[Cell]:
    """The share of the universe's rows that are `selected`, in percent, where the universe is not empty.

    The universe is the denominator and `selected` (within it) the numerator; with `weights`
    both are sums of the rows' weights (days of leave, say) instead of counts of rows.
    """
    return [
        Cell(indicator, period, sex, region, body, label, "rate", percent(count, size), count, size)
        for sex, region, body, label, count, size in _cube(rows, geo, by_sex, breakdown, selected, weights)
        if size > 0
    ]


def ratio_table(
    indicator: str,
    period: str,
    rows: Rows,
    geo: Geography,
    observed: Flags,
    expected: Floats,
    *,
    breakdown: Breakdown | None = None,
) -> list[Cell]:
    """Observed over expected, in percent (100 = parity), where something was expected.

    The numerator is the observed count and the denominator the number of rows in the universe:
    the persons behind the figure, which is what disclosure control needs to see.
    """
    cells = []
    plain = _cube(rows, geo, True, breakdown, observed)
    weighted = _cube(rows, geo, True, breakdown, rows.universe, expected * 1000)
    for (sex, region, body, label, count, size), (*_, expected_milli, _) in zip(plain, weighted, strict=True):
        if expected_milli > 0:
            value = percent(count * 1000, expected_milli)
            cells.append(Cell(indicator, period, sex, region, body, label, "rate", value, count, size))
    return cells
