"""The record of a calculation: each step with the parameter it used, and the warnings.

Formulas do not build sentences. They read parameters through a `Trace`, which notes each
reading, and add `Step`s (a message id, its values, and the reading it rests on). The
response renders the same trace in kk, ru or en, so one calculation serves every language.

Reading a parameter is also where warnings come from: a value used after the date up to
which it is known, and a rule the domain spec marks as uncertain ([L]), each warn once.

The typed readers (`number`, `rate`, `rounding`, ...) take the value compiled in the law's
period table (`kopir.rules.law.InForce`), so a formula in a monthly loop builds no Decimal,
Fraction or rounding rule of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

from kopir.rules.acts import FORMULA_BY_PAYMENT, formula_act
from kopir.rules.i18n import N_
from kopir.rules.law import InForce, Language, Law, Reading, Reference
from kopir.rules.money import Rounding

BEYOND_KNOWN = N_(
    "The %(label)s for %(on)s is not published yet; the last known value, %(value)s "
    "(in force since %(since)s), was used."
)
BEYOND_KNOWN_SCALE = N_(
    "The %(label)s for %(on)s is not published yet; the last known values (in force since %(since)s) were used."
)
UNCERTAIN = N_("Uncertain rule (%(label)s): %(note)s")
_NUMBERS = (int, Decimal)  # a step shows a reading's value when it is one of these (a bool is an int)
_Derived = TypeVar("_Derived")


class Message(NamedTuple):
    """A message id and the values for its placeholders.

    Named tuples, not frozen dataclasses: as immutable, and built twice as fast (a frozen
    dataclass sets each field through ``object.__setattr__``); a calculation builds some twenty.
    """

    msgid: str
    params: Mapping[str, Any] = MappingProxyType({})


class Step(NamedTuple):
    """One step of the explanation of a payment: its message (`msgid`, `params`) and what it rests on.

    `basis` is the act of the step's formula, cited when the step reads no parameter (a reading
    carries its own primary act).
    """

    payment: str
    msgid: str
    params: Mapping[str, Any]
    reading: Reading | None = None
    value: Any = None
    basis: Reference | None = None

    @property
    def message(self) -> Message:
        return Message(self.msgid, self.params)

    @property
    def legal_references(self) -> tuple[Reference, ...]:
        """The acts this step rests on: the reading's primary acts, else the formula's act."""
        if self.reading is not None and self.reading.entry.primary:
            return self.reading.entry.primary
        return (self.basis,) if self.basis is not None else ()

    def legal_basis(self, lang: Language) -> tuple[str, str] | None:
        """The `legal_references` as a line of explanation cites them: their titles in `lang`, joined, and
        where to read the first (None when the step rests on no act); a read value's, built once per language."""
        reading = self.reading
        if reading is not None and reading.entry.primary:
            return reading.entry.legal_line(lang)
        basis = self.basis
        return (basis.title[lang], basis.href) if basis is not None else None


# A named tuple's own constructor is a Python function (a lambda around `tuple.__new__`), and costs twice
# what `tuple.__new__` does: the records a calculation makes by the dozen (steps, readings, warnings) are
# built with it directly, all fields given.
_new = tuple.__new__


