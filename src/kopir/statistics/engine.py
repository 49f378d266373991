"""The indicators I1-I16 (return-to-work-and-statistics.md A.2) computed from columns: pure, no Django.

`compute(records, year, as_of)` returns every indicator's cells for the year. The ids are listed
in `INDICATORS` (and explained in `kopir.statistics.methodology`); the definitions, and the
reasons behind each denominator, are in docs/decisions/0009-indicator-engine.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from kopir.statistics.cells import ALL, Cell
from kopir.statistics.columns import (
    APPOINTMENT_KINDS,
    CORPS,
    DESTINATIONS,
    MANAGERIAL_LEVELS,
    NEVER,
    REASONS,
    RETURN_MODES,
    SAME_OR_EQUIVALENT,
    SEGMENT_KINDS,
    SENIOR_LEVELS,
    SUPPORTS,
    Flags,
    Floats,
    Ints,
    Records,
    day,
)
from kopir.statistics.derived import (
    Derived,
    count_between,
    derive,
    employed_on,
    first_on_or_after,
    key,
    latest_before,
    on_leave_between,
    position_on,
    take,
)
from kopir.statistics.km import DAYS_PER_MONTH, kaplan_meier
from kopir.statistics.pay_gap import pay_gap_cells
from kopir.statistics.tables import Breakdown, Geography, Rows, count_table, percent, rate_table, ratio_table

RETENTION_DAYS = 365
EXIT_WINDOWS = {"6m": 183, "12m": 365, "24m": 730}
PROMOTION_WINDOWS = {"24m": 730, "36m": 1096}
TENURE_BANDS = np.array([2 * 365, 5 * 365, 10 * 365])  # under 2 years, 2-5, 5-10, 10 and more
KM_MONTHS = range(37)
RETURN_BANDS = np.array([6, 12, 18, 24, 36])  # months from the birth: 0-6, 6-12, ..., 24-36, 36 and more
RETURN_BAND_LABELS = ("00-06", "06-12", "12-18", "18-24", "24-36", "36+", "not_returned")
SPECIALIST = MANAGERIAL_LEVELS.index("specialist")

INDICATORS = (
    "entitled",
    "births_in_year",
    "took_leave",
    "episodes_started",
    "due_to_return",
    "returned",
    "return_rate",
    "returned_prior_year",
    "retained_12m",
    "retained_12m_state",
    "retention_rate",
    "retention_rate_state",
    "exits_during_leave",
    *(f"exits_after_return_{w}" for w in EXIT_WINDOWS),
    "return_mode",
    "not_same_or_equivalent",
    "time_to_return_median",
    "time_to_return_km",
    "time_to_return_months",
    "pay_catch_up_rate",
    *(f"promotion_{w}{suffix}" for w in PROMOTION_WINDOWS for suffix in ("", "_peers", "_ratio")),
    "women_managerial_share",
    "women_senior_share",
    "pay_mean",
    "pay_median",
    "pay_gap_mean",
    "pay_gap_median",
    "pay_quartile_share",
    "fathers_share_episodes",
    "fathers_share_days",
    *(f"support_{s}" for s in SUPPORTS),
)


@dataclass(frozen=True)
class Context:
    records: Records
    derived: Derived
    geo: Geography
    year: int
    as_of: int

    @property
    def period(self) -> str:
        return str(self.year)

    def first(self, year: int | None = None) -> int:
        return day(date(self.year if year is None else year, 1, 1))

    def last(self, year: int | None = None) -> int:
        return day(date(self.year if year is None else year, 12, 31))

    def in_year(self, days: Ints, year: int | None = None) -> Flags:
        return (days >= self.first(year)) & (days <= self.last(year))

    def employee_rows(self, universe: Flags) -> Rows:
        employees = self.records.employees
        return Rows(employees.body, employees.sex, universe)

    def episode_rows(self, universe: Flags) -> Rows:
        employees, of = self.records.employees, self.records.episodes.employee
        return Rows(employees.body[of], employees.sex[of], universe)


def compute(records: Records, year: int, as_of: date) -> list[Cell]:
    """Every indicator for `year`, from records as they stood on `as_of` (the data's cut-off)."""
    geo = Geography(tuple(records.bodies.code), tuple(records.bodies.region))
    context = Context(records, derive(records), geo, year, min(day(as_of), day(date(year + 3, 12, 31))))
    cells: list[Cell] = []
    for indicator_group in (
        _headcount,
        _took_leave,
        _return,
        _retention,
        _exits,
        _time_to_return,
        _pay_catch_up,
        _promotion,
        _managerial,
        _pay_gap,
        _fathers,
        _support,
    ):
        cells.extend(indicator_group(context))
    return cells


def _labels(values: list[str]) -> tuple[tuple[str, ...], Ints]:
    """A breakdown's values (sorted, "-" for an empty one) and each row's index into them."""
    shown = np.array([v or "-" for v in values], dtype=str)
    labels, index = np.unique(shown, return_inverse=True)
    return tuple(str(v) for v in labels), np.asarray(index, dtype=np.int64)


def _headcount(c: Context) -> list[Cell]:
    """I1: everyone on the staff on 31 December (all are entitled to art. 100 leave), and births in the year."""
    r, end = c.records, c.last()
    staff = employed_on(r, end)
    post = position_on(r, end)
    categories, category_of_post = _labels(r.positions.category)
    by_corps = Breakdown("corps", CORPS, r.positions.corps[post])
    by_category = Breakdown("category", categories, category_of_post[post])
    cells = count_table("entitled", c.period, c.employee_rows(staff), c.geo, staff, breakdowns=(by_corps, by_category))
    births = np.zeros(len(staff), dtype=np.bool_)
    births[r.episodes.employee[c.in_year(r.episodes.birth)]] = True
    everyone = np.ones(len(staff), dtype=np.bool_)
    return cells + count_table("births_in_year", c.period, c.employee_rows(everyone), c.geo, births)


def _took_leave(c: Context) -> list[Cell]:
    """I2: employees with a day of maternity, adoption or childcare leave in the year (leavers included).

    Broken down by the kind of the last such segment she was on in the year, so the parts add up.
    """
    r = c.records
    rows = on_leave_between(r, c.first(), c.last())
    employee_of_row = r.episodes.employee[r.segments.episode[rows]]
    took = np.zeros(len(r.employees.sex), dtype=np.bool_)
    took[employee_of_row] = True
    kind = np.zeros(len(took), dtype=np.int64)
    order = np.lexsort((r.segments.start[rows], employee_of_row))
    ordered = employee_of_row[order]
    last = order[np.r_[ordered[1:] != ordered[:-1], True]] if len(order) else order  # her latest segment
    kind[employee_of_row[last]] = r.segments.kind[rows][last]
    everyone = np.ones(len(took), dtype=np.bool_)
    cells = count_table(
        "took_leave",
        c.period,
        c.employee_rows(everyone),
        c.geo,
        took,
        breakdowns=(Breakdown("segment", SEGMENT_KINDS, kind),),
    )
    started = c.in_year(c.derived.leave_start)
    episodes = np.ones(len(started), dtype=np.bool_)
    return cells + count_table("episodes_started", c.period, c.episode_rows(episodes), c.geo, started)


def _return(c: Context) -> list[Cell]:
    """I3-I5 and I9: episodes whose leave ended in the year, those that returned, the rate and the mode."""
    r, d = c.records, c.derived
    due = c.in_year(d.due)
    returned = due & (r.episodes.returned == d.due)
    rows = c.episode_rows(due)
    mode = Breakdown("mode", RETURN_MODES, np.maximum(r.episodes.mode, 0))
    same = np.isin(r.episodes.mode, [RETURN_MODES.index(m) for m in SAME_OR_EQUIVALENT])
    paid_less = (d.pre_leave_pay >= 0) & (r.episodes.return_pay < d.pre_leave_pay)
    flagged = returned & (~same | paid_less)
    returners = c.episode_rows(returned)
    return [
        *count_table("due_to_return", c.period, rows, c.geo, due),
        *count_table("returned", c.period, rows, c.geo, returned),
        *rate_table("return_rate", c.period, rows, c.geo, returned),
        *count_table("return_mode", c.period, returners, c.geo, returned, breakdowns=(mode,)),
        *rate_table("not_same_or_equivalent", c.period, returners, c.geo, flagged),
    ]


def _retention(c: Context) -> list[Cell]:
    """I6-I7: of the returners of the year before, those still employed 365 days after their return.

    A 12-month follow-up record decides when there is one; otherwise her first separation after
    the return does (none, or one on or after day 365, means retained). For the state measure a
    separation to another state body is not a loss.
    """
    r = c.records
    episodes, separations, follow = r.episodes, r.separations, r.follow_ups
    prior = c.in_year(episodes.returned, c.year - 1)
    exit_row = first_on_or_after(separations.employee, separations.last_day, episodes.employee, episodes.returned)
    exit_day = take(separations.last_day, exit_row, NEVER)
    left_early = exit_day < episodes.returned + RETENTION_DAYS
    to_state = (take(separations.destination, exit_row, -1) == DESTINATIONS.index("state_body")) | (
        take(separations.reason, exit_row, -1) == REASONS.index("transfer")
    )
    in_body, in_state = ~left_early, ~left_early | to_state
    at_12 = follow.months == 12
    in_body[follow.episode[at_12]] = follow.in_body[at_12]
    in_state[follow.episode[at_12]] = follow.in_state_service[at_12]
    rows = c.episode_rows(prior)
    return [
        *count_table("returned_prior_year", c.period, rows, c.geo, prior),
        *count_table("retained_12m", c.period, rows, c.geo, in_body),
        *count_table("retained_12m_state", c.period, rows, c.geo, in_state),
        *rate_table("retention_rate", c.period, rows, c.geo, in_body),
        *rate_table("retention_rate_state", c.period, rows, c.geo, in_state),
    ]


def _exits(c: Context) -> list[Cell]:
    """I8: separations in the year during leave, and within 6, 12 and 24 months after a return.

    The "after return" windows are cumulative (24 months includes 12 and 6) and count from the
    employee's latest return before the separation. Broken down by reason, destination and whether
    her post was managerial.
    """
    r = c.records
    s, employees = r.separations, r.employees
    in_year = c.in_year(s.last_day)
    level = r.positions.level[employees.position[s.employee]]
    breakdowns = (
        Breakdown("reason", REASONS, s.reason),
        Breakdown("destination", DESTINATIONS, s.destination),
        Breakdown("managerial", ("no", "yes"), (level != SPECIALIST).astype(np.int64)),
    )
    rows = Rows(employees.body[s.employee], employees.sex[s.employee], in_year)
    cells = count_table("exits_during_leave", c.period, rows, c.geo, in_year & s.during_leave, breakdowns=breakdowns)
    episodes = r.episodes
    back = episodes.returned < NEVER
    latest = latest_before(episodes.employee[back], episodes.returned[back], s.employee, s.last_day, inclusive=True)
    since_return = s.last_day - take(episodes.returned[back], latest, NEVER)
    for window, days in EXIT_WINDOWS.items():
        after = in_year & ~s.during_leave & (since_return <= days)
        cells += count_table(f"exits_after_return_{window}", c.period, rows, c.geo, after, breakdowns=breakdowns)
    return cells


def _time_to_return(c: Context) -> list[Cell]:
    """I10: months from the birth to the first working day for the births of the year, Kaplan-Meier.

    Followed until the data's cut-off: still on leave then, or separated without returning, is
    censored at that day. The median is given at every level; the curve (month=0..36, the share
    returned by then) for the country and the regions. The cohort is sorted by group once per
    level, so each group's curve is computed on its own slice.
    """
    r, d = c.records, c.derived
    cohort = np.flatnonzero(c.in_year(r.episodes.birth) & (r.episodes.birth <= c.as_of))
    event = r.episodes.returned[cohort] <= c.as_of
    stop = np.where(event, r.episodes.returned[cohort], np.minimum(c.as_of, d.separated[cohort]))
    duration = np.maximum(stop - r.episodes.birth[cohort], 0)
    sex = r.employees.sex[r.episodes.employee[cohort]]
    cells = []
    for level, (codes, places) in enumerate(c.geo.levels(r.employees.body[r.episodes.employee[cohort]])):
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(places) + 1))
        for g in np.flatnonzero(np.diff(bounds)):
            rows = order[bounds[g] : bounds[g + 1]]
            for label, chosen in (("F", rows[sex[rows] == 0]), ("M", rows[sex[rows] == 1]), (ALL, rows)):
                if len(chosen):
                    cells += _km_cells(c.period, (label, *places[g]), duration[chosen], event[chosen], curve=level < 2)
    return cells + _return_bands(c, cohort, event, duration)


