"""The builder's form: titles and descriptions in kk, ru and en, and a new value and date per parameter.

The form checks only what a reform file cannot: that each text is given and not too long, and that no
field is longer than a value or a date can be. Everything about a change (the parameter, the kind and
range of the value, the date) is left to `kopir.microsim.reforms.parse`, whose problems are put back
beside the field they belong to (`problems_placed`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopir.interface.language import current_language
from kopir.microsim.reforms import SINCE_BEFORE_THE_LAW, SINCE_NOT_A_DATE, Problem
from kopir.policy.builder import Draft, Override
from kopir.policy.builder_selectors import SWITCH, BuilderParameter
from kopir.rules import formats
from kopir.rules.i18n import render
from kopir.rules.law import LANGUAGES, Language

TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 2000
FIELD_LIMIT = 40
LANGUAGE_NAMES = {"kk": _("in Kazakh"), "ru": _("in Russian"), "en": _("in English")}
SWITCH_CHOICES = [("true", _("Yes")), ("false", _("No"))]
RATE_EXAMPLE = Decimal("0.45")
DATE_FIELDS = frozenset({SINCE_NOT_A_DATE, SINCE_BEFORE_THE_LAW})


def _text(label: str, limit: int, *, long: bool = False) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput
    return forms.CharField(label=label, max_length=limit, widget=widget)


def _value_hint(offered: BuilderParameter, *, lang: Language) -> str:
    """The unit of the value, and for a rate how to write it (a share of one, as in a reform file)."""
    if offered.row.unit_code == "rate":
        share, percent = formats.number(RATE_EXAMPLE, lang), formats.percent(RATE_EXAMPLE, lang)
        return _("A share of one: %(share)s is %(percent)s.") % {"share": share, "percent": percent}
    return _("Unit: %(unit)s.") % {"unit": offered.row.unit}


def draft_initial(draft: Draft, parameters: list[str]) -> dict[str, str]:
    """The form's first values from a draft (a saved reform copied): its texts, and each parameter's change."""
    initial = {f"title_{lang}": draft.title[lang] for lang in LANGUAGES}
    initial |= {f"description_{lang}": draft.description[lang] for lang in LANGUAGES}
    changes = {override.parameter: override for override in draft.overrides}
    for i, path in enumerate(parameters):
        initial |= {f"value_{i}": changes[path].value, f"since_{i}": changes[path].since}
    return initial


class BuilderForm(forms.Form):
    """One page: the reform's texts, then a value and a start date for each chosen parameter, in order."""

    def __init__(self, *args: Any, parameters: list[str], known: Mapping[str, BuilderParameter], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.parameters = parameters
        for lang in LANGUAGES:
            label = _("Title %(language)s") % {"language": LANGUAGE_NAMES[lang]}
            self.fields[f"title_{lang}"] = _text(label, TITLE_LIMIT)
        for lang in LANGUAGES:
            label = _("Description %(language)s") % {"language": LANGUAGE_NAMES[lang]}
            self.fields[f"description_{lang}"] = _text(label, DESCRIPTION_LIMIT, long=True)
        for i, path in enumerate(parameters):
            offered = known[path]  # the view refuses a parameter the builder does not offer before any form
            value = forms.CharField(
                label=_("New value of “%(parameter)s”") % {"parameter": offered.row.label},
                help_text=_value_hint(offered, lang=current_language()),
                max_length=FIELD_LIMIT,
                required=False,
            )
            if offered.kind == SWITCH:
                value.widget = forms.RadioSelect(choices=SWITCH_CHOICES)
            self.fields[f"value_{i}"] = value
            self.fields[f"since_{i}"] = forms.CharField(
                label=_("In force from"),
                help_text=_("A date as year-month-day, for example 2027-01-01."),
                max_length=FIELD_LIMIT,
                required=False,
            )

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """Each chosen parameter's path with its two fields, for the template."""
        return [(path, self[f"value_{i}"], self[f"since_{i}"]) for i, path in enumerate(self.parameters)]

    def draft(self) -> Draft:
        data = self.cleaned_data
        return Draft(
            title={lang: data[f"title_{lang}"] for lang in LANGUAGES},
            description={lang: data[f"description_{lang}"] for lang in LANGUAGES},
            overrides=tuple(
                Override(path, data[f"value_{i}"], data[f"since_{i}"]) for i, path in enumerate(self.parameters)
            ),
        )

    def problems_placed(self, problems: list[Problem], lang: Language) -> None:
        """Each problem of `parse` beside its field: a change's date or value, or above the form."""
        for problem in problems:
            text = render(problem.message, problem.params, lang)
            index = problem.where.removeprefix("changes[").split("]")[0]
            if problem.where.startswith("changes[") and index.isdigit() and int(index) < len(self.parameters):
                field = "since" if problem.message in DATE_FIELDS else "value"
                self.add_error(f"{field}_{index}", text)
            else:
                self.add_error(None, text)
