"""The analyst's choice: a reform, a population size and a seed."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import User
from kopir.interface.language import current_language
from kopir.microsim.reforms import available, load
from kopir.policy.models import SAVED_PREFIX, SavedReform, SimulationRun
from kopir.policy.services import SIZES, saved_number
from kopir.rules import default_law, formats

NO_LONGER_ACCEPTED = _("Today's law no longer accepts this reform; its page says why.")
SAVED_SHOWN = 50  # an analyst's newest saved reforms on the costing page; older ones from their own page


@cache
def reform_choices(language: str) -> tuple[tuple[str, str], ...]:
    """Each shipped reform's id and title: read and checked once per process, not on every page."""
    law = default_law()
    return tuple((name, load(name, law).title[language]) for name in available())


def run_title(run: SimulationRun, language: str) -> str:
    """The title of a run's reform: a shipped one's, or the analyst's own saved reform's."""
    if run.saved_reform is not None:
        return run.saved_reform.title(language)
    return dict(reform_choices(language)).get(run.shipped_reform, run.shipped_reform)


class ReformChoiceField(forms.ChoiceField):
    """A shipped reform, or any saved one by id: whose it is, and whether today's law still accepts it, the
    service decides (another's is a 404, one the law refuses comes back as `NO_LONGER_ACCEPTED`)."""

    def valid_value(self, value: str) -> bool:
        return super().valid_value(value) or saved_number(value) is not None


class SimulationForm(forms.Form):
    reform = ReformChoiceField(label=_("Reform"), widget=forms.RadioSelect)
    size = forms.TypedChoiceField(label=_("Persons to simulate"), coerce=int, initial=100_000)
    seed = forms.IntegerField(label=_("Seed of the synthetic population"), min_value=0, max_value=1_000_000, initial=0)

    def __init__(self, *args: Any, viewer: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = current_language()
        reform, size = self.fields["reform"], self.fields["size"]
        assert isinstance(reform, forms.ChoiceField)  # noqa: S101 - declared above
        assert isinstance(size, forms.ChoiceField)  # noqa: S101
        saved = SavedReform.objects.filter(owner=viewer)[:SAVED_SHOWN] if viewer is not None else []
        reform.choices = [*reform_choices(language), *((f"{SAVED_PREFIX}{s.pk}", s.title(language)) for s in saved)]
        size.choices = [(s, formats.number(s, language, 0)) for s in SIZES]
