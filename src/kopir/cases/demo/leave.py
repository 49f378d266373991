"""The leave chains of the demo: births and adoptions, the leave planned by the rules, how each episode ends."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from kopir.cases.demo.records import _between, _Child, _Episode, _Exit, _Person, _pick, _Return, _Seg
from kopir.cases.leave_state import Stretch, is_protected, status_on, third_birthday_eve
from kopir.cases.models import (
    Destination,
    EpisodeKind,
    EpisodeStatus,
    ProtectedGround,
    ReturnMode,
    SegmentKind,
    SeparationReason,
)
from kopir.rules import leave_for
from kopir.rules.months import add_months
from kopir.workdays import is_working_day

FATHER_SHARE = 0.02  # men of 22-47 who take childcare leave once in the window
ADOPTION_SHARE = 0.01
TWINS_SHARE = 0.015
COMPLICATED_SHARE = 0.1
RETURN_MODES = (
    (ReturnMode.SAME_POST, 0.70),
    (ReturnMode.EQUIVALENT_POST, 0.10),
    (ReturnMode.PART_TIME, 0.06),
    (ReturnMode.PHASED, 0.06),
    (ReturnMode.REMOTE, 0.04),
    (ReturnMode.LOWER_POST, 0.04),
)
PROTECTED_EXITS = (  # reason, legal ground (Labour Code art. 54), weight
    (SeparationReason.RESIGNATION, ProtectedGround.OWN_INITIATIVE, 0.55),
    (SeparationReason.TRANSFER, ProtectedGround.TRANSFER, 0.25),
    (SeparationReason.RESIGNATION, ProtectedGround.AGREEMENT, 0.14),
    (SeparationReason.REORGANISATION, ProtectedGround.LIQUIDATION, 0.06),
)
OTHER_EXITS = (
    (SeparationReason.RESIGNATION, 0.45),
    (SeparationReason.TRANSFER, 0.20),
    (SeparationReason.FIXED_TERM_END, 0.08),
    (SeparationReason.REORGANISATION, 0.07),
    (SeparationReason.OTHER_DISMISSAL, 0.05),
    (SeparationReason.UNKNOWN, 0.15),
)
DESTINATIONS: dict[str, tuple[tuple[Destination, float], ...]] = {
    SeparationReason.TRANSFER: ((Destination.STATE_BODY, 1.0),),
    SeparationReason.RESIGNATION: (
        (Destination.PRIVATE_SECTOR, 0.45),
        (Destination.OUT_OF_WORK, 0.30),
        (Destination.STATE_BODY, 0.05),
        (Destination.UNKNOWN, 0.20),
    ),
    SeparationReason.REORGANISATION: (
        (Destination.STATE_BODY, 0.30),
        (Destination.OUT_OF_WORK, 0.40),
        (Destination.PRIVATE_SECTOR, 0.15),
        (Destination.UNKNOWN, 0.15),
    ),
    SeparationReason.FIXED_TERM_END: (
        (Destination.OUT_OF_WORK, 0.40),
        (Destination.PRIVATE_SECTOR, 0.30),
        (Destination.UNKNOWN, 0.30),
    ),
    SeparationReason.OTHER_DISMISSAL: ((Destination.OUT_OF_WORK, 0.5), (Destination.UNKNOWN, 0.5)),
    SeparationReason.UNKNOWN: ((Destination.UNKNOWN, 1.0),),
}


def _fertility(age: float) -> float:
    """Births a year per woman at `age`: Kazakhstan's high fertility, a little lower in the civil service."""
    for upper, rate in ((20, 0.02), (25, 0.12), (30, 0.15), (35, 0.12), (40, 0.07), (45, 0.02)):
        if age < upper:
            return rate
    return 0.0


def _status(episode: _Episode, today: date) -> EpisodeStatus:
    """`leave_state.status_on` over the segments as taken (a separation: the caller)."""
    taken = [Stretch(s.kind, s.actual_start or s.start, s.real_end) for s in episode.segments]
    return status_on(taken, returned=episode.back is not None, exited=False, today=today)


