"""Reading the parameter files: one YAML file per legal parameter, checked before use.

The format follows openfisca-country-template, with Kopir's additions::

    description: Monthly calculation index (MRP), set each year by the republican budget law.
    metadata:
      unit: tenge                      # see UNITS
      label: {en: ..., ru: ..., kk: ...}
      confidence: high                 # high | medium | low, as marked in the domain spec
      known_until: 2026-12-31          # optional: values after this date are not yet published
      uncertainty: {en: ..., ru: ..., kk: ...}   # required when any value is low confidence
    values:
      2026-01-01:
        value: 4325                    # integers, quoted decimals ("0.40"), true/false, null
        confidence: medium             # optional, overrides the file's confidence
        reference:
          - title: {en: Law of ... on the republican budget for 2026-2028, ru: ..., kk: ...}
            href: https://adilet.zan.kz/rus/docs/...
            kind: primary              # the act that sets the value (the default)
          - title: {en: a news page that reported it, ...}
            href: https://...
            kind: secondary            # kept for the record, never cited as the legal basis

A broken file fails loudly with its name: a duplicate date, dates out of order, a float
written without quotes (it would be binary), a missing label language or reference.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kopir import __version__
from kopir.rules.errors import ParameterFileError
from kopir.rules.law import LANGUAGES, DatedValue, Law, Parameter, ParamValue, Reference
from kopir.strict_yaml import load_strict

PARAMETERS_DIR = Path(__file__).parent / "parameters"
NUMBER_UNITS = frozenset({"tenge", "rate", "mzp_multiple", "mrp_multiple", "days", "months", "working_days", "years"})
UNITS = NUMBER_UNITS | {"bool", "rounding", "mrp_multiple_by_birth_order"}
CONFIDENCES = ("high", "medium", "low")
ROUNDING_MODES = ("half_up", "ceiling", "floor")
REFERENCE_KINDS = ("primary", "secondary")


def _fail(file: Path, problem: str) -> ParameterFileError:
    return ParameterFileError(f"{file}: {problem}")


def _number(file: Path, raw: Any, where: str) -> int | Decimal:
    if isinstance(raw, bool | float):
        raise _fail(file, f'{where}: write decimals as quoted strings ("0.40"), not {raw!r}')
    if isinstance(raw, int):
        return raw
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        raise _fail(file, f"{where}: {raw!r} is not a number") from None


def _value(file: Path, unit: str, raw: Any, where: str) -> ParamValue:
    if raw is None:
        return None
    if unit == "bool":
        if not isinstance(raw, bool):
            raise _fail(file, f"{where}: expected true or false, got {raw!r}")
        return raw
    if unit == "rounding":
        if not isinstance(raw, dict) or raw.get("mode") not in ROUNDING_MODES or raw.get("unit") not in (1, 100):
            raise _fail(file, f"{where}: expected {{mode: half_up|ceiling|floor, unit: 1|100}}")
        return {"mode": raw["mode"], "unit": raw["unit"]}
    if unit == "mrp_multiple_by_birth_order":
        if not isinstance(raw, dict) or 1 not in raw or not all(isinstance(k, int) for k in raw):
            raise _fail(file, f"{where}: expected a scale {{1: ..., 4: ...}} by lowest birth order")
        return {k: Decimal(_number(file, v, f"{where}[{k}]")) for k, v in sorted(raw.items())}
    return _number(file, raw, where)


def _title(file: Path, raw: Any, where: str) -> dict[str, str]:
    """A reference title in kk, ru and en: a person reads the legal basis in her own language."""
    if not isinstance(raw, dict) or any(not raw.get(lang) for lang in LANGUAGES):
        raise _fail(file, f"{where}: a reference title needs kk, ru and en")
    return {lang: str(raw[lang]) for lang in LANGUAGES}


def _references(file: Path, raw: Any, where: str) -> tuple[Reference, ...]:
    if not isinstance(raw, list) or not raw:
        raise _fail(file, f"{where}: every value needs a reference list with title and href")
    refs = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("title") or not item.get("href"):
            raise _fail(file, f"{where}: a reference needs a title and an href")
        kind = item.get("kind", "primary")
        if kind not in REFERENCE_KINDS:
            raise _fail(file, f"{where}: reference kind {kind!r} is not one of {REFERENCE_KINDS}")
        refs.append(Reference(_title(file, item["title"], where), str(item["href"]), primary=kind == "primary"))
    if not any(ref.primary for ref in refs):
        raise _fail(file, f"{where}: every value needs a primary reference (the act that sets it)")
    return tuple(refs)


def _languages(file: Path, raw: Any, what: str) -> dict[str, str]:
    if not isinstance(raw, dict) or any(not raw.get(lang) for lang in LANGUAGES):
        raise _fail(file, f"metadata.{what} needs kk, ru and en")
    return {lang: str(raw[lang]) for lang in LANGUAGES}


def _dated_values(file: Path, unit: str, default_confidence: str, raw: Any) -> tuple[DatedValue, ...]:
    if not isinstance(raw, dict) or not raw:
        raise _fail(file, "values: at least one dated value is needed")
    values: list[DatedValue] = []
    for since, entry in raw.items():
        if not isinstance(since, date) or not isinstance(entry, dict) or "value" not in entry:
            raise _fail(file, f"values: {since!r} must be a date (YYYY-MM-DD) with a value")
        if values and since <= values[-1].since:
            raise _fail(file, f"values: {since} comes after {values[-1].since}; list dates in ascending order")
        confidence = entry.get("confidence", default_confidence)
        if confidence not in CONFIDENCES:
            raise _fail(file, f"values.{since}.confidence: {confidence!r} is not one of {CONFIDENCES}")
        where = f"values.{since}"
        values.append(
            DatedValue(
                since=since,
                value=_value(file, unit, entry["value"], where),
                references=_references(file, entry.get("reference"), where),
                confidence=confidence,
            )
        )
    return tuple(values)


def read_parameter(file: Path, path: str) -> Parameter:
    """Read and check one parameter file; raise `ParameterFileError` naming the file."""
    try:
        document = load_strict(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise _fail(file, str(error)) from None
    if not isinstance(document, dict) or not document.get("description"):
        raise _fail(file, "a parameter file needs a description, metadata and values")
    meta = document.get("metadata") or {}
    unit = meta.get("unit")
    if unit not in UNITS:
        raise _fail(file, f"metadata.unit: {unit!r} is not one of {sorted(UNITS)}")
    confidence = meta.get("confidence")
    if confidence not in CONFIDENCES:
        raise _fail(file, f"metadata.confidence: {confidence!r} is not one of {CONFIDENCES}")
    values = _dated_values(file, unit, confidence, document.get("values"))
    uncertain = any(v.confidence == "low" for v in values)
    known_until = meta.get("known_until")
    if known_until is not None and not isinstance(known_until, date):
        raise _fail(file, "metadata.known_until must be a date")
    return Parameter(
        path=path,
        description=str(document["description"]),
        unit=unit,
        label=_languages(file, meta.get("label"), "label"),
        values=values,
        known_until=known_until,
        uncertainty=_languages(file, meta.get("uncertainty"), "uncertainty") if uncertain else None,
    )


def read_law(directory: Path) -> Law:
    """Read every parameter file under `directory` (``index.yaml`` files describe folders only)."""
    files = sorted(p for p in directory.rglob("*.yaml") if p.name != "index.yaml")
    if not files:
        raise ParameterFileError(f"{directory}: no parameter files")
    digest = hashlib.sha256()
    parameters = {}
    for file in files:
        relative = file.relative_to(directory).with_suffix("")
        path = ".".join(relative.parts)
        parameters[path] = read_parameter(file, path)
        digest.update(str(relative).encode())
        digest.update(file.read_bytes())
    return Law(parameters=parameters, version=f"{__version__}+law.{digest.hexdigest()[:12]}")


@lru_cache(maxsize=1)
def default_law() -> Law:
    """The law shipped with Kopir, read and checked once per process."""
    return read_law(PARAMETERS_DIR)
