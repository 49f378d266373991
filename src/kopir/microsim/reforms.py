"""Reforms as data: a YAML file of dated parameter overrides and named formulas with parameters.

    id: maternity-cap-10-mzp                  # the file's name without .yaml
    title: {kk: ..., ru: ..., en: ...}
    description: {kk: ..., ru: ..., en: ...}  # optional: what it changes, for whom, and why
    changes:                                  # dated overrides of the law's parameters
      - parameter: gfss.maternity.income_cap_mzp
        since: 2025-01-01
        value: 10
    formulas:                                 # new payments (kopir.microsim.formulas)
      - name: nursery_subsidy
        monthly_tenge: 30000
        ...

The description is optional, so a file written before it existed (or one an analyst writes in a hurry)
stays valid; the costing page then shows the changes read from the law without a text above them.

A file is checked strictly before anything runs: an unknown key, parameter or formula, a value
of the wrong kind (a number for a switch), a formula parameter out of its bounds, all are
reported together with the file and the place, so an analyst can fix the file in one go.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kopir.microsim.formulas import FORMULAS, Formula
from kopir.rules.i18n import N_, Phrase, render
from kopir.rules.law import LANGUAGES, DatedValue, Language, Law, Parameter, ParamValue, Reference
from kopir.rules.law_changes import UNIT_NAMES
from kopir.strict_yaml import load_strict

REFORMS = Path(__file__).parent / "reforms"
TOP_KEYS = {"id", "title", "description", "changes", "formulas"}
CHANGE_KEYS = {"parameter", "since", "value"}
UNKNOWN_KEY = N_("unknown key %(key)s")
MISSING_KEY = N_("missing key %(key)s")
SINCE_NOT_A_DATE = N_("since must be a date (YYYY-MM-DD), not %(value)s")
SINCE_BEFORE_THE_LAW = N_("%(parameter)s has no value before %(first)s; a change cannot start earlier")
NOT_A_NUMBER = N_("%(parameter)s is a number (not negative), not %(value)s")
NOT_WHOLE = N_("%(parameter)s is a whole number, not %(value)s")
TOO_PRECISE = N_("%(parameter)s takes at most %(places)s decimal places, not %(value)s")
DECIMAL_PLACES = 6  # a rate to a ten-thousandth of a percent; more would only slow the exact arithmetic
OUTSIDE = N_("%(value)s is outside %(low)s..%(high)s (%(doc)s)")
ABOVE_THE_UNITS_LIMIT = N_("%(parameter)s: %(value)s is outside %(low)s..%(high)s (%(doc)s)")
# The widest value a change may give, by unit, so that a slip of the keyboard (zeros too many, a
# percentage typed as 45 for a share of 0.45) is refused before a run rather than computed. These are
# sanity limits, not policy: each is far beyond the law's values today (`src/kopir/rules/parameters/`,
# the 2025 values in brackets) and any reform discussed, and the refusal names the parameter and the limit.
HIGHEST_BY_UNIT: Mapping[str, int] = {
    # a share of one (rates 0.01 to 0.40): more than 1 would pay or take more than the whole income
    "rate": 1,
    # the MRP and the MZP (4,325 and 85,000 tenge): a billion is over ten thousand times the MZP, so a
    # slip of five zeros is caught while no index a reform could set comes near it
    "tenge": 1_000_000_000,
    # caps, ceilings and floors of income (1 to 50 MZP): a thousand is twenty times the widest
    "mzp_multiple": 1_000,
    # a payment in MRP (the birth allowance is 38 to 63 MRP by birth order): ten thousand is over 150 times it
    "mrp_multiple": 10_000,
    # leave around a birth (56 to 93 days): ten years of calendar days (10 x 366)
    "days": 3_660,
    # days to decide (8 working days): ten years of working days (10 x 260)
    "working_days": 2_600,
    # payment periods and windows (6 to 24 months): ten years
    "months": 120,
    # a child's age (unpaid leave until 3): childhood ends at 18, the age of majority (Civil Code, art. 17)
    "years": 18,
}


@dataclass(frozen=True)
class Problem:
    """One problem of a reform file: where it is (a path in the YAML, the analyst's own words, never translated),
    and a message of the rules' catalogue with its values, so the command shows it in the language of ``--lang``."""

    where: str
    message: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def text(self, lang: Language) -> str:
        shown = render(self.message, self.params, lang)
        return f"{self.where}: {shown}" if self.where else shown

    def __str__(self) -> str:
        return self.text("en")


class ReformError(ValueError):
    """A reform file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(map(str, problems)))


def _problem(message: str, where: str = "", **params: Any) -> Problem:
    return Problem(where, message, params)


@dataclass(frozen=True)
class Change:
    """From `since`, the parameter has `value`."""

    parameter: str
    since: dt.date
    value: ParamValue


@dataclass(frozen=True)
class Reform:
    id: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    changes: tuple[Change, ...]
    formulas: tuple[Formula, ...]

    def law(self, base: Law) -> Law:
        """The law with every change applied from its date (earlier values stay)."""
        parameters = dict(base.parameters)
        for change in self.changes:
            old = parameters[change.parameter]
            reference = Reference(dict(self.title), f"kopir:reform:{self.id}")
            kept = tuple(v for v in old.values if v.since < change.since)
            values = (*kept, DatedValue(change.since, change.value, (reference,), "high"))
            parameters[change.parameter] = Parameter(old.path, old.description, old.unit, old.label, values)
        return Law(parameters=parameters, version=f"{base.version}+{self.id}")


def available() -> list[str]:
    """The reforms shipped with Kopir, by id."""
    return sorted(path.stem for path in REFORMS.glob("*.yaml"))


def titles() -> dict[str, Mapping[str, str]]:
    """Each shipped reform's title in kk, ru and en, by id (for ``kopir simulate --help``)."""
    return {
        path.stem: load_strict(path.read_text(encoding="utf-8"))["title"] for path in sorted(REFORMS.glob("*.yaml"))
    }


def load(name_or_path: str, law: Law) -> Reform:
    """A shipped reform by id, or a reform file by path, checked against `law`."""
    path = Path(name_or_path)
    if not path.suffix:
        path = REFORMS / f"{name_or_path}.yaml"
    if not path.is_file():
        raise ReformError(
            name_or_path, [_problem(N_("no such reform; shipped: %(reforms)s"), reforms=", ".join(available()))]
        )
    try:
        document = load_strict(path.read_text(encoding="utf-8"))
    except Exception as error:  # noqa: BLE001 - any YAML error is a problem of the file, named
        raise ReformError(str(path), [_problem(N_("not valid YAML: %(error)s"), error=str(error))]) from None
    return parse(document, law, source=str(path), expected_id=path.stem)


def parse(document: Any, law: Law, *, source: str, expected_id: str | None = None) -> Reform:
    """Check a reform document strictly; raise `ReformError` with every problem found."""
    problems: list[Problem] = []
    if not isinstance(document, dict):
        message = N_("the file must be a mapping with id, title, description and changes or formulas")
        raise ReformError(source, [_problem(message)])
    problems += [_problem(UNKNOWN_KEY, key=repr(key)) for key in sorted(set(document) - TOP_KEYS, key=str)]
    problems += [_problem(MISSING_KEY, key=repr(key)) for key in ("id", "title") if key not in document]
    if expected_id is not None and document.get("id") != expected_id:
        message = N_("id %(id)s must be the file name %(name)s")
        problems.append(_problem(message, id=repr(document.get("id")), name=repr(expected_id)))
    for key in ("title", "description"):
        if key in document and not _trilingual(document[key]):
            problems.append(_problem(N_("%(key)s must give a text in each of kk, ru and en"), key=key))
    changes = _list(document, "changes", problems)
    formulas = _list(document, "formulas", problems)
    if not changes and not formulas:
        problems.append(_problem(N_("a reform needs at least one change or formula")))
    parsed_changes = [_change(raw, f"changes[{i}]", law, problems) for i, raw in enumerate(changes)]
    parsed_formulas = [_formula(raw, f"formulas[{i}]", problems) for i, raw in enumerate(formulas)]
    if problems:
        raise ReformError(source, problems)
    return Reform(
        id=document["id"],
        title=document["title"],
        description={lang: " ".join(text.split()) for lang, text in document.get("description", {}).items()},
        changes=tuple(c for c in parsed_changes if c is not None),
        formulas=tuple(f for f in parsed_formulas if f is not None),
    )


def _trilingual(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == set(LANGUAGES) and all(isinstance(v, str) for v in value.values())


def _list(document: dict[str, Any], key: str, problems: list[Problem]) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        problems.append(_problem(N_("%(key)s must be a list"), key=key))
        return []
    return value


def _change(raw: Any, where: str, law: Law, problems: list[Problem]) -> Change | None:
    if not isinstance(raw, dict):
        problems.append(_problem(N_("must be a mapping with parameter, since and value"), where))
        return None
    before = len(problems)
    problems += [_problem(UNKNOWN_KEY, where, key=repr(k)) for k in sorted(set(raw) - CHANGE_KEYS, key=str)]
    problems += [_problem(MISSING_KEY, where, key=repr(k)) for k in sorted(CHANGE_KEYS - set(raw))]
    path = raw.get("parameter")
    if path is not None and path not in law.parameters:
        problems.append(_problem(N_("no parameter %(parameter)s in the law"), where, parameter=repr(path)))
    since = raw.get("since")
    if "since" in raw and (not isinstance(since, dt.date) or isinstance(since, dt.datetime)):
        problems.append(_problem(SINCE_NOT_A_DATE, where, value=repr(since)))
    elif since is not None and path in law.parameters and since < (first := law[str(path)].starts[0]):
        problems.append(_problem(SINCE_BEFORE_THE_LAW, where, parameter=path, first=first))
    if len(problems) > before:
        return None
    value = _value_like(law[str(path)], raw["value"], where, problems)
    return None if len(problems) > before else Change(path, since, value)  # type: ignore[arg-type]


def _value_like(parameter: Parameter, value: Any, where: str, problems: list[Problem]) -> ParamValue:
    """The new value, of the same kind as the parameter's current values."""
    current = next((v.value for v in reversed(parameter.values) if v.value is not None), None)
    named = {"parameter": parameter.path, "value": repr(value)}
    if isinstance(current, bool):
        if not isinstance(value, bool):
            problems.append(_problem(N_("%(parameter)s is a switch (true or false), not %(value)s"), where, **named))
        return value  # type: ignore[no-any-return]
    if isinstance(current, int | Decimal):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = Decimal(-1)
        if isinstance(value, bool) or not isinstance(value, int | float | str) or not number.is_finite() or number < 0:
            problems.append(_problem(NOT_A_NUMBER, where, **named))
            return None
        return _in_range(parameter, number, whole=isinstance(current, int), where=where, problems=problems)
    message = N_("%(parameter)s (%(unit)s) cannot be changed by a reform file yet")
    problems.append(_problem(message, where, parameter=parameter.path, unit=parameter.unit))
    return None


def _in_range(parameter: Parameter, number: Decimal, *, whole: bool, where: str, problems: list[Problem]) -> ParamValue:
    """A number within its unit's range, whole where the law's values are whole (days, months)."""
    highest = HIGHEST_BY_UNIT.get(parameter.unit)
    if highest is not None and number > highest:
        named = {"parameter": parameter.path, "value": str(number), "low": "0", "high": str(highest)}
        problems.append(_problem(ABOVE_THE_UNITS_LIMIT, where, **named, doc=Phrase(UNIT_NAMES[parameter.unit])))
        return None
    if whole and number != number.to_integral_value():
        problems.append(_problem(NOT_WHOLE, where, parameter=parameter.path, value=str(number)))
        return None
    if number != number.quantize(Decimal(1).scaleb(-DECIMAL_PLACES), rounding=ROUND_DOWN):
        places = str(DECIMAL_PLACES)
        problems.append(_problem(TOO_PRECISE, where, parameter=parameter.path, places=places, value=str(number)))
        return None
    return int(number) if whole else number


def _formula(raw: Any, where: str, problems: list[Problem]) -> Formula | None:
    if not isinstance(raw, dict) or raw.get("name") not in FORMULAS:
        problems.append(_problem(N_("name must be one of %(names)s"), where, names=", ".join(sorted(FORMULAS))))
        return None
    cls = FORMULAS[raw["name"]]
    fields = {f.name: f for f in dataclasses.fields(cls)}
    before = len(problems)
    given = {k: v for k, v in raw.items() if k != "name"}
    unknown = N_("%(formula)s has no parameter %(key)s")
    problems += [
        _problem(unknown, where, formula=raw["name"], key=repr(k)) for k in sorted(set(given) - set(fields), key=str)
    ]
    missing = N_("missing parameter %(key)s (%(doc)s)")
    problems += [
        _problem(missing, where, key=repr(k), doc=Phrase(fields[k].metadata["doc"]))
        for k in sorted(set(fields) - set(given))
    ]
    for name in sorted(set(given) & set(fields)):
        _check_bounds(fields[name], given[name], f"{where}.{name}", problems)
    if len(problems) == before and "from_month" in given and given["until_month"] <= given["from_month"]:
        problems.append(_problem(N_("until_month must be after from_month"), where))
    return None if len(problems) > before else cls(**given)


def _check_bounds(field: dataclasses.Field[Any], value: Any, where: str, problems: list[Problem]) -> None:
    low, high = field.metadata["low"], field.metadata["high"]
    whole = field.type in (int, "int")
    if isinstance(value, bool) or not isinstance(value, int | float) or (whole and not isinstance(value, int)):
        message = N_("must be a whole number, not %(value)s") if whole else N_("must be a number, not %(value)s")
        problems.append(_problem(message, where, value=repr(value)))
    elif not low <= value <= high:
        problems.append(
            _problem(OUTSIDE, where, value=str(value), low=str(low), high=str(high), doc=Phrase(field.metadata["doc"]))
        )
