"""What a reform changes, for the analyst who picks or reads it, in her language.

The reform file's description says what it changes, for whom and why, in kk, ru and en. The rest is
read from the law itself rather than written again in the file: each parameter it overrides (the
label, today's value, the reform's value, the unit, from when, and the acts behind today's value with
their links) and each new payment's settings with what they mean. So a label or an act on the page
cannot drift from the parameter tree the calculator uses.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from django.utils import translation

from kopir.microsim.formulas import Formula
from kopir.microsim.reforms import Change, Reform, ReformError, available, load
from kopir.policy.builder import saved_reform_parsed
from kopir.policy.models import SavedReform, SimulationRun
from kopir.policy.presentation import payment_name
from kopir.rules import default_law, formats
from kopir.rules.errors import RulesNotKnown
from kopir.rules.i18n import render
from kopir.rules.law import Language, Law
from kopir.rules.law_changes import describe_value, unit_name


@dataclass(frozen=True)
class ParameterChange:
    """One override: the parameter's label, today's and the reform's value, its unit and its legal acts."""

    label: str
    today: str
    reformed: str
    unit: str
    since: date
    acts: tuple[tuple[str, str], ...]  # (title, address) of each act behind today's value


@dataclass(frozen=True)
class Setting:
    """One setting of a new payment: what it means, and its value in the reform."""

    meaning: str
    value: str


@dataclass(frozen=True)
class NewPayment:
    name: str
    settings: tuple[Setting, ...]


@dataclass(frozen=True)
class ReformFacts:
    id: str
    title: str
    description: str
    changes: tuple[ParameterChange, ...]
    payments: tuple[NewPayment, ...]


def _parameter_change(change: Change, law: Law, lang: Language) -> ParameterChange:
    parameter = law[change.parameter]
    acts: tuple[tuple[str, str], ...] = ()
    try:
        reading = parameter.at(change.since)
    except RulesNotKnown:  # the reform starts before Kopir knows the law: no value and no act today
        today = describe_value(None, parameter.unit, lang)
    else:
        today = describe_value(reading.value, parameter.unit, lang)
        acts = tuple((ref.title[lang], ref.href) for ref in reading.primary_references)
    return ParameterChange(
        label=parameter.label[lang],
        today=today,
        reformed=describe_value(change.value, parameter.unit, lang),
        unit=unit_name(parameter.unit, lang),
        since=change.since,
        acts=acts,
    )


def _setting_value(field: dataclasses.Field[object], value: object, lang: Language) -> str:
    """A share (a setting bounded by 0 and 1) as a percentage; any other number with the decimals it has."""
    if field.metadata["low"] == 0 and field.metadata["high"] == 1:
        return formats.percent(Decimal(str(value)), lang, 1)
    decimals = Decimal(str(value)).as_tuple().exponent
    return formats.number(Decimal(str(value)), lang, max(0, -decimals) if isinstance(decimals, int) else 0)


def _new_payment(formula: Formula, lang: Language) -> NewPayment:
    settings = tuple(
        Setting(render(field.metadata["doc"], {}, lang), _setting_value(field, getattr(formula, field.name), lang))
        for field in dataclasses.fields(formula)
    )
    with translation.override(lang):  # the page's names are Django's messages; facts are cached by language
        return NewPayment(payment_name(formula.NAME), settings)


def facts_of(reform: Reform, law: Law, lang: Language) -> ReformFacts:
    """The facts of a reform already loaded (a shipped one, or one an analyst built)."""
    return ReformFacts(
        id=reform.id,
        title=reform.title[lang],
        description=reform.description.get(lang, ""),
        changes=tuple(_parameter_change(change, law, lang) for change in reform.changes),
        payments=tuple(_new_payment(formula, lang) for formula in reform.formulas),
    )


@cache
def shipped_reform_facts(reform_id: str, lang: Language) -> ReformFacts | None:
    """The facts of a shipped reform (read once per process and language); None for any other id."""
    if reform_id not in available():
        return None
    law = default_law()
    return facts_of(load(reform_id, law), law, lang)


def saved_reform_facts(saved: SavedReform, lang: Language) -> ReformFacts:
    """The facts of an analyst's saved reform, read back from its file; `ReformError` if today's law refuses it."""
    law = default_law()
    return facts_of(saved_reform_parsed(saved, law), law, lang)


def run_reform_facts(run: SimulationRun, lang: Language) -> ReformFacts | None:
    """The facts of a run's reform: a shipped one's, or the analyst's saved one read back (None if refused now)."""
    if run.saved_reform is None:
        return shipped_reform_facts(run.shipped_reform, lang)
    try:
        return saved_reform_facts(run.saved_reform, lang)
    except ReformError:  # today's law no longer accepts it: the saved reform's page says why
        return None


def every_shipped_reform(lang: Language) -> tuple[ReformFacts, ...]:
    """Every shipped reform's facts, in the order of the form's choices."""
    return tuple(facts for name in available() if (facts := shipped_reform_facts(name, lang)) is not None)