class _LeaveDraws:
    """The children and leave of a person, drawn from the demo's one random generator (`_People` uses it)."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.window_start = date(today.year - 5, 1, 1)
        self.working: dict[date, bool] = {}

    def _working_day(self, day: date) -> date:
        """`day`, or the next working day after it."""
        while True:
            if day not in self.working:
                self.working[day] = is_working_day(day)
            if self.working[day]:
                return day
            day += timedelta(days=1)

    # children and leave

    def _older_children(self, person: _Person, before: date) -> None:
        """Children born before the window (no leave recorded for them), by the parent's age."""
        rng = self.rng
        last = min(before, self.window_start) - timedelta(days=400)
        first = person.birth_date + timedelta(days=round(21 * 365.25))
        age = (self.window_start - person.birth_date).days / 365.25
        count = _pick(rng, ((0, 0.3), (1, 0.35), (2, 0.25), (3, 0.1))) if age >= 27 else int(rng.random() < 0.3)
        born: list[date] = []
        for _ in range(count):
            if first > last:
                break
            day = _between(rng, first, last)
            born.append(day)
            first = day + timedelta(days=540)
        person.children += [_Child(day, None, order) for order, day in enumerate(born, start=1)]

    def _mother(self, person: _Person) -> None:
        rng = self.rng
        limit = self.today + timedelta(days=14)
        earliest = max(self.window_start, person.hired_on + timedelta(days=90))
        month = earliest.replace(day=1)
        started = False
        while month <= limit:
            age = (month - person.birth_date).days / 365.25
            if age >= 46:
                return
            if rng.random() >= _fertility(age) / 12:
                month = add_months(month, 1)
                continue
            start = max(earliest, month + timedelta(days=rng.randrange(28)))
            if not started:
                self._older_children(person, start)
                started = True
            episode = self._adoption(person, start) if rng.random() < ADOPTION_SHARE else self._birth(person, start)
            if episode is None:
                return
            person.episodes.append(episode)
            following = self._outcome(person, episode)
            if following is None:
                return
            earliest = following
            month = following.replace(day=1)

    def _birth(self, person: _Person, start: date) -> _Episode | None:
        """A birth whose maternity leave starts on `start` (the expected birth 70 or 91 days later)."""
        rng = self.rng
        before = 91 if person.nuclear else 70
        expected = start + timedelta(days=before)
        birth = expected + timedelta(days=max(-14, min(20, round(rng.gauss(0, 8)))))
        born = birth <= self.today
        children = 2 if rng.random() < TWINS_SHARE else 1
        complicated = born and rng.random() < COMPLICATED_SHARE
        event: dict[str, Any] = {
            "type": "birth",
            "expected_birth": expected.isoformat(),
            "children": children,
            "complicated_birth": complicated,
        }
        if born:
            event["birth_date"] = birth.isoformat()
        leave = leave_for(event, nuclear_test_zone=person.nuclear)
        opened = max(person.hired_on, leave.start - timedelta(days=rng.randint(0, 10)))
        if opened > self.today:
            return None
        child = _Child(birth if born else None, leave.expected_birth, len(person.children) + 1)
        person.children.append(child)
        first = _Seg(SegmentKind.MATERNITY, leave.start, leave.end)
        return _Episode(
            EpisodeKind.BIRTH,
            child,
            opened,
            self._chain(first, birth if born else expected),  # the clock runs from the date on record
            children=children,
            complicated=complicated,
            nuclear=person.nuclear,
            replaced=rng.random() < 0.35,
        )

    def _adoption(self, person: _Person, adopted: date) -> _Episode | None:
        """An adoption of a baby of 5 to 45 days: the leave runs to day 56 after the birth."""
        rng = self.rng
        birth = adopted - timedelta(days=rng.randint(5, 45))
        event = {
            "type": "adoption",
            "birth_date": birth.isoformat(),
            "adoption_date": adopted.isoformat(),
            "children": 1,
            "complicated_birth": False,
        }
        leave = leave_for(event, nuclear_test_zone=person.nuclear)
        opened = adopted + timedelta(days=rng.randint(0, 5))
        if opened > self.today:
            return None
        child = _Child(birth, leave.expected_birth, len(person.children) + 1, adopted=True)
        person.children.append(child)
        first = _Seg(SegmentKind.ADOPTION, leave.start, leave.end)
        return _Episode(EpisodeKind.ADOPTION, child, opened, self._chain(first, birth), nuclear=person.nuclear)

    def _chain(self, first: _Seg, birth: date) -> list[_Seg]:
        """The whole planned chain: the first leave, maybe annual leave, childcare leave in parts."""
        rng = self.rng
        segments = [first]
        if rng.random() < 0.45:
            segments.append(_Seg(SegmentKind.ANNUAL, first.end + timedelta(days=1), first.end + timedelta(days=30)))
        third_eve = third_birthday_eve(birth)
        start = segments[-1].end + timedelta(days=1)
        plan = _pick(rng, ((0, 0.1), (12, 0.25), (18, 0.35), (24, 0.1), (36, 0.2)))
        target = add_months(birth, plan) - timedelta(days=1) if plan else start + timedelta(days=rng.randint(60, 180))
        target = min(target, third_eve)
        if target < start + timedelta(days=14):
            return segments
        parts = _pick(rng, ((1, 0.7), (2, 0.2), (3, 0.1)))
        cuts = sorted(_between(rng, start + timedelta(days=14), target - timedelta(days=14)) for _ in range(parts - 1))
        gaps = parts > 1 and rng.random() < 0.35
        shift = timedelta(0)
        for part_end in [*cuts, target]:
            if part_end != target and part_end < start + timedelta(days=14):
                continue  # too short a part: it joins the next one
            part = _Seg(SegmentKind.CHILDCARE, start + shift, min(part_end + shift, third_eve))
            if part.end < part.start + timedelta(days=14):
                break
            segments.append(part)
            start = part_end + timedelta(days=1)
            if gaps:
                shift += timedelta(days=rng.randint(14, 90))
        return segments

    def _outcome(self, person: _Person, episode: _Episode) -> date | None:
        """How the episode ends, if it has by today; the earliest start of a next leave, or None."""
        rng = self.rng
        today = self.today
        planned = episode.segments
        back_on = planned[-1].end + timedelta(days=1)
        draw = rng.random()
        if draw < 0.09:  # she leaves during the leave, or does not come back at its end
            last = back_on - timedelta(days=1)
            day = min(last, _between(rng, planned[0].start + timedelta(days=30), last)) if draw < 0.06 else last
            if day <= today:
                self._cut(episode, last_day=day)
                person.exit = _Exit(day, during_leave=True, episode=episode)
                return None
        else:
            childcare = [s for s in planned if s.kind == SegmentKind.CHILDCARE]
            if childcare and rng.random() < 0.12:  # back before the planned end
                back_on = _between(rng, childcare[0].start + timedelta(days=30), back_on - timedelta(days=1))
            back_on = self._working_day(back_on)
            late = (today - back_on).days < 21 and rng.random() < 0.4  # not yet recorded by HR
            if back_on <= today and not late:
                self._cut(episode, last_day=back_on - timedelta(days=1))
                episode.back = self._return(back_on)
                return self._after_return(person, back_on)
        self._known(episode)
        return None

    def _return(self, day: date) -> _Return:
        rng = self.rng
        mode = _pick(rng, RETURN_MODES)
        fraction = {ReturnMode.PART_TIME: rng.choice((0.5, 0.75)), ReturnMode.PHASED: 0.75}.get(mode, 1.0)
        return _Return(day, mode, fraction, catch_up=rng.random() < 0.92)

    def _after_return(self, person: _Person, back_on: date) -> date | None:
        """Some leave within two years of the return; the others may have another child."""
        rng = self.rng
        if rng.random() < 0.1:
            day = back_on + timedelta(days=rng.randint(30, 730))
            if day <= self.today:
                person.exit = _Exit(day, during_leave=False, episode=None)
                return None
        return back_on + timedelta(days=90)

    def _cut(self, episode: _Episode, last_day: date) -> None:
        """The chain as it happened when it ended on `last_day`: later parts dropped, the last one cut."""
        kept = [s for s in episode.segments if s.start <= last_day]
        for segment in kept:
            segment.actual_start = segment.start
            if segment.end > last_day:
                segment.actual_end = last_day
            elif segment.end < self.today:
                segment.actual_end = segment.end
        episode.segments = kept

    def _known(self, episode: _Episode) -> None:
        """An open episode holds the parts applied for: the next one while on the previous, or 14 days ahead.

        Nothing follows the maternity leave until the child is born.
        """
        today = self.today
        planned = episode.segments if episode.child.birth_date is not None else episode.segments[:1]
        kept = planned[:1]
        for previous, segment in pairwise(planned):
            if previous.start <= today or segment.start <= today + timedelta(days=14):
                kept.append(segment)
            else:
                break
        for segment in kept:
            if segment.start <= today:
                segment.actual_start = segment.start
            if segment.end < today:
                segment.actual_end = segment.end
        episode.segments = kept

    def _father(self, person: _Person) -> None:
        """A father's childcare leave after the mother's maternity leave (Labour Code art. 100)."""
        rng = self.rng
        age = (self.window_start - person.birth_date).days / 365.25
        if not 20 <= age <= 45 or rng.random() >= FATHER_SHARE:
            return
        birth = _between(rng, max(self.window_start, person.hired_on), self.today - timedelta(days=60))
        start = max(birth + timedelta(days=rng.randint(56, 420)), person.hired_on + timedelta(days=90))
        end = min(start + timedelta(days=rng.randint(60, 365) - 1), third_birthday_eve(birth))
        opened = start - timedelta(days=rng.randint(7, 21))
        if end < start + timedelta(days=14) or opened > self.today:
            return
        self._older_children(person, birth)
        child = _Child(birth, None, len(person.children) + 1)
        person.children.append(child)
        episode = _Episode(EpisodeKind.BIRTH, child, opened, [_Seg(SegmentKind.CHILDCARE, start, end)])
        person.episodes.append(episode)
        if rng.random() < 0.08:
            day = _between(rng, start, end)
            if day <= self.today:
                self._cut(episode, last_day=day)
                person.exit = _Exit(day, during_leave=True, episode=episode)
                return
        back_on = self._working_day(end + timedelta(days=1))
        if back_on <= self.today:
            self._cut(episode, last_day=back_on - timedelta(days=1))
            mode = ReturnMode.REMOTE if rng.random() < 0.1 else ReturnMode.SAME_POST
            episode.back = _Return(back_on, mode)
            self._after_return(person, back_on)
        else:
            self._known(episode)

    def _exit_reason(self, person: _Person, leaving: _Exit) -> None:
        rng = self.rng
        if is_protected(person.children, leaving.day):
            leaving.reason, leaving.ground = _pick(rng, [((r, g), w) for r, g, w in PROTECTED_EXITS])
        else:
            leaving.reason = _pick(rng, OTHER_EXITS)
        leaving.destination = _pick(rng, DESTINATIONS[leaving.reason])
