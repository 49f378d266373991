"""Cross-tabulation: masks over rows become cells for every sex, region, body and breakdown, margins included.

A table is one indicator over the rows of some universe (employees, episodes, returners...),
each row carrying its sex and its body. Cells are produced at three geographic levels: the
country (region ``all``, body ``all``), each region (body ``all``) and each body (with its
region), so that the body cells of a region add up to the region's cell and the regions to the
country. Sex gives ``F``, ``M`` and ``all``; a breakdown gives ``name=value`` cells and the
empty breakdown as their margin. A geographic unit appears in a table when the indicator's
universe has at least one row there: zeros inside it are cells like any other (a table without
its zeros cannot be protected by complementary suppression).

Everything here is ``bincount`` over group codes: the cost grows with the rows once a table (a
pass by body, whose totals are then added up into regions and the country) and with the number of
cells, never with a loop over rows.
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


LEVELS = ("country", "region", "body")


@dataclass(frozen=True)
class Geography:
    """The bodies present and their regions; `levels` yields the levels of a table.

    `shown` names the levels whose cells are produced (all three unless a computation split by
    region asks for only some, `kopir.statistics.regional`).
    """

    bodies: tuple[str, ...]
    body_regions: tuple[str, ...]
    shown: tuple[str, ...] = LEVELS

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.body_regions)))

    def rollups(self) -> Iterator[tuple[Ints, list[tuple[str, str]]]]:
        """(group of each body, (region, body) of each group) for each level shown."""
        regions = self.regions
        region_of_body = np.array([regions.index(r) for r in self.body_regions], dtype=np.int64)
        every_body = np.arange(len(self.bodies), dtype=np.int64)
        rollups = {
            "country": (np.zeros(len(self.bodies), dtype=np.int64), [(ALL, ALL)]),
            "region": (region_of_body, [(r, ALL) for r in regions]),
            "body": (every_body, list(zip(self.body_regions, self.bodies, strict=True))),
        }
        for level in LEVELS:
            if level in self.shown:
                yield rollups[level]

    def levels(self, body: Ints) -> Iterator[tuple[Ints, list[tuple[str, str]]]]:
        """(group code of each row, (region, body) of each group) for each level shown."""
        for group_of_body, places in self.rollups():
            yield (group_of_body[body] if len(body) else body), places


@dataclass(frozen=True)
class Rows:
    """The rows of a universe: each row's body and sex, and which rows belong to it."""

    body: Ints
    sex: Ints
    universe: Flags


def percent(numerator: float, denominator: float) -> Decimal:
    """numerator / denominator x 100, to one decimal place (half up)."""
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


SEX_SLOTS = len(SEX_LABELS) + 1  # women, men, and a slot for any other code (counted under "all" only)


@dataclass(frozen=True)
class _Sums:
    """For every group of one level: the `selected` rows and the universe rows, by sex and for all.

    Counts of rows (int64), or sums of the rows' weights (float64, rounded only once rolled up).
    """

    chosen: np.ndarray  # (groups, SEX_SLOTS)
    universe: np.ndarray
    chosen_all: np.ndarray  # (groups,)
    universe_all: np.ndarray


def _sums(group: Ints, sex_slot: Ints, selected: Flags, size: int, weights: Floats | None) -> _Sums:
    """One grouping pass over (group, sex): bincount on the combined key, for the selected rows and all."""
    key = group * SEX_SLOTS + sex_slot
    chosen = np.bincount(
        key[selected], weights=None if weights is None else weights[selected], minlength=size * SEX_SLOTS
    ).reshape(size, SEX_SLOTS)
    universe = np.bincount(key, weights=weights, minlength=size * SEX_SLOTS).reshape(size, SEX_SLOTS)
    return _Sums(chosen, universe, chosen.sum(axis=1), universe.sum(axis=1))


def _cube(
    rows: Rows,
    geo: Geography,
    by_sex: bool,
    breakdown: Breakdown | None,
    selected: Flags,
    weights: Floats | None = None,
) -> Iterator[tuple[str, str, str, str, int, int]]:
    """(sex, region, body, breakdown, `selected` rows, universe rows) for every cell of a table.

    With `weights`, the two counts are sums of the rows' weights (days, say), rounded. The rows
    outside the universe are dropped once; counts (or sums) are taken in one grouping pass by body
    (and breakdown) and added up into regions and the country, sums rounded only then.
    """
    inside = np.flatnonzero(rows.universe)
    body = rows.body[inside]
    sex = rows.sex[inside]
    sex_slot = np.where((sex >= 0) & (sex < len(SEX_LABELS)), sex, len(SEX_LABELS))
    chosen = selected[inside]
    weighed = None if weights is None else weights[inside]
    n_bodies = len(geo.bodies)
    by_body = _sums(body, sex_slot, chosen, n_bodies, weighed)
    size_k = len(breakdown.values) if breakdown else 0
    by_body_split = None
    if breakdown is not None:
        split_codes = breakdown.codes[inside]
        by_body_split = _sums(body * size_k + split_codes, sex_slot, chosen, n_bodies * size_k, weighed)
    rows_of_body = np.bincount(body, minlength=n_bodies)
    labels = [(label, slot) for slot, label in enumerate(SEX_LABELS)] if by_sex else []
    for group_of_body, places in geo.rollups():
        groups = len(places)
        present = np.flatnonzero(np.bincount(group_of_body, weights=rows_of_body, minlength=groups))
        plain = _rolled_up(by_body, group_of_body, groups, 1)
        split = None if by_body_split is None else _rolled_up(by_body_split, group_of_body, groups, size_k)
        for sex_label, slot in [*labels, (ALL, None)]:
            yield from _cells_of(sex_label, slot, plain, present, places, 1, None)
            if split is not None and breakdown is not None:
                yield from _cells_of(sex_label, slot, split, present, places, size_k, breakdown)


def _rolled_up(by_body: _Sums, group_of_body: Ints, groups: int, size_k: int) -> _Sums:
    """Counts (or sums) by body (and breakdown value) added up into the groups of a level, as whole numbers."""

    def added(counts: np.ndarray) -> Ints:
        shape = counts.shape[1:]
        per_body = counts.reshape(len(group_of_body), size_k, int(np.prod(shape)))
        total = np.zeros((groups, size_k, per_body.shape[2]), dtype=counts.dtype)
        np.add.at(total, group_of_body, per_body)
        whole = total if total.dtype == np.int64 else np.rint(total).astype(np.int64)
        return whole.reshape(groups * size_k, *shape)

    return _Sums(added(by_body.chosen), added(by_body.universe), added(by_body.chosen_all), added(by_body.universe_all))


def _cells_of(
    sex_label: str,
    slot: int | None,
    sums: _Sums,
    present: Ints,
    places: list[tuple[str, str]],
    size_k: int,
    breakdown: Breakdown | None,
) -> Iterator[tuple[str, str, str, str, int, int]]:
    """The cells of one sex (`slot`, None for all) in the present groups, each group's breakdown in order."""
    totals = sums.chosen_all if slot is None else sums.chosen[:, slot]
    sizes = sums.universe_all if slot is None else sums.universe[:, slot]
    for g in present.tolist():
        region, body = places[g]
        for k in range(size_k):
            i = g * size_k + k
            label = "" if breakdown is None else breakdown.label(k)
            yield sex_label, region, body, label, int(totals[i]), int(sizes[i])


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
            where = (sex, region, body, label)  # the plain cells come again with each breakdown: kept once
            if where not in cells:
                cells[where] = Cell(indicator, period, sex, region, body, label, "count", count)
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
