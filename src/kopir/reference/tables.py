"""What the reference tables share: trilingual names, confidence marks and loud loading.

`pycountry` has no Russian or Kazakh names for the regions created in 2022 and no Kazakh
file at all, so Kopir ships its own tables (domain notes D.1). They are YAML, read through
`kopir.strict_yaml.load_strict` (a key written twice is an error, not a silent overwrite),
and every problem is reported with the file's name and the entry, so a broken table stops
start-up instead of showing a blank region name on a statistics page.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from kopir.strict_yaml import load_strict

__all__ = ["LANGUAGES", "Confidence", "ReferenceDataError", "TrilingualName"]

LANGUAGES = ("kk", "ru", "en")
"""Kazakh (the state language), Russian (an official language), English (international reporting)."""


class ReferenceDataError(ValueError):
    """A reference table is malformed; the message names the file and the entry."""


class Confidence(StrEnum):
    """How sure we are of a value, in the domain notes' H/M/L scale."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class TrilingualName:
    """A name in the three languages Kopir speaks."""

    kk: str
    ru: str
    en: str

    def in_language(self, language: str) -> str:
        """The name in `language` ("kk", "ru" or "en"); `KeyError` for any other."""
        if language not in LANGUAGES:
            raise KeyError(f"no names in {language!r}: Kopir's tables have {', '.join(LANGUAGES)}")
        text: str = getattr(self, language)
        return text


def read_table(file: Path) -> Any:
    """Read a YAML table; a missing or unparsable file is an error naming it, never an empty table."""
    try:
        return load_strict(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReferenceDataError(f"{file}: cannot be read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ReferenceDataError(f"{file}: not valid YAML: {error}") from None


def mapping(raw: Any, where: str, fields: frozenset[str], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`raw` as a mapping with exactly `fields`, and perhaps some of `optional`."""
    if not isinstance(raw, dict):
        raise ReferenceDataError(f"{where}: expected a mapping with {', '.join(sorted(fields))}")
    missing = fields - raw.keys()
    unknown = raw.keys() - fields - optional
    if missing:
        raise ReferenceDataError(f"{where}: missing {', '.join(sorted(missing))}")
    if unknown:
        raise ReferenceDataError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    return raw


def text(raw: Any, where: str) -> str:
    """Non-empty text, with no spaces around it (they would break lookups and sorting)."""
    if not isinstance(raw, str) or not raw.strip():
        raise ReferenceDataError(f"{where}: expected non-empty text, got {raw!r}")
    if raw != raw.strip():
        raise ReferenceDataError(f"{where}: {raw!r} has spaces around it")
    return raw


def trilingual_name(raw: Any, where: str) -> TrilingualName:
    """A `{kk: ..., ru: ..., en: ...}` mapping, all three present and non-empty."""
    fields = mapping(raw, where, frozenset(LANGUAGES))
    return TrilingualName(**{language: text(fields[language], f"{where}.{language}") for language in LANGUAGES})


def confidence(raw: Any, where: str) -> Confidence:
    """One of high, medium, low."""
    try:
        return Confidence(raw)
    except ValueError:
        known = ", ".join(level.value for level in Confidence)
        raise ReferenceDataError(f"{where}: unknown confidence {raw!r} (known: {known})") from None
