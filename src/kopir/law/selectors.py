"""What the page shows: the shipped law's changes, each value and unit already put in the page's language.

The changes are read once per process (the parameter files do not change while Kopir runs); the
texts are built per language, since a value reads ``85 000`` in kk and ru and ``85,000`` in en.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from kopir.rules.law import LANGUAGES, Language, Reference
from kopir.rules.law_changes import LawChanges, describe_value, law_changes, unit_name
from kopir.rules.law_files import default_law


@dataclass(frozen=True)
class ChangeRow:
    """One line of the page: a parameter's label, its old and new value, the unit and the acts (title, link)."""

    path: str
    label: str
    old: str
    new: str
    unit: str
    value_changed: bool
    acts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ChangesPage:
    """The changes grouped by day (newest first), and which values are not yet published after which day."""

    days: tuple[tuple[date, tuple[ChangeRow, ...]], ...]
    not_yet_published: tuple[tuple[date, tuple[str, ...]], ...]


@lru_cache(maxsize=1)
def _shipped_changes() -> LawChanges:
    return law_changes(default_law())


def _acts(references: tuple[Reference, ...], lang: Language) -> tuple[tuple[str, str], ...]:
    return tuple((ref.title[lang], ref.href) for ref in references)


@lru_cache(maxsize=len(LANGUAGES))
def changes_page(lang: Language) -> ChangesPage:
    """The page's content in `lang` (built once per language)."""
    changes = _shipped_changes()
    law = default_law()
    days = tuple(
        (
            day,
            tuple(
                ChangeRow(
                    path=change.path,
                    label=change.label[lang],
                    old=describe_value(change.old, change.unit, lang),
                    new=describe_value(change.new, change.unit, lang),
                    unit=unit_name(change.unit, lang),
                    value_changed=change.value_changed,
                    acts=_acts(change.references, lang),
                )
                for change in group
            ),
        )
        for day, group in changes.by_date()
    )
    unpublished = tuple((day, tuple(law[path].label[lang] for path in paths)) for day, paths in changes.known_until)
    return ChangesPage(days, unpublished)


@dataclass(frozen=True)
class ParameterRow:
    """One parameter as it stands on a day: label, value and unit in the page's language, and its acts."""

    path: str
    label: str
    value: str
    since: date
    unit: str
    acts: tuple[tuple[str, str], ...]
    unit_code: str = ""  # the unit as the parameter file names it (rate, tenge, months ...)


def parameters_on(on: date, lang: Language) -> tuple[ParameterRow, ...]:
    """Every parameter of the shipped law with its value in force on `on` (or its first, if `on` is earlier).

    The reform builder shows these beside each field, so an analyst sees what she overrides and which
    act sets it today; the texts are the law page's own (value, unit and acts read alike on both pages).
    """
    rows = []
    for path, parameter in sorted(default_law().parameters.items()):
        index = max(0, bisect.bisect_right(parameter.starts, on) - 1)
        entry = parameter.values[index]
        primary = tuple(ref for ref in entry.references if ref.primary)
        rows.append(
            ParameterRow(
                path=path,
                label=parameter.label[lang],
                value=describe_value(entry.value, parameter.unit, lang),
                since=entry.since,
                unit=unit_name(parameter.unit, lang),
                acts=_acts(primary, lang),
                unit_code=parameter.unit,
            )
        )
    return tuple(rows)
