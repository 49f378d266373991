"""The law as dated parameters: what a value is, since when, and which act says so.

A `Parameter` is one YAML file under ``parameters/`` (see ``law_files.py`` for the format);
`Law` holds them all and answers "what was X on day D" with a `Reading`, which keeps the
value together with its effective date, legal references and confidence, so that every
amount Kopir prints can be traced back to a dated value and its act.

Dates are day-precise: the maternity cap switches on on 2025-04-08, not at a month start.
A date after ``known_until`` still gets the last value, but the reading says so
(``beyond_known``) and the calculation warns.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from kopir.rules.errors import RulesNotKnown

Confidence = Literal["high", "medium", "low"]
Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")

# A value: a number (int or Decimal), a switch, a rounding rule, a scale by birth order, or None
# (not in force on that date).
ScalarValue = int | Decimal | bool | str | None
ParamValue = ScalarValue | Mapping[str, ScalarValue] | Mapping[int, Decimal]


@dataclass(frozen=True)
class Reference:
    """A legal act or official source: its title in kk, ru and en, and where to read it."""

    title: Mapping[str, str]
    href: str


@dataclass(frozen=True)
class DatedValue:
    """One value of a parameter, in force from `since` until the next value."""

    since: date
    value: ParamValue
    references: tuple[Reference, ...]
    confidence: Confidence


@dataclass(frozen=True)
class Parameter:
    """One legal parameter and its history of values."""

    path: str
    description: str
    unit: str
    label: Mapping[str, str]
    values: tuple[DatedValue, ...]
    known_until: date | None = None
    uncertainty: Mapping[str, str] | None = None
    _starts: tuple[date, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(v.since for v in self.values))

    def at(self, on: date) -> Reading:
        """Return the value in force on `on`; raise `RulesNotKnown` before the first value."""
        index = bisect.bisect_right(self._starts, on) - 1
        if index < 0:
            raise RulesNotKnown(self.path, on, self._starts[0])
        beyond = self.known_until is not None and on > self.known_until
        return Reading(parameter=self, on=on, entry=self.values[index], beyond_known=beyond)


@dataclass(frozen=True)
class Reading:
    """A parameter's value on a day, with where it comes from."""

    parameter: Parameter
    on: date
    entry: DatedValue
    beyond_known: bool

    @property
    def value(self) -> ParamValue:
        return self.entry.value

    @property
    def path(self) -> str:
        return self.parameter.path

    @property
    def is_uncertain(self) -> bool:
        return self.entry.confidence == "low"

    def legal_basis(self, lang: Language = "en") -> str:
        """The titles of the acts behind this value, in `lang`, joined for one line of explanation."""
        return "; ".join(ref.title[lang] for ref in self.entry.references)

    def number(self) -> Decimal:
        """The value as a Decimal; a parameter that is not a number here is a bug in the caller."""
        value = self.entry.value
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"{self.path} is not a number on {self.on}: {value!r}")
        return Decimal(value)

    def by_order(self, order: int) -> Decimal:
        """For a scale by birth order: the value of the highest bracket not above `order`."""
        scale = self.entry.value
        if not isinstance(scale, Mapping):
            raise TypeError(f"{self.path} is not a scale on {self.on}")
        brackets = {k: v for k, v in scale.items() if isinstance(k, int) and isinstance(v, Decimal)}
        return brackets[max(k for k in brackets if k <= order)]


@dataclass(frozen=True)
class Law:
    """Every parameter, by dotted path (``gfss.maternity.income_cap_mzp``), and the rules version."""

    parameters: Mapping[str, Parameter]
    version: str

    def __getitem__(self, path: str) -> Parameter:
        return self.parameters[path]

    def at(self, path: str, on: date) -> Reading:
        """Shorthand for ``law[path].at(on)``."""
        return self.parameters[path].at(on)

    def with_values(self, changes: Mapping[str, ParamValue], *, title: str) -> Law:
        """A copy of the law in which each named parameter has one value at all dates.

        The simplest reform: ``law.with_values({"gfss.childcare.rate": Decimal("0.5")}, title="...")``.
        The reform's title stands as the legal basis of the new values, so explanations show it.
        """
        parameters = dict(self.parameters)
        for path, value in changes.items():
            old = self.parameters[path]
            reference = Reference(dict.fromkeys(LANGUAGES, title), "kopir:reform")
            entry = DatedValue(old.values[0].since, value, (reference,), "high")
            parameters[path] = Parameter(old.path, old.description, old.unit, old.label, (entry,))
        return Law(parameters=parameters, version=f"{self.version}+reform")