def _return_bands(c: Context, cohort: Ints, event: Flags, duration: Ints) -> list[Cell]:
    """I10 as an additive count table: the births of the year by the band of months to the first
    working day, and those not back by the cut-off (on leave, or left without returning) as one
    band of their own, so that the bands add up to the cohort (what disclosure control needs)."""
    r = c.records
    band = np.full(len(r.episodes.birth), len(RETURN_BAND_LABELS) - 1, dtype=np.int64)
    months = duration[event] / DAYS_PER_MONTH
    band[cohort[event]] = np.searchsorted(RETURN_BANDS, months, side="right")
    births = np.zeros(len(band), dtype=np.bool_)
    births[cohort] = True
    bands = Breakdown("months", RETURN_BAND_LABELS, band)
    return count_table("time_to_return_months", c.period, c.episode_rows(births), c.geo, births, breakdowns=(bands,))


def _km_cells(period: str, where: tuple[str, str, str], duration: Ints, event: Flags, *, curve: bool) -> list[Cell]:
    """The median (months, over the group's size) and, if asked, the curve month by month."""
    sex, region, body = where
    estimate = kaplan_meier(duration, event)
    cells = []
    median = estimate.median_days()
    if median is not None:
        months = percent(median, DAYS_PER_MONTH * 100)
        cells.append(
            Cell("time_to_return_median", period, sex, region, body, "", "rate", months, None, estimate.cohort)
        )
    if not curve:
        return cells
    returned_days = np.sort(duration[event])
    for month in KM_MONTHS:
        returned_by = int(np.searchsorted(returned_days, month * DAYS_PER_MONTH, side="right"))
        share = percent(1 - estimate.at(month * DAYS_PER_MONTH), 1)
        label = f"month={month}"
        cells.append(
            Cell("time_to_return_km", period, sex, region, body, label, "rate", share, returned_by, estimate.cohort)
        )
    return cells


