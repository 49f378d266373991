"""I14, the gender pay gap: means and medians per group, the gap (men - women) / men, and quartile bands.

Means and medians need every group's values, not just counts: the rows are sorted once per level
by (group, pay), and each group's median is read at its middle positions; quartile bands come
from each row's rank within its group. No loop runs over rows.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from kopir.statistics.cells import ALL, Cell
from kopir.statistics.columns import SEX_LABELS, Floats, Ints
from kopir.statistics.tables import Breakdown, Geography, Rows, percent

TENGE = Decimal(1)


def _tenge(tiyn: float) -> Decimal:
    return (Decimal(tiyn) / 100).quantize(TENGE, rounding=ROUND_HALF_UP)


def pay_order(pay: Ints) -> Ints:
    """The rows sorted by pay, ties in row order: sorted once, then only regrouped (`by_group`)."""
    return np.argsort(pay, kind="stable")


def by_group(groups: Ints, size: int, rows_by_pay: Ints) -> Ints:
    """`rows_by_pay` sorted by group, keeping the pay order within each: the order of
    ``lexsort((pay, groups))``, from a stable sort of small integers (a radix sort below 2**16 groups)."""
    keys = groups[rows_by_pay]
    if size <= np.iinfo(np.uint16).max:
        keys = keys.astype(np.uint16)
    return rows_by_pay[np.argsort(keys, kind="stable")]


def group_stats(groups: Ints, pay: Ints, size: int, rows_by_pay: Ints | None = None) -> tuple[Ints, Floats, Floats]:
    """(count, mean, median) of `pay` in each of `size` groups (0 where a group is empty).

    Only the rows in `rows_by_pay` (row indices sorted by pay; every row when None) are counted.
    """
    if rows_by_pay is None:
        rows_by_pay = pay_order(pay)
    chosen = np.zeros(len(groups), dtype=np.bool_)
    chosen[rows_by_pay] = True
    count = np.bincount(groups[chosen], minlength=size)
    mean = np.bincount(groups[chosen], weights=pay[chosen].astype(np.float64), minlength=size) / np.maximum(count, 1)
    ordered = pay[by_group(groups, size, rows_by_pay)].astype(np.float64)
    start = np.r_[0, np.cumsum(count)[:-1]]
    low = start + np.maximum(count - 1, 0) // 2
    high = start + count // 2
    filled = count > 0
    median = np.zeros(size)
    if len(ordered):
        median[filled] = (ordered[low[filled]] + ordered[np.minimum(high[filled], len(ordered) - 1)]) / 2
    return count, mean, median


def quartiles(groups: Ints, pay: Ints, size: int, rows_by_pay: Ints | None = None) -> Ints:
    """Each row's quartile pay band (0-3) within its group: the lowest-paid quarter is band 0.

    Equal pay is ranked in row order, so a band boundary between equals falls the same way each time.
    """
    count = np.bincount(groups, minlength=size)
    order = by_group(groups, size, pay_order(pay) if rows_by_pay is None else rows_by_pay)
    start = np.r_[0, np.cumsum(count)[:-1]]
    rank = np.empty(len(groups), dtype=np.int64)
    rank[order] = np.arange(len(groups)) - start[groups[order]]
    return (4 * rank) // np.maximum(count[groups], 1)


def pay_gap_cells(period: str, geo: Geography, rows: Rows, pay: Ints, category: Breakdown) -> list[Cell]:
    """The pay cells of every group; the relevant rows are sorted by pay once, and only regrouped after."""
    cells: list[Cell] = []
    relevant = np.flatnonzero(rows.universe)
    sex, paid, split_codes = rows.sex[relevant], pay[relevant], category.codes[relevant]
    everyone = pay_order(paid)
    of_sex = [everyone[sex[everyone] == s] for s in range(len(SEX_LABELS))]
    k = len(category.values)
    for codes, places in geo.levels(rows.body[relevant]):
        size = len(places)
        for split in (None, category):
            groups = codes if split is None else codes * k + split_codes
            n = size if split is None else size * k
            by_sex = [group_stats(groups, paid, n, rows_by_pay) for rows_by_pay in (*of_sex, everyone)]
            counts = by_sex[-1][0]
            for g in np.flatnonzero(counts).tolist():
                place = places[g if split is None else g // k]
                label = "" if split is None else split.label(g % k)
                cells += _group_cells(period, place, label, [(s[0][g], s[1][g], s[2][g]) for s in by_sex])
        cells += _quartile_cells(period, places, codes, sex, paid, everyone, size)
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
    period: str, places: list[tuple[str, str]], codes: Ints, sex: Ints, pay: Ints, rows_by_pay: Ints, size: int
) -> list[Cell]:
    """The share of women and of men in each quartile pay band of each group (UK figure 6)."""
    band = quartiles(codes, pay, size, rows_by_pay)
    group = codes * 4 + band
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
