"""The records of the exchange format, checked and in canonical form, independent of the database.

The parser builds them from lines, the exporter from the database; two records are the same
record exactly when they compare equal, which is how a re-import recognises what it already
holds (idempotence) and how the round-trip tests compare. Values are the contract's own codes
(sex ``F``/``M``, ``head_of_unit``, ``dismissal``, ``not_working``), not the models'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

BODIES_FILE = "bodies.jsonl"
EMPLOYEES_FILE = "employees.jsonl"

LEVELS = ("central", "regional", "district", "rural")
SEXES = ("F", "M")
CORPS = ("political", "A", "B")
MANAGERIAL_LEVELS = (
    "political",
    "corps_a",
    "head_of_central_department",
    "head_of_unit",
    "deputy_head",
    "head_of_sector",
    "specialist",
)
SEGMENT_KINDS = ("maternity", "adoption", "annual", "childcare")
RETURN_MODES = ("same_post", "equivalent_post", "lower_post", "part_time", "phased", "remote")
SEPARATION_REASONS = (
    "resignation",
    "reorganisation",
    "fixed_term_end",
    "dismissal",
    "transfer",
    "retirement",
    "death",
    "other",
)
DESTINATIONS = ("state_body", "private_sector", "not_working", "unknown")


def amount_json(amount: Decimal) -> int | Decimal:
    """Whole tenge as a JSON integer (the usual case), else the exact decimal."""
    return int(amount) if amount == amount.to_integral_value() else amount


@dataclass(frozen=True, slots=True)
class BodyRecord:
    code: str
    name_kk: str
    name_ru: str
    name_en: str
    parent: str | None
    level: str
    region: str

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": {"kk": self.name_kk, "ru": self.name_ru, "en": self.name_en},
            "parent": self.parent,
            "level": self.level,
            "region": self.region,
        }


@dataclass(frozen=True, slots=True)
class AppointmentRecord:
    start: date
    end: date | None
    body: str
    position: str
    corps: str
    category: str
    managerial_level: str
    monthly_pay: Decimal

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat() if self.end else None,
            "body": self.body,
            "position": self.position,
            "corps": self.corps,
            "category": self.category,
            "managerial_level": self.managerial_level,
            "monthly_pay": amount_json(self.monthly_pay),
        }


@dataclass(frozen=True, slots=True)
class ChildRecord:
    birth_date: date
    adopted: bool

    def to_json(self) -> dict[str, Any]:
        return {"birth_date": self.birth_date.isoformat(), "adopted": self.adopted}


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    kind: str
    start: date
    end: date

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class ReturnRecord:
    date: date
    mode: str

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "mode": self.mode}


@dataclass(frozen=True, slots=True)
class EpisodeRecord:
    child_birth_date: date
    segments: tuple[SegmentRecord, ...]
    return_to_work: ReturnRecord | None

    def to_json(self) -> dict[str, Any]:
        return {
            "child_birth_date": self.child_birth_date.isoformat(),
            "segments": [segment.to_json() for segment in self.segments],
            "return": self.return_to_work.to_json() if self.return_to_work else None,
        }


@dataclass(frozen=True, slots=True)
class SeparationRecord:
    date: date
    reason: str
    destination: str

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "reason": self.reason, "destination": self.destination}


@dataclass(frozen=True, slots=True)
class EmployeeRecord:
    """One person's history; the IIN is kept out of the repr so that no log or traceback shows it."""

    ref: str
    iin: str = field(repr=False)
    sex: str
    birth_date: date
    body: str
    appointments: tuple[AppointmentRecord, ...]
    children: tuple[ChildRecord, ...]
    episodes: tuple[EpisodeRecord, ...]
    separation: SeparationRecord | None

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "iin": self.iin,
            "sex": self.sex,
            "birth_date": self.birth_date.isoformat(),
            "body": self.body,
            "appointments": [appointment.to_json() for appointment in self.appointments],
            "children": [child.to_json() for child in self.children],
            "episodes": [episode.to_json() for episode in self.episodes],
            "separation": self.separation.to_json() if self.separation else None,
        }

    def bodies(self) -> set[str]:
        """Every body code the record names."""
        return {self.body} | {appointment.body for appointment in self.appointments}
