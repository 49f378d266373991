"""The indicators I1-I16 (return-to-work-and-statistics.md A.2) computed from columns: pure, no Django.

`compute(records, year, as_of)` returns every indicator's cells for the year. The ids are listed
in `INDICATORS` (and explained in `kopir.statistics.methodology`); the definitions, and the
reasons behind each denominator, are in docs/decisions/0009-indicator-engine.md.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np

from kopir.statistics import careers
from kopir.statistics.careers import PROMOTION_WINDOWS
from kopir.statistics.cells import ALL, Cell
from kopir.statistics.columns import (
    CORPS,
    DESTINATIONS,
    NEVER,
    REASONS,
    RETURN_MODES,
    SAME_OR_EQUIVALENT,
    SEGMENT_KINDS,
    SUPPORTS,
    Flags,
    Ints,
    Records,
    day,
)
from kopir.statistics.context import SPECIALIST, Context, labels_of
from kopir.statistics.derived import (
    derive,
    employed_on,
    first_on_or_after,
    latest_before,
    on_leave_between,
    position_on,
    take,
)
from kopir.statistics.km import DAYS_PER_MONTH, kaplan_meier
from kopir.statistics.tables import LEVELS, Breakdown, Geography, Rows, count_table, percent, rate_table

RETENTION_DAYS = 365
EXIT_WINDOWS = {"6m": 183, "12m": 365, "24m": 730}
KM_MONTHS = range(37)
RETURN_BANDS = np.array([6, 12, 18, 24, 36])  # months from the birth: 0-6, 6-12, ..., 24-36, 36 and more
RETURN_BAND_LABELS = ("00-06", "06-12", "12-18", "18-24", "24-36", "36+", "not_returned")

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


IndicatorGroup = Callable[[Context], list[Cell]]


def compute(records: Records, year: int, as_of: date) -> list[Cell]:
    """Every indicator for `year`, from records as they stood on `as_of` (the data's cut-off)."""
    return [cell for cells in by_group(context_of(records, year, as_of)).values() for cell in cells]


def context_of(records: Records, year: int, as_of: date, shown: tuple[str, ...] = LEVELS) -> Context:
    """What the indicator groups read; `shown` names the levels of their tables (of `LEVELS`)."""
    geo = Geography(tuple(records.bodies.code), tuple(records.bodies.region), shown)
    return Context(records, derive(records), geo, year, min(day(as_of), day(date(year + 3, 12, 31))))


def by_group(context: Context, groups: tuple[IndicatorGroup, ...] | None = None) -> dict[int, list[Cell]]:
    """The cells of each indicator group (all, or `groups`), by its place in `INDICATOR_GROUPS`.

    A computation split by region (`kopir.statistics.regional`) merges its parts group by group.
    """
    return {INDICATOR_GROUPS.index(group): group(context) for group in groups or INDICATOR_GROUPS}


def _headcount(c: Context) -> list[Cell]:
    """I1: everyone on the staff on 31 December (all are entitled to art. 100 leave), and births in the year."""
    r, end = c.records, c.last()
    staff = employed_on(r, end)
    post = position_on(r, end)
    categories, category_of_post = labels_of(r.positions.category)
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
    for codes, places in c.geo.levels(r.employees.body[r.episodes.employee[cohort]]):
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(places) + 1))
        for g in np.flatnonzero(np.diff(bounds)):
            rows = order[bounds[g] : bounds[g + 1]]
            for label, chosen in (("F", rows[sex[rows] == 0]), ("M", rows[sex[rows] == 1]), (ALL, rows)):
                if len(chosen):
                    where, curve = (label, *places[g]), places[g][1] == ALL  # the curve: country, regions
                    cells += _km_cells(c.period, where, duration[chosen], event[chosen], curve=curve)
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


INDICATOR_GROUPS: tuple[IndicatorGroup, ...] = (
    _headcount,
    _took_leave,
    _return,
    _retention,
    _exits,
    _time_to_return,
    careers.pay_catch_up,
    careers.promotion,
    careers.managerial,
    careers.pay_gap,
    _fathers,
    _support,
)
# Groups whose cells at every level need every region's records: I11's mean rise is that of the
# post's category in the whole country.
NATIONAL_GROUPS: tuple[IndicatorGroup, ...] = (careers.pay_catch_up,)


def only_body(cells: list[Cell]) -> list[Cell]:
    """The cells of a single body's computation: its own, without the country and region margins."""
    return [cell for cell in cells if cell.body != ALL]
