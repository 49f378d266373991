"""Reforms as data: a YAML file of dated parameter overrides and named formulas with parameters.

    id: maternity-cap-10-mzp                  # the file's name without .yaml
    title: {kk: ..., ru: ..., en: ...}
    description: {kk: ..., ru: ..., en: ...}  # what it does and why, for the analyst
    changes:                                  # dated overrides of the law's parameters
      - parameter: gfss.maternity.income_cap_mzp
        since: 2025-01-01
        value: 10
    formulas:                                 # new payments (kopir.microsim.formulas)
      - name: nursery_subsidy
        monthly_tenge: 30000
        ...

A file is checked strictly before anything runs: an unknown key, parameter or formula, a value
of the wrong kind (a number for a switch), a formula parameter out of its bounds, all are
reported together with the file and the place, so an analyst can fix the file in one go.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kopir.microsim.formulas import FORMULAS, Formula
from kopir.rules.law import LANGUAGES, DatedValue, Law, Parameter, ParamValue, Reference
from kopir.strict_yaml import load_strict

REFORMS = Path(__file__).parent / "reforms"
TOP_KEYS = {"id", "title", "description", "changes", "formulas"}
CHANGE_KEYS = {"parameter", "since", "value"}


class ReformError(ValueError):
    """A reform file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


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
        raise ReformError(name_or_path, [f"no such reform; shipped: {', '.join(available())}"])
    try:
        document = load_strict(path.read_text(encoding="utf-8"))
    except Exception as error:  # noqa: BLE001 - any YAML error is a problem of the file, named
        raise ReformError(str(path), [f"not valid YAML: {error}"]) from None
    return parse(document, law, source=str(path), expected_id=path.stem)


def parse(document: Any, law: Law, *, source: str, expected_id: str | None = None) -> Reform:
    """Check a reform document strictly; raise `ReformError` with every problem found."""
    problems: list[str] = []
    if not isinstance(document, dict):
        raise ReformError(source, ["the file must be a mapping with id, title, description and changes or formulas"])
    problems += [f"unknown key {key!r}" for key in sorted(set(document) - TOP_KEYS, key=str)]
    problems += [f"missing key {key!r}" for key in ("id", "title", "description") if key not in document]
    if expected_id is not None and document.get("id") != expected_id:
        problems.append(f"id {document.get('id')!r} must be the file name {expected_id!r}")
    for key in ("title", "description"):
        if key in document and not _trilingual(document[key]):
            problems.append(f"{key} must give a text in each of kk, ru and en")
    changes = _list(document, "changes", problems)
    formulas = _list(document, "formulas", problems)
    if not changes and not formulas:
        problems.append("a reform needs at least one change or formula")
    parsed_changes = [_change(raw, f"changes[{i}]", law, problems) for i, raw in enumerate(changes)]
    parsed_formulas = [_formula(raw, f"formulas[{i}]", problems) for i, raw in enumerate(formulas)]
    if problems:
        raise ReformError(source, problems)
    return Reform(
        id=document["id"],
        title=document["title"],
        description={lang: " ".join(text.split()) for lang, text in document["description"].items()},
        changes=tuple(c for c in parsed_changes if c is not None),
        formulas=tuple(f for f in parsed_formulas if f is not None),
    )


def _trilingual(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == set(LANGUAGES) and all(isinstance(v, str) for v in value.values())


def _list(document: dict[str, Any], key: str, problems: list[str]) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        problems.append(f"{key} must be a list")
        return []
    return value


def _change(raw: Any, where: str, law: Law, problems: list[str]) -> Change | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping with parameter, since and value")
        return None
    before = len(problems)
    problems += [f"{where}: unknown key {k!r}" for k in sorted(set(raw) - CHANGE_KEYS, key=str)]
    problems += [f"{where}: missing key {k!r}" for k in sorted(CHANGE_KEYS - set(raw))]
    path = raw.get("parameter")
    if path is not None and path not in law.parameters:
        problems.append(f"{where}: no parameter {path!r} in the law")
    since = raw.get("since")
    if "since" in raw and (not isinstance(since, dt.date) or isinstance(since, dt.datetime)):
        problems.append(f"{where}: since must be a date (YYYY-MM-DD), not {since!r}")
    if len(problems) > before:
        return None
    value = _value_like(law[str(path)], raw["value"], where, problems)
    return None if len(problems) > before else Change(path, since, value)  # type: ignore[arg-type]


def _value_like(parameter: Parameter, value: Any, where: str, problems: list[str]) -> ParamValue:
    """The new value, of the same kind as the parameter's current values."""
    current = next((v.value for v in reversed(parameter.values) if v.value is not None), None)
    kind = "switch (true or false)" if isinstance(current, bool) else "number"
    if isinstance(current, bool):
        if not isinstance(value, bool):
            problems.append(f"{where}: {parameter.path} is a {kind}, not {value!r}")
        return value  # type: ignore[no-any-return]
    if isinstance(current, int | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = Decimal(-1)
        if isinstance(value, bool) or not isinstance(value, int | float | str) or number < 0:
            problems.append(f"{where}: {parameter.path} is a {kind} (not negative), not {value!r}")
        return int(number) if isinstance(current, int) and number == number.to_integral_value() else number
    problems.append(f"{where}: {parameter.path} ({parameter.unit}) cannot be changed by a reform file yet")
    return None


def _formula(raw: Any, where: str, problems: list[str]) -> Formula | None:
    if not isinstance(raw, dict) or raw.get("name") not in FORMULAS:
        problems.append(f"{where}: name must be one of {', '.join(sorted(FORMULAS))}")
        return None
    cls = FORMULAS[raw["name"]]
    fields = {f.name: f for f in dataclasses.fields(cls)}
    before = len(problems)
    given = {k: v for k, v in raw.items() if k != "name"}
    problems += [f"{where}: {raw['name']} has no parameter {k!r}" for k in sorted(set(given) - set(fields), key=str)]
    problems += [
        f"{where}: missing parameter {k!r} ({fields[k].metadata['doc']})" for k in sorted(set(fields) - set(given))
    ]
    for name in sorted(set(given) & set(fields)):
        _check_bounds(fields[name], given[name], f"{where}.{name}", problems)
    if len(problems) == before and "from_month" in given and given["until_month"] <= given["from_month"]:
        problems.append(f"{where}: until_month must be after from_month")
    return None if len(problems) > before else cls(**given)


def _check_bounds(field: dataclasses.Field[Any], value: Any, where: str, problems: list[str]) -> None:
    low, high = field.metadata["low"], field.metadata["high"]
    whole = field.type in (int, "int")
    if isinstance(value, bool) or not isinstance(value, int | float) or (whole and not isinstance(value, int)):
        problems.append(f"{where}: must be {'a whole number' if whole else 'a number'}, not {value!r}")
    elif not low <= value <= high:
        problems.append(f"{where}: {value} is outside {low}..{high} ({field.metadata['doc']})")
