"""The override table: days on which the official production calendar and `holidays` disagree.

The `holidays` package gets most of Kazakhstan's calendar right (the holidays, the rule that
moves a holiday falling on a weekend to the next working day, the decree transfers and working
Saturdays it knows of). But it lags behind, and sometimes departs from, the production calendar
that the Ministry of Labour and Social Protection (MTSZN) publishes and employers follow. Each
entry in ``overrides.yaml`` records one such day, what the calendar makes of it and the act or
official calendar that says so::

    - date: 2026-08-31
      kind: holiday                # holiday (a day off) | workday (a working day)
      name: {en: ..., ru: ..., kk: ...}
      source: {title: ..., href: "https://..."}

A broken table fails loudly with the file's name: a duplicate date or key, an unknown kind,
a missing field or language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from kopir.strict_yaml import load_strict

OVERRIDES_FILE = Path(__file__).with_name("overrides.yaml")
LANGUAGES = ("en", "ru", "kk")
_FIELDS = frozenset({"date", "kind", "name", "source"})
_SOURCE_FIELDS = frozenset({"title", "href"})


class OverrideTableError(ValueError):
    """The override table is malformed; the message names the file and the entry."""


class OverrideKind(StrEnum):
    """What the official calendar makes of the day, whatever the library says."""

    HOLIDAY = "holiday"
    WORKDAY = "workday"


@dataclass(frozen=True, slots=True)
class LocalizedName:
    """The day's name in the three languages Kopir speaks."""

    en: str
    ru: str
    kk: str


@dataclass(frozen=True, slots=True)
class Source:
    """The legal act or official calendar that fixes the day."""

    title: str
    href: str


@dataclass(frozen=True, slots=True)
class CalendarOverride:
    """One day on which the official production calendar overrides the `holidays` package."""

    day: date
    kind: OverrideKind
    name: LocalizedName
    source: Source


def load_overrides(file: Path = OVERRIDES_FILE) -> tuple[CalendarOverride, ...]:
    """Read and check the override table.

    A missing file is an error, not an empty table: losing it in packaging would quietly bring
    back the library's miscounts.
    """
    try:
        document = load_strict(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise OverrideTableError(f"{file}: cannot be read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise OverrideTableError(f"{file}: not valid YAML: {error}") from None
    return parse_overrides(document, origin=str(file))


def parse_overrides(document: Any, origin: str) -> tuple[CalendarOverride, ...]:
    """Check a loaded table; `origin` (the file name) starts every error message."""
    if document is None:
        return ()
    if not isinstance(document, list):
        raise OverrideTableError(f"{origin}: expected a list of overrides, got {type(document).__name__}")
    overrides: list[CalendarOverride] = []
    first_entry: dict[date, int] = {}
    for number, raw in enumerate(document, start=1):
        override = _entry(raw, f"{origin}: entry {number}")
        if override.day in first_entry:
            raise OverrideTableError(
                f"{origin}: entry {number}: duplicate date {override.day} "
                f"(already in entry {first_entry[override.day]})"
            )
        first_entry[override.day] = number
        overrides.append(override)
    return tuple(sorted(overrides, key=lambda override: override.day))


def _entry(raw: Any, where: str) -> CalendarOverride:
    if not isinstance(raw, dict):
        raise OverrideTableError(f"{where}: expected a mapping with {sorted(_FIELDS)}")
    _exact_fields(raw, _FIELDS, where)
    try:
        kind = OverrideKind(raw["kind"])
    except ValueError:
        known = ", ".join(kind.value for kind in OverrideKind)
        raise OverrideTableError(f"{where}: unknown kind {raw['kind']!r} (known: {known})") from None
    return CalendarOverride(
        day=_day(raw["date"], where),
        kind=kind,
        name=_name(raw["name"], f"{where}: name"),
        source=_source(raw["source"], f"{where}: source"),
    )


def _exact_fields(raw: dict[Any, Any], fields: frozenset[str], where: str) -> None:
    missing = fields - raw.keys()
    unknown = raw.keys() - fields
    if missing:
        raise OverrideTableError(f"{where}: missing {', '.join(sorted(missing))}")
    if unknown:
        raise OverrideTableError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")


def _day(raw: Any, where: str) -> date:
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise OverrideTableError(f"{where}: date {raw!r} is not a YYYY-MM-DD date")


def _text(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise OverrideTableError(f"{where}: expected non-empty text, got {raw!r}")
    return raw


def _name(raw: Any, where: str) -> LocalizedName:
    if not isinstance(raw, dict):
        raise OverrideTableError(f"{where}: expected {{en: ..., ru: ..., kk: ...}}")
    _exact_fields(raw, frozenset(LANGUAGES), where)
    return LocalizedName(**{language: _text(raw[language], f"{where}.{language}") for language in LANGUAGES})


def _source(raw: Any, where: str) -> Source:
    if not isinstance(raw, dict):
        raise OverrideTableError(f"{where}: expected {{title: ..., href: ...}}")
    _exact_fields(raw, _SOURCE_FIELDS, where)
    href = _text(raw["href"], f"{where}.href")
    if not href.startswith("https://"):
        raise OverrideTableError(f"{where}.href: expected an https:// address, got {href!r}")
    return Source(title=_text(raw["title"], f"{where}.title"), href=href)
