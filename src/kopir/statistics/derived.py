"""Facts derived once from the columns and shared by the indicators: when each leave ended, who was where.

All set-wise: per-episode minima and maxima with ``ufunc.at``, "the latest record before a day"
with ``searchsorted`` on (person, day) keys, so that the cost is a few sorts of each column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kopir.statistics.columns import LEAVE_KINDS, NEVER, SEGMENT_KINDS, Days, Flags, Ints, Records

# A key is person << 24 | (day + DAY_OFFSET). The offset makes every day number a key meets fit in
# the 24 bits: any date Python has (day -719,162 for 0001-01-01 to 2,932,896 for 9999-12-31), NEVER
# and NEVER plus a window of years all lie in [-DAY_OFFSET, 2**24 - DAY_OFFSET). Without it a day
# before 1970 (negative; the API takes dates from 1900) set the person's bits and broke the order.
DAY_BITS = 24
DAY_OFFSET = 1 << 20
LEAVE_CODES = np.array([SEGMENT_KINDS.index(k) for k in LEAVE_KINDS], dtype=np.int64)


def key(person: Ints, day: Days | int) -> Ints:
    """A sortable (person, day) key: sorting keys sorts by person, then by day."""
    return (np.asarray(person, dtype=np.int64) << DAY_BITS) | (np.asarray(day, dtype=np.int64) + DAY_OFFSET)


def by_person_day(person: Ints, day: Days) -> Ints:
    """The rows sorted by person, then day, ties in row order (``lexsort((day, person))``).

    One stable sort of the single `key` instead of a sort on two columns: every day fits in the key.
    """
    return np.argsort(key(person, day), kind="stable")


def take(values: Ints, rows: Ints, missing: int) -> Ints:
    """`values` at `rows`, `missing` where a row is -1 (safe when `values` is empty)."""
    if len(values) == 0:
        return np.full(len(rows), missing, dtype=np.int64)
    return np.where(rows >= 0, values[np.maximum(rows, 0)], missing)


def latest_before(person: Ints, day: Days, at_person: Ints, at_day: Days, *, inclusive: bool) -> Ints:
    """For each (at_person, at_day), the row of `person`/`day` that is that person's latest on or before it.

    -1 where the person has no such row. `inclusive` says whether a row on the day itself counts.
    """
    if len(person) == 0:
        return np.full(len(at_person), -1, dtype=np.int64)
    order = by_person_day(person, day)
    keys = key(person[order], day[order])
    probe = key(at_person, at_day)
    index = np.searchsorted(keys, probe, side="right" if inclusive else "left") - 1
    found = index >= 0
    found[found] = person[order][index[found]] == at_person[found]
    return np.where(found, order[np.maximum(index, 0)], -1)


def first_on_or_after(person: Ints, day: Days, at_person: Ints, at_day: Days) -> Ints:
    """For each (at_person, at_day), the row of that person's first `day` on or after it; -1 if none."""
    if len(person) == 0:
        return np.full(len(at_person), -1, dtype=np.int64)
    order = by_person_day(person, day)
    keys = key(person[order], day[order])
    index = np.searchsorted(keys, key(at_person, at_day), side="left")
    found = index < len(keys)
    found[found] = person[order][index[found]] == at_person[found]
    return np.where(found, order[np.minimum(index, len(keys) - 1)], -1)


def count_between(person: Ints, day: Days, at_person: Ints, after: Days, until: Days) -> Ints:
    """How many rows each person has with `after` < day <= `until`."""
    keys = np.sort(key(person, day))
    return np.searchsorted(keys, key(at_person, until), side="right") - np.searchsorted(
        keys, key(at_person, after), side="right"
    )


@dataclass(frozen=True)
class Derived:
    """Per-episode and per-employee facts the indicators share."""

    leave_start: Days  # first day of the first segment (NEVER without segments)
    leave_end: Days  # last day of the last segment
    separated: Days  # last day of the earliest separation linked to the episode
    due: Days  # the day the leave ended: return, separation, or the day after the last segment
    pre_leave_pay: Ints  # tiyn, the salary in force the day before the leave (-1 if unknown)


def derive(records: Records) -> Derived:
    episodes, segments, separations = records.episodes, records.segments, records.separations
    n = len(episodes.employee)
    leave_start = np.full(n, NEVER, dtype=np.int64)
    leave_end = np.full(n, -1, dtype=np.int64)
    np.minimum.at(leave_start, segments.episode, segments.start)
    np.maximum.at(leave_end, segments.episode, segments.end)
    leave_end[leave_end < 0] = NEVER
    separated = np.full(n, NEVER, dtype=np.int64)
    linked = separations.episode >= 0
    np.minimum.at(separated, separations.episode[linked], separations.last_day[linked])
    ended = np.where(leave_end < NEVER, leave_end + 1, NEVER)
    due = np.where(episodes.returned < NEVER, episodes.returned, np.minimum(separated, ended))
    pay = records.pay
    row = latest_before(pay.employee, pay.starts, episodes.employee, leave_start, inclusive=False)
    pre_leave_pay = take(pay.pay, row, -1)
    return Derived(leave_start, leave_end, separated, due, pre_leave_pay)


def employed_on(records: Records, on: int) -> Flags:
    """Employees on the staff that day: hired by then and not separated since they were hired."""
    employees, separations = records.employees, records.separations
    left = np.full(len(employees.hired), -1, dtype=np.int64)
    before = separations.last_day < on
    np.maximum.at(left, separations.employee[before], separations.last_day[before])
    return (employees.hired <= on) & (left < employees.hired)


def position_on(records: Records, on: int) -> Ints:
    """Each employee's post that day: the latest appointment by then, else the post on her record."""
    appointments = records.appointments
    position = records.employees.position.copy()
    started = appointments.starts <= on
    employee, starts = appointments.employee[started], appointments.starts[started]
    order = np.lexsort((starts, employee))
    last = order[np.r_[employee[order][1:] != employee[order][:-1], True]] if len(order) else order
    position[employee[last]] = appointments.position[started][last]
    return position


def on_leave_between(records: Records, first: int, last: int) -> Ints:
    """Rows of the maternity, adoption and childcare segments that overlap [first, last]."""
    segments = records.segments
    leave = np.isin(segments.kind, LEAVE_CODES)
    return np.flatnonzero(leave & (segments.start <= last) & (segments.end >= first))
