"""The demo's people in memory, as drawn, before they are written: posts held, children, leave, returns, exits."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from kopir.cases.demo.bodies import _Body, _Post
from kopir.cases.models import (
    AppointmentKind,
    Child,
    Destination,
    Employee,
    EpisodeKind,
    EpisodeStatus,
    LeaveEpisode,
    ProtectedGround,
    ReturnMode,
    SegmentKind,
    SeparationReason,
)

_T = TypeVar("_T")


@dataclass(eq=False)
class _Seg:
    kind: SegmentKind
    start: date
    end: date
    actual_start: date | None = None
    actual_end: date | None = None

    @property
    def real_end(self) -> date:
        return self.actual_end or self.end


@dataclass(eq=False)
class _Child:
    birth_date: date | None
    expected_birth: date | None
    order: int
    adopted: bool = False
    row: Child | None = None


@dataclass(eq=False)
class _Return:
    day: date
    mode: ReturnMode
    fraction: float = 1.0  # of full-time pay, while part-time or phased
    catch_up: bool = True  # the raises given during the leave are paid on return
    post: _Post | None = None
    salary: Decimal = Decimal(0)


@dataclass(eq=False)
class _Exit:
    day: date
    during_leave: bool
    episode: _Episode | None
    reason: SeparationReason = SeparationReason.UNKNOWN
    destination: Destination = Destination.UNKNOWN
    ground: ProtectedGround = ProtectedGround.NONE


@dataclass(eq=False)
class _Episode:
    kind: EpisodeKind
    child: _Child
    opened_on: date
    segments: list[_Seg]
    children: int = 1
    complicated: bool = False
    nuclear: bool = False
    back: _Return | None = None
    replaced: bool = False
    status: EpisodeStatus = EpisodeStatus.PLANNED
    follow_ups: list[tuple[int, bool, bool, date]] = field(default_factory=list)
    row: LeaveEpisode | None = None


@dataclass(eq=False)
class _Person:
    body: _Body
    seat: _Post
    sex: str
    birth_date: date
    iin: str
    surname: str
    given_name: str
    patronymic: str
    hired_on: date
    nuclear: bool
    pay_factor: float
    children: list[_Child] = field(default_factory=list)
    episodes: list[_Episode] = field(default_factory=list)
    exit: _Exit | None = None
    career: list[tuple[date, _Post, AppointmentKind]] = field(default_factory=list)
    pay: list[tuple[date, Decimal, str]] = field(default_factory=list)
    row: Employee | None = None

    def post_on(self, day: date) -> _Post:
        post = self.career[0][1]
        for starts, held, _ in self.career:
            if starts <= day:
                post = held
        return post


def _pick(rng: random.Random, table: Sequence[tuple[_T, float]]) -> _T:
    return rng.choices([item for item, _ in table], weights=[weight for _, weight in table])[0]


def _between(rng: random.Random, first: date, last: date) -> date:
    """A day from `first` to `last`, both included (`first` if the range is empty)."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