def _raises(r: Records) -> tuple[Ints, Ints, Floats]:
    """Every pay rise: (employee, day, rise as a fraction of the pay before it)."""
    pay = r.pay
    order = np.lexsort((pay.starts, pay.employee))
    employee, starts, amount = pay.employee[order], pay.starts[order], pay.pay[order]
    same = np.r_[False, employee[1:] == employee[:-1]]
    previous = np.r_[0, amount[:-1]]
    rise = same & (amount > previous)
    fraction = np.where(rise, amount / np.maximum(previous, 1) - 1, 0.0)
    return employee[rise], starts[rise], fraction[rise]


def _pay_catch_up(c: Context) -> list[Cell]:
    """I11: returners of the year paid at least pre-leave pay x (1 + the mean rise of their category
    during the leave), over the returners whose category had rises during the leave (Egapro style).

    The category is that of her post; her own rises are left out of the mean; one tenge of rounding
    is allowed. Sums of rises over a window come from cumulative sums over rises sorted by
    (category, day), read at the window's ends with ``searchsorted``.
    """
    r, d = c.records, c.derived
    episodes = r.episodes
    _, category_of_post = _labels(r.positions.category)
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
    order = np.lexsort((starts, group))
    keys = key(group[order], starts[order])
    running = np.r_[0.0, np.cumsum(values[order])]
    low = np.searchsorted(keys, key(at_group, first), side="left")
    high = np.searchsorted(keys, key(at_group, until), side="left")
    return high - low, running[high] - running[low]


