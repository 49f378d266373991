"""Kazakhstan's civil service: corps, levels of state bodies, managerial levels and corps B categories.

Indicator I13 (women in managerial posts) is reported twice, as SDG 5.5.2 is: over all
managerial posts and over senior posts only, so that a "ceiling" shows when women reach
heads of sector but not the posts above (domain notes A.2, D.6). Each position therefore
carries a `ManagerialLevel`, and the two measures are its `is_managerial` and `is_senior`:

* managerial: head of sector and above, as the ADGS counts "руководящие должности"
  (arka-azhary.kz, 07.08.2025); everything but `SPECIALIST`;
* senior: political civil servants, corps A, heads of central-body departments.

The Law "On the Civil Service" (23.11.2015 No. 416-V) splits civil servants into political
and administrative ones, and the administrative into corps A (management posts with their own
entry and service rules) and corps B (all others). Names in kk/ru/en come from
``civil_service.yaml``; the codes and the order are here, because the measures depend on them.

    >>> ManagerialLevel.HEAD_OF_SECTOR.is_managerial, ManagerialLevel.HEAD_OF_SECTOR.is_senior
    (True, False)
    >>> ManagerialLevel.CORPS_A.outranks(ManagerialLevel.DEPUTY_HEAD)
    True
    >>> ManagerialLevel.DEPUTY_HEAD.names.ru
    'заместитель руководителя'
    >>> [str(family) for family in corps_b_categories("central")]
    ['B-1…B-5']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from kopir.reference.tables import (
    Confidence,
    ReferenceDataError,
    TrilingualName,
    confidence,
    mapping,
    read_table,
    text,
    trilingual_name,
)

__all__ = [
    "CIVIL_SERVICE_FILE",
    "BodyLevel",
    "CategoryFamily",
    "CivilServiceTable",
    "Corps",
    "ManagerialLevel",
    "civil_service_table",
    "corps_b_categories",
    "load_civil_service",
    "managerial_levels",
    "parse_civil_service",
]

CIVIL_SERVICE_FILE = Path(__file__).with_name("civil_service.yaml")
_TOP_FIELDS = frozenset({"corps", "body_levels", "managerial_levels", "categories_confidence", "corps_b_categories"})
_FAMILY_FIELDS = frozenset({"prefix", "last"})
_PREFIX = re.compile(r"[A-Z](-[A-Z])?")
_CATEGORY = re.compile(r"(?P<prefix>[A-Z](?:-[A-Z])?)-(?P<number>[1-9][0-9]*)")


class Corps(StrEnum):
    """Political posts, or the administrative corps A and B."""

    POLITICAL = "political"
    A = "A"
    B = "B"

    @property
    def names(self) -> TrilingualName:
        """The name in kk/ru/en: corps «Б» in Russian and Kazakh, corps B in English."""
        return civil_service_table().corps[self]


class BodyLevel(StrEnum):
    """The level of the state body: its corps B categories depend on it."""

    CENTRAL = "central"
    REGIONAL = "regional"
    DISTRICT = "district"
    RURAL = "rural"

    @property
    def names(self) -> TrilingualName:
        """The name in kk/ru/en."""
        return civil_service_table().body_levels[self]


class ManagerialLevel(Enum):
    """A position's managerial level, most senior first (the order of definition).

    A plain `Enum`, not a `StrEnum`: ``<`` between levels then fails instead of comparing
    the codes alphabetically. Compare with `rank` or `outranks`.
    """

    POLITICAL = "political"
    CORPS_A = "corps_a"
    HEAD_OF_CENTRAL_DEPARTMENT = "head_of_central_department"
    HEAD_OF_STRUCTURAL_UNIT = "head_of_structural_unit"
    DEPUTY_HEAD = "deputy_head"
    HEAD_OF_SECTOR = "head_of_sector"
    SPECIALIST = "specialist"

    @property
    def rank(self) -> int:
        """0 for political posts, 6 for specialists: lower is more senior."""
        return _RANKS[self]

    def outranks(self, other: ManagerialLevel) -> bool:
        """Whether this level is more senior than `other`."""
        return self.rank < other.rank

    @property
    def is_managerial(self) -> bool:
        """I13 measure (i): head of sector and above."""
        return self.rank <= ManagerialLevel.HEAD_OF_SECTOR.rank

    @property
    def is_senior(self) -> bool:
        """I13 measure (ii): political posts, corps A and heads of central-body departments.

        A deputy head is not senior even in a central body: the level says deputy first.
        """
        return self.rank <= ManagerialLevel.HEAD_OF_CENTRAL_DEPARTMENT.rank

    @property
    def corps(self) -> Corps:
        """The corps of a position at this level: heads of departments and below are corps B."""
        if self is ManagerialLevel.POLITICAL:
            return Corps.POLITICAL
        if self is ManagerialLevel.CORPS_A:
            return Corps.A
        return Corps.B

    @property
    def names(self) -> TrilingualName:
        """The name in kk/ru/en."""
        return civil_service_table().managerial_levels[self]


_RANKS = {level: rank for rank, level in enumerate(ManagerialLevel)}


def managerial_levels() -> tuple[ManagerialLevel, ...]:
    """All managerial levels, most senior first."""
    return tuple(ManagerialLevel)


@dataclass(frozen=True, slots=True)
class CategoryFamily:
    """A family of corps B categories: "C-O" numbered 1 to `last` ("C-O-1" ... "C-O-6").

    `last` is None where the domain notes do not give the highest number; then every
    number from 1 up belongs to the family.
    """

    prefix: str
    last: int | None

    @property
    def known_codes(self) -> tuple[str, ...]:
        """Every category of the family, when `last` is known; empty otherwise."""
        if self.last is None:
            return ()
        return tuple(f"{self.prefix}-{number}" for number in range(1, self.last + 1))

    def contains(self, category: str) -> bool:
        """Whether `category` ("C-O-3") is of this family."""
        match = _CATEGORY.fullmatch(category.strip().upper())
        if match is None or match["prefix"] != self.prefix:
            return False
        return self.last is None or int(match["number"]) <= self.last

    def __str__(self) -> str:
        return f"{self.prefix}-1…" if self.last is None else f"{self.prefix}-1…{self.prefix}-{self.last}"


@dataclass(frozen=True, slots=True)
class CivilServiceTable:
    """The names of every code, and corps B's category families per body level."""

    corps: Mapping[Corps, TrilingualName]
    body_levels: Mapping[BodyLevel, TrilingualName]
    managerial_levels: Mapping[ManagerialLevel, TrilingualName]
    categories_confidence: Confidence
    corps_b_categories: Mapping[BodyLevel, tuple[CategoryFamily, ...]]


