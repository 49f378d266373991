"""The case records as columns: what the indicator engine computes on, with no Django in sight.

The selectors fill these from a handful of queries; the tests build them by hand. Every record
kind is a set of equal-length numpy arrays (one row per record), so that the indicators are
computed set-wise (masks, sorts, ``bincount``), never with a Python loop per episode.

Conventions:
- a date is an ``int64`` day number (days since 1970-01-01, numpy's ``datetime64[D]``);
  a missing date is `NEVER`, later than any real date, so "returned by D" is ``return_day <= D``;
- money is integer tiyn (``int64``), as everywhere in Kopir;
- a choice (sex, reason, mode...) is a small integer, the index of its value in the tuple named
  beside it (`SEXES`, `REASONS`, ...);
- a reference to another record is the *row index* in its columns (``-1`` if none), not its id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

Days = npt.NDArray[np.int64]
Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]

NEVER = 10_000_000  # a day number after any real date (the year 29 000)
EPOCH = date(1970, 1, 1).toordinal()

SEXES = ("female", "male")
SEX_LABELS = ("F", "M")
SEGMENT_KINDS = ("adoption", "annual", "childcare", "maternity")
LEAVE_KINDS = ("adoption", "childcare", "maternity")  # the segments that make an employee "on leave"
RETURN_MODES = ("equivalent_post", "part_time", "phased", "lower_post", "remote", "same_post")
SAME_OR_EQUIVALENT = ("equivalent_post", "same_post")
REASONS = (
    "death",
    "fixed_term_end",
    "other",
    "other_dismissal",
    "reorganisation",
    "resignation",
    "retirement",
    "transfer",
    "unknown",
)
DESTINATIONS = ("out_of_work", "private_sector", "state_body", "unknown")
MANAGERIAL_LEVELS = (
    "corps_a",
    "deputy_head",
    "head_of_central_department",
    "head_of_sector",
    "head_of_structural_unit",
    "political",
    "specialist",
)
SENIOR_LEVELS = ("political", "corps_a", "head_of_central_department")
CORPS = ("A", "B", "political")
APPOINTMENT_KINDS = ("change", "demotion", "hire", "promotion", "return", "transfer")


def day(value: date) -> int:
    """The day number of a date (the unit of every date column)."""
    return value.toordinal() - EPOCH


def days(values: Sequence[date | None]) -> Days:
    """A date column from dates, `NEVER` where a date is missing."""
    # toordinal per value: several times faster than numpy's parsing of date objects
    return np.fromiter(
        (NEVER if v is None else v.toordinal() - EPOCH for v in values), dtype=np.int64, count=len(values)
    )


def codes(values: list[str] | npt.NDArray[np.str_], vocabulary: tuple[str, ...]) -> Ints:
    """A choice column: each value's index in `vocabulary`; a value outside it raises."""
    words = np.array(vocabulary)
    order = np.argsort(words)
    ordered = words[order]
    given = np.asarray(values, dtype=str)
    found = np.minimum(np.searchsorted(ordered, given), len(ordered) - 1)
    unknown = given[ordered[found] != given]
    if len(unknown):
        raise ValueError(f"values outside the vocabulary: {sorted(set(unknown.tolist()))[:5]}")
    return order[found].astype(np.int64)


def _ints(n: int = 0) -> Ints:
    return np.zeros(n, dtype=np.int64)


def _flags(n: int = 0) -> Flags:
    return np.zeros(n, dtype=np.bool_)


@dataclass
class Bodies:
    """The state bodies: public code and region (ISO 3166-2)."""

    code: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)


@dataclass
class Positions:
    body: Ints = field(default_factory=_ints)
    corps: Ints = field(default_factory=_ints)  # CORPS
    category: list[str] = field(default_factory=list)
    level: Ints = field(default_factory=_ints)  # MANAGERIAL_LEVELS


@dataclass
class Employees:
    body: Ints = field(default_factory=_ints)
    position: Ints = field(default_factory=_ints)  # the current post (before any appointment history)
    sex: Ints = field(default_factory=_ints)  # SEXES
    hired: Days = field(default_factory=_ints)


@dataclass
class Appointments:
    employee: Ints = field(default_factory=_ints)
    position: Ints = field(default_factory=_ints)
    starts: Days = field(default_factory=_ints)
    kind: Ints = field(default_factory=_ints)  # APPOINTMENT_KINDS


@dataclass
class Episodes:
    """One row per leave episode, with its return (if any) folded in."""

    employee: Ints = field(default_factory=_ints)
    birth: Days = field(default_factory=_ints)  # the child's birth (or expected birth)
    returned: Days = field(default_factory=_ints)  # first working day, NEVER if none
    mode: Ints = field(default_factory=_ints)  # RETURN_MODES, -1 without a return
    return_position: Ints = field(default_factory=_ints)  # -1 without a return
    return_pay: Ints = field(default_factory=_ints)  # tiyn, 0 without a return


@dataclass
class Segments:
    episode: Ints = field(default_factory=_ints)
    kind: Ints = field(default_factory=_ints)  # SEGMENT_KINDS
    start: Days = field(default_factory=_ints)  # actual, else planned
    end: Days = field(default_factory=_ints)  # actual, else planned (inclusive)


@dataclass
class Separations:
    employee: Ints = field(default_factory=_ints)
    episode: Ints = field(default_factory=_ints)  # -1 if not linked to an episode
    last_day: Days = field(default_factory=_ints)
    during_leave: Flags = field(default_factory=_flags)
    reason: Ints = field(default_factory=_ints)  # REASONS
    destination: Ints = field(default_factory=_ints)  # DESTINATIONS


@dataclass
class PayRecords:
    employee: Ints = field(default_factory=_ints)
    starts: Days = field(default_factory=_ints)
    pay: Ints = field(default_factory=_ints)  # monthly salary in tiyn


@dataclass
class FollowUps:
    episode: Ints = field(default_factory=_ints)
    months: Ints = field(default_factory=_ints)
    in_body: Flags = field(default_factory=_flags)
    in_state_service: Flags = field(default_factory=_flags)


SUPPORTS = ("interview", "training", "flexible", "nursery", "keep_in_touch")


@dataclass
class Records:
    """All the columns the indicators need, extracted once."""

    bodies: Bodies = field(default_factory=Bodies)
    positions: Positions = field(default_factory=Positions)
    employees: Employees = field(default_factory=Employees)
    appointments: Appointments = field(default_factory=Appointments)
    episodes: Episodes = field(default_factory=Episodes)
    segments: Segments = field(default_factory=Segments)
    separations: Separations = field(default_factory=Separations)
    pay: PayRecords = field(default_factory=PayRecords)
    follow_ups: FollowUps = field(default_factory=FollowUps)
    # For each kind of support (SUPPORTS), the row indices of the episodes that had it.
    support: dict[str, Ints] = field(default_factory=dict)
