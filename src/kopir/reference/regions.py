"""Kazakhstan's 17 regions and 3 cities of republican significance, with ISO and KATO codes.

Statistics are broken down by region (indicator tables, the national page), and the data
arrive coded three ways: ISO 3166-2 numeric codes (KZ-10 ... KZ-79), the alphabetic ISO
codes used before (KZ-AKM ...) in older files, and KATO codes in kindergarten and akimat
data. This module answers all three from one table, ``regions.yaml``, with the official
names in Kazakh, Russian and English, which `pycountry` lacks (domain notes D.1, D.3).

Two limits, stated in the table too:

* the KATO codes follow the ISO two-digit prefixes (Astana 710000000); the official mapping
  table was not retrieved, so each region carries `kato_confidence` (medium);
* a legacy code maps to the successor that kept the name, which is lossy for the regions
  split in 2022 (Almaty, East Kazakhstan, Karaganda) and for South Kazakhstan (2018).

    >>> region_by_iso("KZ-71").name.ru
    'город Астана'
    >>> region_by_iso("KZ-VOS").iso_code
    'KZ-63'
    >>> region_by_kato("620000000").name.en
    'Ulytau Region'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kopir.reference.tables import (
    Confidence,
    ReferenceDataError,
    TrilingualName,
    confidence,
    mapping,
    read_table,
    trilingual_name,
)

__all__ = [
    "REGIONS_FILE",
    "Region",
    "RegionKind",
    "RegionTable",
    "UnknownRegion",
    "load_regions",
    "parse_regions",
    "region_by_iso",
    "region_by_kato",
    "regions",
]

REGIONS_FILE = Path(__file__).with_name("regions.yaml")
_ISO = re.compile(r"KZ-[0-9]{2}")
_LEGACY_ISO = re.compile(r"KZ-[A-Z]{3}")
_KATO = re.compile(r"[0-9]{9}")
_TOP_FIELDS = frozenset({"kato_confidence", "regions"})
_FIELDS = frozenset({"iso", "kato", "kind", "legacy_iso", "name"})


class UnknownRegion(KeyError):
    """No region or city has that code; a `KeyError`, so `except KeyError` catches it."""


class RegionKind(StrEnum):
    """A region (oblys) or a city of republican significance, which statistics treat as a region."""

    REGION = "region"
    CITY = "city"


@dataclass(frozen=True, slots=True)
class Region:
    """One region or city of republican significance."""

    iso_code: str
    """ISO 3166-2, numeric form: "KZ-71"."""
    kato_code: str
    """Top-level KATO code, nine digits as text: "710000000"."""
    kind: RegionKind
    name: TrilingualName
    legacy_iso_codes: tuple[str, ...]
    """Alphabetic ISO codes that map here ("KZ-AST"); empty for the regions created in 2022."""
    kato_confidence: Confidence


@dataclass(frozen=True, slots=True)
class RegionTable:
    """The regions in ISO code order, with lookups by every code they are known by."""

    regions: tuple[Region, ...]
    by_iso: Mapping[str, Region]
    """Current and legacy ISO codes."""
    by_kato: Mapping[str, Region]


def load_regions(file: Path = REGIONS_FILE) -> RegionTable:
    """Read and check the region table: a broken file fails loudly with its name."""
    return parse_regions(read_table(file), origin=str(file))


def parse_regions(document: Any, origin: str) -> RegionTable:
    """Check a loaded table; `origin` (the file name) starts every error message."""
    top = mapping(document, origin, _TOP_FIELDS)
    default_confidence = confidence(top["kato_confidence"], f"{origin}: kato_confidence")
    if not isinstance(top["regions"], list) or not top["regions"]:
        raise ReferenceDataError(f"{origin}: regions: expected a non-empty list")
    by_iso: dict[str, Region] = {}
    by_kato: dict[str, Region] = {}
    first_entry: dict[str, int] = {}
    for number, raw in enumerate(top["regions"], start=1):
        where = f"{origin}: region {number}"
        region = _region(raw, where, default_confidence)
        for code in (region.iso_code, *region.legacy_iso_codes, region.kato_code):
            if code in first_entry:
                raise ReferenceDataError(f"{where}: code {code} is already used by region {first_entry[code]}")
            first_entry[code] = number
        by_iso.update(dict.fromkeys((region.iso_code, *region.legacy_iso_codes), region))
        by_kato[region.kato_code] = region
    ordered = tuple(sorted(by_kato.values(), key=lambda region: region.iso_code))
    return RegionTable(ordered, MappingProxyType(by_iso), MappingProxyType(by_kato))


def _region(raw: Any, where: str, default_confidence: Confidence) -> Region:
    fields = mapping(raw, where, _FIELDS)
    iso_code = _code(fields["iso"], f"{where}: iso", _ISO, "KZ-NN")
    kato_code = _code(fields["kato"], f"{where}: kato", _KATO, "nine digits, quoted")
    expected_kato = f"{iso_code[-2:]}0000000"
    if kato_code != expected_kato:
        # Top-level codes end in seven zeros and their prefixes agree with the ISO numbers for
        # every code we know; a mismatch is a typo until a retrieved KATO table says otherwise
        # (then drop this check and raise kato_confidence).
        raise ReferenceDataError(f"{where}: KATO code {kato_code} for {iso_code}: expected {expected_kato}")
    try:
        kind = RegionKind(fields["kind"])
    except ValueError:
        raise ReferenceDataError(f"{where}: unknown kind {fields['kind']!r} (known: region, city)") from None
    legacy = fields["legacy_iso"]
    if not isinstance(legacy, list):
        raise ReferenceDataError(f"{where}: legacy_iso: expected a list (empty for none)")
    return Region(
        iso_code=iso_code,
        kato_code=kato_code,
        kind=kind,
        name=trilingual_name(fields["name"], f"{where}: name"),
        legacy_iso_codes=tuple(_code(code, f"{where}: legacy_iso", _LEGACY_ISO, "KZ-ABC") for code in legacy),
        kato_confidence=default_confidence,
    )


def _code(raw: Any, where: str, pattern: re.Pattern[str], shape: str) -> str:
    if not isinstance(raw, str) or not pattern.fullmatch(raw):
        raise ReferenceDataError(f"{where}: {raw!r} is not a code of the form {shape}")
    return raw


@lru_cache(maxsize=1)
def _table() -> RegionTable:
    return load_regions()


def regions() -> tuple[Region, ...]:
    """All 20 regions and cities, in ISO code order (KZ-10 Abai ... KZ-79 Shymkent)."""
    return _table().regions


def region_by_iso(code: str) -> Region:
    """The region with ISO 3166-2 code `code`, numeric ("KZ-63") or legacy alphabetic ("KZ-VOS").

    Case and surrounding spaces are forgiven; an unknown code raises `UnknownRegion` (a `KeyError`).
    """
    key = code.strip().upper()
    try:
        return _table().by_iso[key]
    except KeyError:
        raise UnknownRegion(
            f"unknown ISO 3166-2 code {code!r}: expected KZ-10 ... KZ-79, or a legacy code such as KZ-AKM"
        ) from None


def region_by_kato(code: str | int) -> Region:
    """The region whose top-level KATO code is `code` ("710000000" or 710000000).

    Only the 20 top-level codes are known: a district or settlement code raises
    `UnknownRegion` (a `KeyError`) rather than being guessed from its first two digits.
    """
    key = str(code).strip()
    try:
        return _table().by_kato[key]
    except KeyError:
        raise UnknownRegion(
            f"unknown KATO code {code!r}: Kopir knows the top-level codes of the 17 regions and"
            " 3 cities of republican significance (nine digits ending in 0000000, e.g. 710000000)"
        ) from None
