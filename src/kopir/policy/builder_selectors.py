"""The reform builder's reads: the law's parameters to browse or search, and an analyst's saved reforms.

The parameters come from the law page's selector (`kopir.law.selectors.parameters_on`), so a value, a
unit and an act read the same on both pages. A saved reform is its owner's alone: any other viewer is
answered as if it did not exist (404), and the refused look is logged like every other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.law.selectors import ParameterRow, parameters_on
from kopir.policy.models import SavedReform
from kopir.policy.selectors import costing_allowed
from kopir.rules.law import Language, Parameter
from kopir.rules.law_files import default_law

# The top folders of the parameter tree (src/kopir/rules/parameters/), as the page groups them.
GROUPS = {
    "general": _("General values: monthly calculation index (MRP) and minimum wage (MZP)"),
    "gfss": _("Payments of the State Social Insurance Fund (GFSS)"),
    "state_budget": _("State allowances from the budget"),
    "contributions": _("Social contributions (SO) and their base"),
    "leave": _("Leave around a birth or adoption"),
    "deadlines": _("Deadlines to apply and to decide"),
    "rounding": _("Rounding of amounts"),
}
SWITCH = "switch"
NUMBER = "number"


@dataclass(frozen=True)
class BuilderParameter:
    """A parameter as the builder offers it: the law page's row and what a change of it takes."""

    row: ParameterRow
    kind: str | None  # SWITCH, NUMBER, or None: a reform file cannot change it yet (a scale, a rounding rule)


@dataclass(frozen=True)
class ParameterGroup:
    name: str
    parameters: tuple[BuilderParameter, ...]


def parameter_kind(parameter: Parameter) -> str | None:
    """What a change of `parameter` takes, read from its values as `parse` reads them."""
    current = next((v.value for v in reversed(parameter.values) if v.value is not None), None)
    if isinstance(current, bool):
        return SWITCH
    return NUMBER if isinstance(current, int | Decimal) else None


def builder_parameters(on: date, lang: Language) -> dict[str, BuilderParameter]:
    """Every parameter of the law by path, with its value in force on `on`, in `lang`."""
    law = default_law()
    return {row.path: BuilderParameter(row, parameter_kind(law[row.path])) for row in parameters_on(on, lang)}


def _matches(parameter: BuilderParameter, words: Sequence[str]) -> bool:
    row = parameter.row
    text = f"{row.label} {row.path} {row.unit}".casefold()
    return all(word in text for word in words)


def parameter_groups(on: date, lang: Language, query: str = "") -> tuple[ParameterGroup, ...]:
    """The parameters whose label, path or unit hold every word of `query`, grouped by the tree's top folder."""
    words = query.casefold().split()
    found = [p for p in builder_parameters(on, lang).values() if _matches(p, words)]
    groups = []
    for folder, name in GROUPS.items():
        members = tuple(p for p in found if p.row.path.split(".")[0] == folder)
        if members:
            groups.append(ParameterGroup(str(name), members))
    return tuple(groups)


def saved_reforms_of(viewer: User) -> QuerySet[SavedReform]:
    """`viewer`'s saved reforms, newest first (none for a viewer who may not cost reforms)."""
    costing_allowed(viewer=viewer)
    return SavedReform.objects.filter(owner=viewer)


def saved_reform_get(*, viewer: User, reform_id: int) -> SavedReform:
    """`viewer`'s saved reform, logged; `Http404` (the refusal logged) if it is not hers or does not exist."""
    costing_allowed(viewer=viewer)
    saved = SavedReform.objects.filter(owner=viewer, pk=reform_id).first()
    if saved is None:
        access_log_record(actor=viewer, action=AccessAction.REFUSED, record=SavedReform(pk=reform_id), subject_id=None)
        raise Http404
    access_log_record(actor=viewer, action=AccessAction.READ, record=saved, subject_id=None)
    return saved
