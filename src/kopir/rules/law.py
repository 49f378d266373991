"""The law as dated parameters: what a value is, since when, and which act says so.

A `Parameter` is one YAML file under ``parameters/`` (see ``law_files.py`` for the format);
`Law` holds them all and answers "what was X on day D" with a `Reading`, which keeps the
value together with its effective date, legal references and confidence, so that every
amount Kopir prints can be traced back to a dated value and its act.

Dates are day-precise: the maternity cap switches on on 2025-04-08, not at a month start.
A date after ``known_until`` still gets the last value, but the reading says so
(``beyond_known``) and the calculation warns.

The law is compiled once when a `Law` is made (the shipped one, or a reform's copy): a
`PeriodTable` lists the days on which any value changes, and each period between two such days
holds every parameter's value in force with what formulas ask of it (the Decimal, the exact
fraction, the rounding rule) already built. A reading then costs one bisect and one dict lookup,
whatever the day, instead of a search per parameter and new objects per call.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, cast

from kopir.rules.errors import RulesNotKnown
from kopir.rules.money import Rounding

Confidence = Literal["high", "medium", "low"]
Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "en")

# A value: a number (int or Decimal), a switch, a rounding rule, a scale by birth order, or None
# (not in force on that date).
ScalarValue = int | Decimal | bool | str | None
ParamValue = ScalarValue | Mapping[str, ScalarValue] | Mapping[int, Decimal]


@dataclass(frozen=True)
class Reference:
    """A legal act or official source: its title in kk, ru and en, and where to read it.

    A primary reference is the act (or a state body's published answer) that sets the value: it is
    what an explanation cites as the legal basis. A secondary one (a news or bank page that reported
    the value) is kept for the record, never shown as the basis (contract v1.1).
    """

    title: Mapping[str, str]
    href: str
    primary: bool = True


@dataclass(frozen=True)
class DatedValue:
    """One value of a parameter, in force from `since` until the next value.

    What every explanation step that reads the value shows of it (its primary acts, the sources'
    addresses, the date) is built once here, not per step; the acts' titles once per language.
    """

    since: date
    value: ParamValue
    references: tuple[Reference, ...]
    confidence: Confidence
    primary: tuple[Reference, ...] = field(init=False, repr=False, compare=False)
    sources: tuple[str, ...] = field(init=False, repr=False, compare=False)
    since_iso: str = field(init=False, repr=False, compare=False)
    _basis: dict[str, str] = field(init=False, repr=False, compare=False)
    _lines: dict[str, tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "primary", tuple(ref for ref in self.references if ref.primary))
        object.__setattr__(self, "sources", tuple(ref.href for ref in self.references))
        object.__setattr__(self, "since_iso", self.since.isoformat())
        object.__setattr__(self, "_basis", {})
        object.__setattr__(self, "_lines", {})

    def legal_basis(self, lang: Language) -> str:
        """The titles of the primary acts in `lang`, joined for one line of explanation."""
        basis = self._basis.get(lang)
        if basis is None:
            basis = self._basis[lang] = "; ".join(ref.title[lang] for ref in self.primary)
        return basis

    def legal_line(self, lang: Language) -> tuple[str, str]:
        """`legal_basis` and the address of the first primary act: what a line of explanation cites (a value
        with a primary act only)."""
        line = self._lines.get(lang)
        if line is None:
            line = self._lines[lang] = (self.legal_basis(lang), self.primary[0].href)
        return line


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

    @property
    def starts(self) -> tuple[date, ...]:
        """The dates from which each value is in force, ascending."""
        return self._starts

    def at(self, on: date) -> Reading:
        """Return the value in force on `on`; raise `RulesNotKnown` before the first value."""
        index = bisect.bisect_right(self._starts, on) - 1
        if index < 0:
            raise RulesNotKnown(self.path, on, self._starts[0])
        beyond = self.known_until is not None and on > self.known_until
        return Reading(parameter=self, on=on, entry=self.values[index], beyond_known=beyond)


class Reading(NamedTuple):
    """A parameter's value on a day, with where it comes from.

    A named tuple, not a frozen dataclass: as immutable, and built twice as fast (a calculation
    builds some fifteen; see `kopir.rules.explanation.Message`).
    """

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

    @property
    def primary_references(self) -> tuple[Reference, ...]:
        """The acts that set this value (every shipped value has at least one; see the code-health tests)."""
        return self.entry.primary

    def legal_basis(self, lang: Language = "en") -> str:
        """The titles of the primary acts behind this value, in `lang`, joined for one line of explanation."""
        return self.entry.legal_basis(lang)

    @property
    def legal_href(self) -> str | None:
        """Where to read the first primary act (None only for a value with no primary reference)."""
        primary = self.entry.primary
        return primary[0].href if primary else None

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
        return _bracket(_scale(scale), order)[0]


Bracket = tuple[Decimal, Fraction]


def _scale(value: Mapping[Any, Any]) -> tuple[tuple[int, Bracket], ...]:
    """A scale by birth order as (lowest order, (value, exact fraction)), highest order first."""
    items = [(k, v) for k, v in value.items() if isinstance(k, int) and isinstance(v, Decimal)]
    return tuple((k, (v, Fraction(v))) for k, v in sorted(items, reverse=True))


def _bracket(scale: tuple[tuple[int, Bracket], ...], order: int) -> Bracket:
    for lowest, bracket in scale:
        if lowest <= order:
            return bracket
    raise KeyError(order)


class Translated:
    """A text that comes already in three languages: a parameter's label or its note of doubt, as a warning
    shows them (`kopir.rules.i18n` formats it; built once per value of the law, `InForce`)."""

    __slots__ = ("texts",)

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts

    def __eq__(self, other: object) -> bool:
        return type(other) is Translated and self.texts == other.texts

    def __hash__(self) -> int:
        return hash(tuple(self.texts.items()))

    def __repr__(self) -> str:
        return f"Translated({self.texts!r})"


@dataclass(frozen=True, slots=True)
class InForce:
    """One parameter's value over one period of the law, with what formulas ask of it built once."""

    parameter: Parameter
    entry: DatedValue
    beyond_known: bool
    number: Decimal | None  # None when the value is not a number
    fraction: Fraction | None
    rounding: Rounding | None
    scale: tuple[tuple[int, Bracket], ...]
    whole: int | None  # the number as an int when it is whole (days, months)
    warns: bool  # reading it puts a warning on the calculation (beyond known, or an uncertain rule)
    label: Translated  # the parameter's label, as a warning names it
    doubt: Translated | None  # the note of an uncertain rule ([L]) whose value is of low confidence, else None

    def by_order(self, order: int) -> Bracket:
        """For a scale by birth order: the bracket's value and its exact fraction."""
        return _bracket(self.scale, order)


def _in_force(parameter: Parameter, entry: DatedValue, beyond_known: bool) -> InForce:
    value = entry.value
    number = Decimal(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else None
    rounding = None
    scale: tuple[tuple[int, Bracket], ...] = ()
    if isinstance(value, Mapping):
        rule = cast(Mapping[Any, Any], value)
        if "mode" in rule:
            rounding = Rounding(mode=rule["mode"], unit=int(rule["unit"]))
        else:
            scale = _scale(rule)
    fraction = Fraction(number) if number is not None else None
    whole = int(number) if number is not None and number == number.to_integral_value() else None
    warns = beyond_known or entry.confidence == "low"
    uncertain = entry.confidence == "low" and parameter.uncertainty is not None
    doubt = Translated(parameter.uncertainty) if uncertain else None  # type: ignore[arg-type]
    label = Translated(parameter.label)
    return InForce(parameter, entry, beyond_known, number, fraction, rounding, scale, whole, warns, label, doubt)


_BEFORE_THE_LAW: Mapping[str, InForce] = MappingProxyType({})


@dataclass(frozen=True)
class PeriodTable:
    """The days on which any value of the law changes, and every value in force from each of them.

    ``periods[i]`` holds the values in force from ``starts[i]`` up to the day before
    ``starts[i + 1]``; a parameter absent from a period has no value yet on those days.
    """

    starts: tuple[date, ...]
    periods: tuple[Mapping[str, InForce], ...]
    # The period of each day asked for, found by bisection once per day and law: a calculation asks for
    # some twenty days (its months, its dates), and requests share them. At most one entry per day of the
    # dates requests may reach (1900-2100), a few megabytes at worst. Filled by `period`; a `Trace` reads it
    # directly, a dictionary lookup instead of a call for each value it reads.
    by_day: dict[date, Mapping[str, InForce]] = field(default_factory=dict, init=False, repr=False, compare=False)
    # What a formula derives from one period's values alone (`kopir.rules.explanation.Trace.per_period`),
    # with the readings that warned, by (formula, birth order, id of the period): a few per period.
    derived: dict[tuple[object, int, int], tuple[Any, tuple[tuple[str, InForce], ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def compile(cls, parameters: Mapping[str, Parameter]) -> PeriodTable:
        """Build the table: each change date is a period start; values are shared between periods."""
        changes: set[date] = set()
        for parameter in parameters.values():
            changes.update(parameter.starts)
            if parameter.known_until is not None:
                changes.add(parameter.known_until + timedelta(days=1))
        starts = tuple(sorted(changes))
        built: dict[tuple[str, int, bool], InForce] = {}
        periods = []
        for start in starts:
            period = {}
            for path, parameter in parameters.items():
                index = bisect.bisect_right(parameter.starts, start) - 1
                if index < 0:
                    continue
                beyond = parameter.known_until is not None and start > parameter.known_until
                key = (path, index, beyond)
                if key not in built:
                    built[key] = _in_force(parameter, parameter.values[index], beyond)
                period[path] = built[key]
            periods.append(period)
        return cls(starts, tuple(periods))

    def next_change(self, on: date) -> date:
        """The first day after `on` on which a value changes (`date.max` if none): the days before it read as `on`."""
        index = bisect.bisect_right(self.starts, on)
        return self.starts[index] if index < len(self.starts) else date.max

    def period(self, on: date) -> Mapping[str, InForce]:
        """Every value in force on `on` (empty before the law's first date); the same object for a whole period."""
        period = self.by_day.get(on)
        if period is None:
            index = bisect.bisect_right(self.starts, on) - 1
            period = self.by_day[on] = self.periods[index] if index >= 0 else _BEFORE_THE_LAW
        return period


@dataclass(frozen=True)
class Law:
    """Every parameter, by dotted path (``gfss.maternity.income_cap_mzp``), and the rules version.

    Compiled into its `PeriodTable` when made, so every copy (a reform's too) reads fast.
    """

    parameters: Mapping[str, Parameter]
    version: str
    table: PeriodTable = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", PeriodTable.compile(self.parameters))

    def __getitem__(self, path: str) -> Parameter:
        return self.parameters[path]

    def in_force(self, path: str, on: date) -> InForce:
        """The compiled value of a parameter on `on`; raise `RulesNotKnown` before its first value."""
        value = self.table.period(on).get(path)
        if value is None:
            self.parameters[path].at(on)  # raises RulesNotKnown (or KeyError for an unknown path)
            raise AssertionError(path)  # pragma: no cover - the table holds every value in force
        return value

    def at(self, path: str, on: date) -> Reading:
        """The reading of ``law[path]`` on `on`, from the compiled table."""
        value = self.in_force(path, on)
        return Reading(parameter=value.parameter, on=on, entry=value.entry, beyond_known=value.beyond_known)

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