class Trace:
    """Reads the law for one calculation and records what was used, computed and doubted."""

    def __init__(self, law: Law) -> None:
        self.law = law
        self.steps: list[Step] = []
        self._warnings: dict[tuple[str, str], Message] = {}
        self._periods = law.table.by_day  # the law's memo of each day's period, read here without a call
        self._bases: dict[str, Reference | None] = {}  # each payment's formula act, once its right's day is known
        self._warned: list[tuple[str, InForce]] | None = None  # while a `per_period` formula runs: its warnings
        self._noted: set[tuple[str, bool]] = set()  # (path, beyond known) whose warnings are recorded
        self._formula_dates: dict[str, date] = {}  # the day each payment's right arose: its formula's act is dated

    @property
    def warnings(self) -> list[Message]:
        return list(self._warnings.values())

    def read(self, path: str, on: date) -> Reading:
        """Read a parameter on a day, warning once per parameter if it is beyond known or uncertain."""
        value = self._in_force(path, on)
        return _new(Reading, (value.parameter, on, value.entry, value.beyond_known))

    def _in_force(self, path: str, on: date) -> InForce:
        """The compiled value: the day's period (found once per day and law), then one dict lookup."""
        period = self._periods.get(on)
        if period is None:
            period = self.law.table.period(on)
        value = period.get(path)
        if value is None:
            value = self.law.in_force(path, on)  # raises RulesNotKnown
        if value.warns:
            self._warns(path, on, value)
        return value

    def _warns(self, path: str, on: date, value: InForce) -> None:
        """A reading that warns: noted once per parameter, and kept for the `per_period` formula reading it."""
        if self._warned is not None:
            self._warned.append((path, value))
        if (path, value.beyond_known) not in self._noted:
            self._note(path, on, value)

    def _note(self, path: str, on: date, value: InForce) -> None:
        self._noted.add((path, value.beyond_known))  # each warning once per parameter
        if value.beyond_known and (BEYOND_KNOWN, path) not in self._warnings:
            params = {"label": value.label, "on": on, "since": value.entry.since}
            if isinstance(value.entry.value, int | Decimal):  # a switch too (bool is an int), as before
                params["value"] = value.entry.value
                self._warnings[BEYOND_KNOWN, path] = _new(Message, (BEYOND_KNOWN, params))
            else:
                self._warnings[BEYOND_KNOWN, path] = _new(Message, (BEYOND_KNOWN_SCALE, params))
        if value.doubt is not None:
            params = {"label": value.label, "note": value.doubt}
            self._warnings.setdefault((UNCERTAIN, path), _new(Message, (UNCERTAIN, params)))

    def number(self, path: str, on: date) -> Decimal:
        number = self._in_force(path, on).number
        if number is None:
            raise TypeError(f"{path} is not a number on {on}")
        return number

    def whole(self, path: str, on: date) -> int:
        """A parameter that is a whole number (days, months)."""
        value = self._in_force(path, on)
        if value.whole is None:
            return int(self.number(path, on))  # not whole: truncated, as before (or TypeError if no number)
        return value.whole

    def rate(self, path: str, on: date) -> Fraction:
        fraction = self._in_force(path, on).fraction
        if fraction is None:
            raise TypeError(f"{path} is not a number on {on}")
        return fraction

    def switch(self, path: str, on: date) -> bool:
        return self._in_force(path, on).entry.value is True

    def rounding(self, path: str, on: date) -> Rounding:
        rounding = self._in_force(path, on).rounding
        if rounding is None:
            raise TypeError(f"{path} is not a rounding rule")
        return rounding

    def by_order(self, path: str, on: date, order: int) -> tuple[Decimal, Fraction]:
        """A scale by birth order on `on`: the value for `order` and its exact fraction."""
        return self._in_force(path, on).by_order(order)

    def per_period(self, formula: Callable[[int, date, Trace], _Derived], order: int, on: date) -> _Derived:
        """`formula(order, on, self)`, computed once per period of the law (and birth order) for every calculation.

        For what depends only on the values in force on `on` (the state allowance of a birth order, a
        month's childcare rates and limits): `formula` reads the law on `on` alone, through this trace,
        so every day of the period gives the same result. The law keeps it with the readings that warned,
        in the order they were made, and each later calculation notes those again as if it had read them:
        its warnings are the same, and in the same order.
        """
        period = self._periods.get(on)
        if period is None:
            period = self.law.table.period(on)
        key = (formula, order, id(period))
        known = self.law.table.derived.get(key)
        if known is not None:
            for path, value in known[1]:
                self._warns(path, on, value)
            return known[0]  # type: ignore[no-any-return]
        outer = self._warned
        warned: list[tuple[str, InForce]] = []
        self._warned = warned
        try:
            derived = formula(order, on, self)
        finally:
            self._warned = outer
        self.law.table.derived[key] = (derived, tuple(warned))
        if outer is not None:  # a formula within a formula: the outer one read these too
            outer.extend(warned)
        return derived

    def mzp_multiple(self, path: str, on: date) -> int | None:
        """A limit written in minimum wages, in tiyn (None when the limit is not in force)."""
        multiple = self._in_force(path, on).number
        if multiple is None:
            return None
        return int(multiple * self.number("general.mzp", on) * 100)

    def date_formulas(self, dates: Mapping[str, date]) -> None:
        """Say on which day each payment's right arose, so a step that reads no value cites the act of that day."""
        self._formula_dates.update(dates)
        self._bases.clear()

    def formula_basis(self, payment: str) -> Reference | None:
        """The act of a payment's formula on the day its right arose (today's act while that day is unknown)."""
        if payment in self._bases:
            return self._bases[payment]
        on = self._formula_dates.get(payment)
        if on is None:
            return FORMULA_BY_PAYMENT.get(payment)
        basis = self._bases[payment] = formula_act(payment, on)
        return basis

    def step(
        self,
        payment: str,
        msgid: str,
        reading: Reading | None = None,
        value: Any = None,
        basis: Reference | None = None,
        **params: Any,
    ) -> None:
        """Add a step; `value` defaults to the reading's value when that is a number.

        A step without a reading rests on `basis`, by default the act of its payment's formula on the
        day its right arose (`date_formulas`).
        """
        if reading is None:
            if basis is None:
                basis = self.formula_basis(payment)
        elif value is None and isinstance(reading.entry.value, _NUMBERS):
            value = reading.entry.value
        self.steps.append(_new(Step, (payment, msgid, params, reading, value, basis)))

    def warn(self, msgid: str, key: str = "", **params: Any) -> None:
        self._warnings.setdefault((msgid, key), Message(msgid, params))