def corps_b_categories(level: BodyLevel | str) -> tuple[CategoryFamily, ...]:
    """The families of corps B categories at a body level ("central" -> B-1…B-5).

    LOW confidence: written from memory in the domain notes. Obtain the current register of
    civil-service positions (Presidential decree) before relying on it. District and rural
    levels get the same families, since the notes do not say which belongs to which.
    """
    return civil_service_table().corps_b_categories[BodyLevel(level)]


@lru_cache(maxsize=1)
def civil_service_table() -> CivilServiceTable:
    """The shipped table, read once on first use."""
    return load_civil_service()


def load_civil_service(file: Path = CIVIL_SERVICE_FILE) -> CivilServiceTable:
    """Read and check the civil service table: a broken file fails loudly with its name."""
    return parse_civil_service(read_table(file), origin=str(file))


def parse_civil_service(document: Any, origin: str) -> CivilServiceTable:
    """Check a loaded table; `origin` (the file name) starts every error message."""
    top = mapping(document, origin, _TOP_FIELDS)
    families = _per_member(top["corps_b_categories"], BodyLevel, f"{origin}: corps_b_categories", _families)
    return CivilServiceTable(
        corps=_per_member(top["corps"], Corps, f"{origin}: corps", trilingual_name),
        body_levels=_per_member(top["body_levels"], BodyLevel, f"{origin}: body_levels", trilingual_name),
        managerial_levels=_per_member(
            top["managerial_levels"], ManagerialLevel, f"{origin}: managerial_levels", trilingual_name
        ),
        categories_confidence=confidence(top["categories_confidence"], f"{origin}: categories_confidence"),
        corps_b_categories=families,
    )


_Member = TypeVar("_Member", bound=Enum)
_Value = TypeVar("_Value")


def _per_member(
    raw: Any, members: type[_Member], where: str, parse: Callable[[Any, str], _Value]
) -> Mapping[_Member, _Value]:
    """A mapping with exactly one entry per member of `members`, keyed by the member's code."""
    by_code = {str(member.value): member for member in members}
    fields = mapping(raw, where, frozenset(by_code))
    return MappingProxyType({member: parse(fields[code], f"{where}.{code}") for code, member in by_code.items()})


def _families(raw: Any, where: str) -> tuple[CategoryFamily, ...]:
    if not isinstance(raw, list) or not raw:
        raise ReferenceDataError(f"{where}: expected a non-empty list of {{prefix: ..., last: ...}}")
    families = tuple(_family(item, f"{where}[{index}]") for index, item in enumerate(raw))
    prefixes = [family.prefix for family in families]
    if len(set(prefixes)) != len(prefixes):
        raise ReferenceDataError(f"{where}: a prefix is listed twice ({', '.join(prefixes)})")
    return families


def _family(raw: Any, where: str) -> CategoryFamily:
    fields = mapping(raw, where, _FAMILY_FIELDS)
    prefix = text(fields["prefix"], f"{where}.prefix")
    if not _PREFIX.fullmatch(prefix):
        raise ReferenceDataError(f"{where}.prefix: {prefix!r} is not a category prefix such as C or C-O")
    last = fields["last"]
    if last is not None and (isinstance(last, bool) or not isinstance(last, int) or last < 1):
        raise ReferenceDataError(f"{where}.last: expected a number from 1 up, or null, got {last!r}")
    return CategoryFamily(prefix, last)
