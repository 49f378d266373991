"""The law's changes, read from the parameter files: what changed on which date, and which act did it.

A person comparing 2024 with 2026 wants the dates on which a value moved, its old and new value, and
the act that moved it (issue 13, point 5). Nothing here is written by hand: every change is a dated
value of a parameter file whose value (or whose act) differs from the value before it, so the page
``/<lang>/law/`` and its Markdown copy in ``docs/methodology/law-changes.md`` cannot drift from the
law the engine computes with.

A value that stays the same while the act behind it changes (the Social Code took over on
01.07.2023) is a change of basis, listed as such: the amounts did not move, the citation did.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby
from typing import Any, cast

from kopir.rules.i18n import N_, Percent, format_value, render, template
from kopir.rules.law import DatedValue, Language, Law, ParamValue, Reference

# The unit a value is counted in, as a person reads it next to the number.
UNIT_NAMES: Mapping[str, str] = {
    "tenge": N_("tenge"),
    "rate": N_("rate"),
    "mzp_multiple": N_("minimum wages (MZP)"),
    "mrp_multiple": N_("monthly calculation indices (MRP)"),
    "mrp_multiple_by_birth_order": N_("monthly calculation indices (MRP) by the child's birth order"),
    "days": N_("calendar days"),
    "months": N_("months"),
    "working_days": N_("working days"),
    "years": N_("years"),
    "bool": N_("yes or no"),
    "rounding": N_("rounding rule"),
}
NOT_IN_FORCE = N_("not in force")
YES = N_("yes")
NO = N_("no")
ROUNDING = {
    "half_up": N_("to the nearest %(unit)s, half up"),
    "ceiling": N_("up to %(unit)s"),
    "floor": N_("down to %(unit)s"),
}
ROUNDING_UNITS = {1: N_("whole tenge"), 100: N_("hundred tenge")}
BIRTH_ORDER = N_("from child %(order)s: %(value)s")


@dataclass(frozen=True)
class Change:
    """One dated value that differs from the one before it: in its amount, or only in its act."""

    since: date
    path: str
    label: Mapping[str, str]
    unit: str
    old: ParamValue
    new: ParamValue
    references: tuple[Reference, ...]  # the primary acts of the new value

    @property
    def value_changed(self) -> bool:
        """False when only the act behind the value changed (the amount is the same)."""
        return self.old != self.new


@dataclass(frozen=True)
class LawChanges:
    """Every change of the law, newest first, and the parameters whose next values are not yet published."""

    changes: tuple[Change, ...]
    known_until: tuple[tuple[date, tuple[str, ...]], ...]

    def by_date(self) -> list[tuple[date, list[Change]]]:
        """The changes grouped by the day they took effect, newest day first."""
        return [(day, list(group)) for day, group in groupby(self.changes, key=lambda change: change.since)]


def _primary(entry: DatedValue) -> tuple[Reference, ...]:
    return tuple(ref for ref in entry.references if ref.primary)


def law_changes(law: Law) -> LawChanges:
    """Read the changes from every parameter's history (the first value of each is where Kopir starts)."""
    changes = []
    for path, parameter in law.parameters.items():
        for before, entry in zip(parameter.values, parameter.values[1:], strict=False):
            acts = _primary(entry)
            if before.value != entry.value or _primary(before) != acts:
                changes.append(
                    Change(entry.since, path, parameter.label, parameter.unit, before.value, entry.value, acts)
                )
    changes.sort(key=lambda change: (-change.since.toordinal(), not change.value_changed, change.path))
    horizons: dict[date, list[str]] = {}
    for path, parameter in law.parameters.items():
        if parameter.known_until is not None:
            horizons.setdefault(parameter.known_until, []).append(path)
    known = tuple((day, tuple(sorted(paths))) for day, paths in sorted(horizons.items()))
    return LawChanges(tuple(changes), known)


def _rounding(rule: Mapping[str, Any], lang: Language) -> str:
    unit = template(ROUNDING_UNITS[int(rule["unit"])], lang)
    return render(ROUNDING[str(rule["mode"])], {"unit": unit}, lang)


def describe_value(value: ParamValue, unit: str, lang: Language) -> str:
    """A value as a person reads it, in `lang`: ``5%``, ``85,000``, ``yes``, ``from child 4: 63``."""
    if value is None:
        return template(NOT_IN_FORCE, lang)
    if isinstance(value, bool):
        return template(YES if value else NO, lang)
    if isinstance(value, Mapping):
        if unit == "rounding":
            return _rounding(cast(Mapping[str, Any], value), lang)
        return "; ".join(
            render(BIRTH_ORDER, {"order": order, "value": amount}, lang) for order, amount in value.items()
        )
    if unit == "rate":
        return format_value(Percent(Decimal(value)), lang)
    return format_value(value, lang)


def unit_name(unit: str, lang: Language) -> str:
    """The unit's name in `lang` (a rate is shown as a percentage, so its unit reads "rate")."""
    return template(UNIT_NAMES[unit], lang)


MARKDOWN_HEAD = """# The law's changes

Generated from `src/kopir/rules/parameters/` by `kopir law-changes`; do not edit by hand (a test fails
when this copy is not current). The same list is on the site at `/<lang>/law/` in Kazakh, Russian and
English. Each line is a dated value that differs from the value before it, newest first. A line marked
*act only* keeps the amount and changes the act behind it (the Social Code took over on 01.07.2023).
"""


def _markdown_line(change: Change) -> str:
    acts = "; ".join(f"[{ref.title['en']}]({ref.href})" for ref in change.references)
    old = describe_value(change.old, change.unit, "en")
    new = describe_value(change.new, change.unit, "en")
    what = f"{old} → {new}" if change.value_changed else f"{new} (act only)"
    return f"| {change.label['en']} | `{change.path}` | {what} | {unit_name(change.unit, 'en')} | {acts} |"


def changes_markdown(law: Law) -> str:
    """The Markdown copy of the law's changes, in English (the committed copy in docs/ is compared with it)."""
    changes = law_changes(law)
    lines = [MARKDOWN_HEAD]
    for day, group in changes.by_date():
        lines += [f"## {day.isoformat()}", "", "| Value | Parameter | Change | Unit | Act |", "|---|---|---|---|---|"]
        lines += [_markdown_line(change) for change in group]
        lines.append("")
    if changes.known_until:
        lines += ["## Not yet published", ""]
        for day, paths in changes.known_until:
            named = ", ".join(f"{law[path].label['en']} (`{path}`)" for path in paths)
            lines.append(f"- after {day.isoformat()}: {named}")
        lines.append("")
    return "\n".join(lines)
