"""I14, the gender pay gap: means and medians per group, the gap (men - women) / men, and quartile bands.

Means and medians need every group's values, not just counts: the rows are sorted once per level
by (group, pay), and each group's median is read at its middle positions; quartile bands come
from each row's rank within its group. No loop runs over rows.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from kopir.statistics.cells import ALL, Cell
from kopir.statistics.columns import SEX_LABELS, Flags, Floats, Ints
from kopir.statistics.tables import Breakdown, Geography, Rows, percent

TENGE = Decimal(1)


def _tenge(tiyn: float) -> Decimal:
    return (Decimal(tiyn) / 100).quantize(TENGE, rounding=ROUND_HALF_UP)


def group_stats(groups: Ints, pay: Ints, size: int) -> tuple[Ints, Floats, Floats]:
    """(count, mean, median) of `pay` in each of `size` groups (0 where a group is empty)."""
    count = np.bincount(groups, minlength=size)
    mean = np.bincount(groups, weights=pay.astype(np.float64), minlength=size) / np.maximum(count, 1)
    order = np.lexsort((pay, groups))
    ordered = pay[order].astype(np.float64)
    start = np.r_[0, np.cumsum(count)[:-1]]
    low = start + np.maximum(count - 1, 0) // 2
    high = start + count // 2
    filled = count > 0
    median = np.zeros(size)
    if len(ordered):
        median[filled] = (ordered[low[filled]] + ordered[np.minimum(high[filled], len(ordered) - 1)]) / 2
    return count, mean, median


def quartiles(groups: Ints, pay: Ints, size: int) -> Ints:
    """Each row's quartile pay band (0-3) within its group: the lowest-paid quarter is band 0."""
    count = np.bincount(groups, minlength=size)
    order = np.lexsort((pay, groups))
    start = np.r_[0, np.cumsum(count)[:-1]]
    rank = np.empty(len(groups), dtype=np.int64)
    rank[order] = np.arange(len(groups)) - start[groups[order]]
    return (4 * rank) // np.maximum(count[groups], 1)


def pay_gap_cells(period: str, geo: Geography, rows: Rows, pay: Ints, category: Breakdown) -> list[Cell]:
    cells: list[Cell] = []
    relevant = rows.universe
    k = len(category.values)
    for codes, places in geo.levels(rows.body):
        size = len(places)
        for split in (None, category):
            groups = codes if split is None else codes * k + split.codes
            n = size if split is None else size * k
            by_sex = []
            for sex in (0, 1, None):
                chosen = relevant if sex is None else relevant & (rows.sex == sex)
                by_sex.append(group_stats(groups[chosen], pay[chosen], n))
            for g in range(n):
                place = places[g if split is None else g // k]
                label = "" if split is None else split.label(g % k)
                cells += _group_cells(period, place, label, [(s[0][g], s[1][g], s[2][g]) for s in by_sex])
        cells += _quartile_cells(period, places, codes, rows, pay, size)
    return cells


def _group_cells(period: str, place: tuple[str, str], label: str, stats: list[tuple[int, float, float]]) -> list[Cell]:
    region, body = place
    (women, w_mean, w_median), (men, m_mean, m_median), (everyone, _mean, _median) = stats
    if everyone == 0:
        return []
    cells = []
    for sex, (count, group_mean, group_median) in zip((*SEX_LABELS, ALL), stats, strict=True):
        if count:
            cells.append(
                Cell("pay_mean", period, sex, region, body, label, "money", _tenge(group_mean), None, int(count))
            )
            cells.append(
                Cell("pay_median", period, sex, region, body, label, "money", _tenge(group_median), None, int(count))
            )
    if women and men:
        for indicator, m, w in (("pay_gap_mean", m_mean, w_mean), ("pay_gap_median", m_median, w_median)):
            if m > 0:
                gap = percent(m - w, m)
                cells.append(Cell(indicator, period, ALL, region, body, label, "rate", gap, int(women), int(everyone)))
    return cells


def _quartile_cells(
    period: str, places: list[tuple[str, str]], codes: Ints, rows: Rows, pay: Ints, size: int
) -> list[Cell]:
    """The share of women and of men in each quartile pay band of each group (UK figure 6)."""
    relevant: Flags = rows.universe
    band = quartiles(codes[relevant], pay[relevant], size)
    group = codes[relevant] * 4 + band
    sex = rows.sex[relevant]
    band_size = np.bincount(group, minlength=size * 4)
    cells = []
    for s, label in enumerate(SEX_LABELS):
        in_band = np.bincount(group[sex == s], minlength=size * 4)
        for g in np.flatnonzero(band_size.reshape(size, 4).sum(axis=1)):
            region, body = places[g]
            for b in range(4):
                total = int(band_size[g * 4 + b])
                if total:
                    count = int(in_band[g * 4 + b])
                    cells.append(
                        Cell(
                            "pay_quartile_share",
                            period,
                            label,
                            region,
                            body,
                            f"quartile={b + 1}",
                            "rate",
                            percent(count, total),
                            count,
                            total,
                        )
                    )
    return cells
