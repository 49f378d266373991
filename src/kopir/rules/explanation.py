"""The record of a calculation: each step with the parameter it used, and the warnings.

Formulas do not build sentences. They read parameters through a `Trace`, which notes each
reading, and add `Step`s (a message id, its values, and the reading it rests on). The
response renders the same trace in kk, ru or en, so one calculation serves every language.

Reading a parameter is also where warnings come from: a value used after the date up to
which it is known, and a rule the domain spec marks as uncertain ([L]), each warn once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

from kopir.rules.i18n import N_, Translated
from kopir.rules.law import Law, Reading
from kopir.rules.money import Rounding

BEYOND_KNOWN = N_(
    "The %(label)s for %(on)s is not published yet; the last known value, %(value)s "
    "(in force since %(since)s), was used."
)
BEYOND_KNOWN_SCALE = N_(
    "The %(label)s for %(on)s is not published yet; the last known values (in force since %(since)s) were used."
)
UNCERTAIN = N_("Uncertain rule (%(label)s): %(note)s")


@dataclass(frozen=True)
class Message:
    """A message id and the values for its placeholders."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """One step of the explanation of a payment."""

    payment: str
    message: Message
    reading: Reading | None = None
    value: Any = None


class Trace:
    """Reads the law for one calculation and records what was used, computed and doubted."""

    def __init__(self, law: Law) -> None:
        self.law = law
        self.steps: list[Step] = []
        self._warnings: dict[tuple[str, str], Message] = {}
        self._readings: dict[tuple[str, date], Reading] = {}

    @property
    def warnings(self) -> list[Message]:
        return list(self._warnings.values())

    def read(self, path: str, on: date) -> Reading:
        """Read a parameter on a day, warning once per parameter if it is beyond known or uncertain."""
        reading = self._readings.get((path, on))
        if reading is not None:
            return reading
        reading = self._readings[path, on] = self.law.at(path, on)
        label = Translated(reading.parameter.label)
        if reading.beyond_known and (BEYOND_KNOWN, path) not in self._warnings:
            params = {"label": label, "on": on, "since": reading.entry.since}
            if isinstance(reading.value, int | Decimal):
                self._warnings[BEYOND_KNOWN, path] = Message(BEYOND_KNOWN, params | {"value": reading.value})
            else:
                self._warnings[BEYOND_KNOWN, path] = Message(BEYOND_KNOWN_SCALE, params)
        if reading.is_uncertain and reading.parameter.uncertainty is not None:
            note = Translated(reading.parameter.uncertainty)
            self._warnings.setdefault((UNCERTAIN, path), Message(UNCERTAIN, {"label": label, "note": note}))
        return reading

    def number(self, path: str, on: date) -> Decimal:
        return self.read(path, on).number()

    def whole(self, path: str, on: date) -> int:
        """A parameter that is a whole number (days, months)."""
        return int(self.read(path, on).number())

    def rate(self, path: str, on: date) -> Fraction:
        return Fraction(self.read(path, on).number())

    def switch(self, path: str, on: date) -> bool:
        return self.read(path, on).value is True

    def rounding(self, path: str, on: date) -> Rounding:
        value = self.read(path, on).value
        if not isinstance(value, Mapping):
            raise TypeError(f"{path} is not a rounding rule")
        rule = cast(Mapping[str, Any], value)
        return Rounding(mode=rule["mode"], unit=int(rule["unit"]))

    def mzp_multiple(self, path: str, on: date) -> int | None:
        """A limit written in minimum wages, in tiyn (None when the limit is not in force)."""
        multiple = self.read(path, on).value
        if multiple is None:
            return None
        mzp = self.number("general.mzp", on)
        return int(Decimal(str(multiple)) * mzp * 100)

    def step(self, payment: str, msgid: str, reading: Reading | None = None, value: Any = None, **params: Any) -> None:
        """Add a step; `value` defaults to the reading's value when that is a number."""
        if value is None and reading is not None and isinstance(reading.value, int | Decimal | bool):
            value = reading.value
        self.steps.append(Step(payment, Message(msgid, params), reading, value))

    def warn(self, msgid: str, key: str = "", **params: Any) -> None:
        self._warnings.setdefault((msgid, key), Message(msgid, params))