def _tenure_band(hired: Ints, on: Ints) -> Ints:
    return np.searchsorted(TENURE_BANDS, on - hired, side="right")


def _promotion(c: Context) -> list[Cell]:
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
    categories, category_of_post = _labels(r.positions.category)
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


def _managerial(c: Context) -> list[Cell]:
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


def _pay_gap(c: Context) -> list[Cell]:
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
    categories, category_of_post = _labels(r.positions.category)
    post = position_on(r, snapshot)
    category = Breakdown("category", categories, category_of_post[post])
    return pay_gap_cells(c.period, c.geo, c.employee_rows(relevant), pay, category)


def _fathers(c: Context) -> list[Cell]:
    """I15: men's share of the episodes with childcare leave in the year, and of its days in the year."""
    r = c.records
    s = r.segments
    childcare = (s.kind == SEGMENT_KINDS.index("childcare")) & (s.start <= c.last()) & (s.end >= c.first())
    episodes = np.zeros(len(r.episodes.employee), dtype=np.bool_)
    episodes[s.episode[childcare]] = True
    rows = c.episode_rows(episodes)
    men = rows.sex == 1
    days = (np.minimum(s.end, c.last()) - np.maximum(s.start, c.first()) + 1).astype(np.float64)
    employee = r.episodes.employee[s.episode]
    segment_rows = Rows(r.employees.body[employee], r.employees.sex[employee], childcare)
    return [
        *rate_table("fathers_share_episodes", c.period, rows, c.geo, men, by_sex=False),
        *rate_table(
            "fathers_share_days", c.period, segment_rows, c.geo, segment_rows.sex == 1, by_sex=False, weights=days
        ),
    ]


def _support(c: Context) -> list[Cell]:
    """I16: the share of the year's returners who had each kind of support."""
    r = c.records
    returners = c.in_year(r.episodes.returned)
    rows = c.episode_rows(returners)
    cells = []
    for kind in SUPPORTS:
        had = np.zeros(len(returners), dtype=np.bool_)
        had[r.support.get(kind, np.zeros(0, dtype=np.int64))] = True
        cells += rate_table(f"support_{kind}", c.period, rows, c.geo, had)
    return cells


def only_body(cells: list[Cell]) -> list[Cell]:
    """The cells of a single body's computation: its own, without the country and region margins."""
    return [cell for cell in cells if cell.body != ALL]
