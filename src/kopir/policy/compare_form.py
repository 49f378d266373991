"""The comparison's question: which two finished runs, by id (ids are not personal data, so a GET form).

The choices offered are the viewer's most recent finished runs; the answer is read as a whole number
and the run is then fetched through `run_get`, so a run the viewer may not see is refused exactly as
on its own page, and the refusal is logged the same way.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kopir.accounts.models import User
from kopir.policy.forms import run_title
from kopir.policy.models import RunStatus, SimulationRun
from kopir.policy.selectors import runs_visible_to
from kopir.rules import formats
from kopir.rules.law import Language

OFFERED = 50
LARGEST_ID = 2**31 - 1
SAME_RUN = _("Choose a run other than the first one.")
NOT_FINISHED = _("This run has no result yet: compare it once it is done.")


def run_label(run: SimulationRun, language: Language) -> str:
    """A finished run as the analyst knows it: the reform's title, its size and its id (short: it names a
    chart's series; the seed is on the run's own page)."""
    text = ngettext("%(title)s: %(size)s person (run %(id)s)", "%(title)s: %(size)s persons (run %(id)s)", run.size)
    return text % {"title": run_title(run, language), "size": formats.number(run.size, language, 0), "id": run.pk}


def run_choices(viewer: User, language: Language) -> list[tuple[str, str]]:
    """The viewer's newest finished runs to choose from, labelled without their results (a result can be
    megabytes of JSON: fifty of them are not read for fifty labels)."""
    runs = runs_visible_to(viewer).filter(status=RunStatus.DONE).defer("result")[:OFFERED]
    return [("", str(_("Choose a run")))] + [(str(run.pk), run_label(run, language)) for run in runs]


class ComparisonForm(forms.Form):
    first = forms.IntegerField(label=_("First run"), min_value=1, max_value=LARGEST_ID)
    second = forms.IntegerField(label=_("Second run"), min_value=1, max_value=LARGEST_ID)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            self.fields[name].widget = forms.Select(choices=choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("first") is not None and cleaned.get("first") == cleaned.get("second"):
            self.add_error("second", SAME_RUN)
        return cleaned
