"""The career indicators I11-I14: pay catch-up after a return, promotion, women in managerial posts, the pay gap.

Split from `kopir.statistics.engine`, which calls each group with the same `Context`; pure, no Django.
The definitions and their reasons are in docs/decisions/0009-indicator-engine.md.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from kopir.statistics.cells import Cell
from kopir.statistics.columns import (
    APPOINTMENT_KINDS,
    CORPS,
    MANAGERIAL_LEVELS,
    NEVER,
    SENIOR_LEVELS,
    Floats,
    Ints,
    Records,
    day,
)
from kopir.statistics.context import SPECIALIST, Context, labels_of
from kopir.statistics.derived import (
    by_person_day,
    count_between,
    employed_on,
    key,
    latest_before,
    on_leave_between,
    position_on,
    take,
)
from kopir.statistics.pay_gap import pay_gap_cells
from kopir.statistics.tables import Breakdown, rate_table, ratio_table

PROMOTION_WINDOWS = {"24m": 730, "36m": 1096}
TENURE_BANDS = np.array([2 * 365, 5 * 365, 10 * 365])  # under 2 years, 2-5, 5-10, 10 and more


def _raises(r: Records) -> tuple[Ints, Ints, Floats]:
    """Every pay rise: (employee, day, rise as a fraction of the pay before it)."""
    pay = r.pay
    order = by_person_day(pay.employee, pay.starts)
    employee, starts, amount = pay.employee[order], pay.starts[order], pay.pay[order]
    same = np.r_[False, employee[1:] == employee[:-1]]
    previous = np.r_[0, amount[:-1]]
    rise = same & (amount > previous)
    fraction = np.where(rise, amount / np.maximum(previous, 1) - 1, 0.0)
    return employee[rise], starts[rise], fraction[rise]


def pay_catch_up(c: Context) -> list[Cell]:
    """I11: returners of the year paid at least pre-leave pay x (1 + the mean rise of their category
    during the leave), over the returners whose category had rises during the leave (Egapro style).

    The category is that of her post; her own rises are left out of the mean; one tenge of rounding
    is allowed. Sums of rises over a window come from cumulative sums over rises sorted by
    (category, day), read at the window's ends with ``searchsorted``.
    """
    r, d = c.records, c.derived
    episodes = r.episodes
    _, category_of_post = labels_of(r.positions.category)
    category_of = category_of_post[r.employees.position]
    employee, starts, fraction = _raises(r)
    until = np.minimum(episodes.returned, NEVER)
    mine = category_of[episodes.employee]
    count, total = _window_sums(category_of[employee], starts, fraction, mine, d.leave_start, until)
    own_count, own_total = _window_sums(employee, starts, fraction, episodes.employee, d.leave_start, until)
    others = count - own_count
    mean = (total - own_total) / np.maximum(others, 1)
    eligible = c.in_year(episodes.returned) & (d.pre_leave_pay >= 0) & (others > 0)
    caught_up = eligible & (episodes.return_pay + 100 >= d.pre_leave_pay * (1 + mean))
    return rate_table("pay_catch_up_rate", c.period, c.episode_rows(eligible), c.geo, caught_up)


def _window_sums(
    group: Ints, starts: Ints, values: Floats, at_group: Ints, first: Ints, until: Ints
) -> tuple[Ints, Floats]:
    """For each (at_group, [first, until)): how many `values` of that group fall in it, and their sum."""
    order = by_person_day(group, starts)
    keys = key(group[order], starts[order])
    running = np.r_[0.0, np.cumsum(values[order])]
    low = np.searchsorted(keys, key(at_group, first), side="left")
    high = np.searchsorted(keys, key(at_group, until), side="left")
    return high - low, running[high] - running[low]


def _tenure_band(hired: Ints, on: Ints) -> Ints:
    return np.searchsorted(TENURE_BANDS, on - hired, side="right")


def promotion(c: Context) -> list[Cell]:
    """I12: promotions within 24 and 36 months after a return, against matched peers.

    The cohort for a window of N months returned N/12 years before the year, so that the window has
    closed. Peers: employees of the same body, category and tenure band on 1 July of the cohort's
    year, on the staff then and with no leave in the window (or the year before it). The ratio is
    observed promotions over those expected at the peers' rate (100 = parity).
    """
    r = c.records
    episodes, employees, a = r.episodes, r.employees, r.appointments
    is_promotion = a.kind == APPOINTMENT_KINDS.index("promotion")
    promotions = (a.employee[is_promotion], a.starts[is_promotion])
    categories, category_of_post = labels_of(r.positions.category)
    size = len(r.bodies.code) * max(len(categories), 1) * 4
    group = (employees.body * max(len(categories), 1) + category_of_post[employees.position]) * 4
    everyone = np.arange(len(employees.sex))
    person = episodes.employee
    corps = Breakdown("corps", CORPS, r.positions.corps[employees.position[person]])
    cells = []
    for window, days in PROMOTION_WINDOWS.items():
        cohort_year = c.year - days // 365
        mid_year = day(date(cohort_year, 7, 1))
        reference = np.full(len(everyone), mid_year)
        returners = c.in_year(episodes.returned, cohort_year)
        promoted = returners & (count_between(*promotions, person, episodes.returned, episodes.returned + days) > 0)
        peers = employed_on(r, mid_year)
        leave = on_leave_between(r, mid_year - 365, mid_year + days)
        peers[person[r.segments.episode[leave]]] = False
        peer_promoted = peers & (count_between(*promotions, everyone, reference, reference + days) > 0)
        peer_group = group + _tenure_band(employees.hired, reference)
        peer_count = np.bincount(peer_group[peers], minlength=size)
        peer_rate = np.bincount(peer_group[peer_promoted], minlength=size) / np.maximum(peer_count, 1)
        returner_group = group[person] + _tenure_band(employees.hired[person], episodes.returned)
        matched = returners & (peer_count[returner_group] > 0)
        expected = np.where(matched, peer_rate[returner_group], 0.0)
        rows = c.episode_rows(returners)
        cells += rate_table(f"promotion_{window}", c.period, rows, c.geo, promoted, breakdown=corps)
        cells += rate_table(f"promotion_{window}_peers", c.period, c.employee_rows(peers), c.geo, peer_promoted)
        cells += ratio_table(
            f"promotion_{window}_ratio", c.period, c.episode_rows(matched), c.geo, promoted, expected, breakdown=corps
        )
    return cells


def managerial(c: Context) -> list[Cell]:
    """I13: the share of women among those in managerial posts on 31 December, and in senior posts."""
    r = c.records
    staff = employed_on(r, c.last())
    level = r.positions.level[position_on(r, c.last())]
    managerial = staff & (level != SPECIALIST)
    senior = staff & np.isin(level, [MANAGERIAL_LEVELS.index(s) for s in SENIOR_LEVELS])
    women = r.employees.sex == 0
    return [
        *rate_table("women_managerial_share", c.period, c.employee_rows(managerial), c.geo, women, by_sex=False),
        *rate_table("women_senior_share", c.period, c.employee_rows(senior), c.geo, women, by_sex=False),
    ]


def pay_gap(c: Context) -> list[Cell]:
    """I14: mean and median monthly pay by sex on 31 March, the gap (men - women) / men, quartile shares.

    Full-pay relevant employees only: on the staff that day, with a salary on record, and not on
    maternity, adoption or childcare leave that day (UK rule, SI 2017/353).
    """
    r = c.records
    snapshot = day(date(c.year, 3, 31))
    relevant = employed_on(r, snapshot)
    leave = on_leave_between(r, snapshot, snapshot)
    relevant[r.episodes.employee[r.segments.episode[leave]]] = False
    row = latest_before(
        r.pay.employee, r.pay.starts, np.arange(len(relevant)), np.full(len(relevant), snapshot), inclusive=True
    )
    relevant &= row >= 0
    pay = take(r.pay.pay, row, 0)
    categories, category_of_post = labels_of(r.positions.category)
    post = position_on(r, snapshot)
    category = Breakdown("category", categories, category_of_post[post])
    return pay_gap_cells(c.period, c.geo, c.employee_rows(relevant), pay, category)
