"""The leave chain's state, written once: what an episode is on a day, and who is protected from dismissal.

Pure functions over plain data (dates and the segments' kinds), so the services (over stored
rows), the demo (over the people it draws before storing them) and the records import (over the
records it reads) all ask the same rule, and a change of the law is made here alone. Callers pass
what they hold: a stored segment, the demo's drawn one and an imported record all have a kind, a
start and an end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from kopir.cases.models import EpisodeStatus, SegmentKind
from kopir.rules.months import add_months

PROTECTION_MONTHS = 36
"""A parent may not be dismissed, nor childcare leave run, past the child's third birthday."""

SEGMENT_STATUS = {
    SegmentKind.MATERNITY: EpisodeStatus.MATERNITY,
    SegmentKind.ADOPTION: EpisodeStatus.MATERNITY,
    SegmentKind.ANNUAL: EpisodeStatus.ANNUAL,
    SegmentKind.CHILDCARE: EpisodeStatus.CHILDCARE,
}


class DatedSegment(Protocol):
    """A stretch of leave as it is (or will be) taken: its kind, first and last day."""

    @property
    def kind(self) -> str: ...
    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...


@dataclass(frozen=True, slots=True)
class Stretch:
    """A `DatedSegment` made from other dates (the demo's segments carry planned and actual days)."""

    kind: str
    start: date
    end: date


class ChildDates(Protocol):
    """A child as the protection reads it: born on a day, or expected on one."""

    @property
    def birth_date(self) -> date | None: ...
    @property
    def expected_birth(self) -> date | None: ...


def third_birthday(born: date) -> date:
    """The child's third birthday: protection and childcare leave end the day before it."""
    return add_months(born, PROTECTION_MONTHS)


def third_birthday_eve(born: date) -> date:
    """The last day of childcare leave: the day before the child's third birthday."""
    return third_birthday(born) - timedelta(days=1)


def status_on(segments: Iterable[DatedSegment], *, returned: bool, exited: bool, today: date) -> EpisodeStatus:
    """What the calendar says the episode is on `today`; a return, then a separation, closes it first."""
    if returned:
        return EpisodeStatus.RETURNED
    if exited:
        return EpisodeStatus.EXITED
    ordered = sorted(segments, key=lambda segment: segment.start)
    if not ordered or today < ordered[0].start:
        return EpisodeStatus.PLANNED
    for segment in ordered:
        if segment.start <= today <= segment.end:
            return SEGMENT_STATUS[SegmentKind(segment.kind)]
    return EpisodeStatus.RETURN_DUE if today > ordered[-1].end else EpisodeStatus.BETWEEN


def is_protected(children: Iterable[ChildDates], on: date) -> bool:
    """Pregnant (a child expected, not yet born) or a parent of a child under 3 on `on`."""
    for child in children:
        if child.birth_date is None and child.expected_birth is not None and child.expected_birth >= on:
            return True
        if child.birth_date is not None and on < third_birthday(child.birth_date):
            return True
    return False
