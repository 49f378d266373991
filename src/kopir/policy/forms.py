"""The analyst's choice: a reform, a population size and a seed."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopir.interface.language import current_language
from kopir.microsim.reforms import available, load
from kopir.policy.services import SIZES
from kopir.rules import default_law, formats


@cache
def reform_choices(language: str) -> tuple[tuple[str, str], ...]:
    """Each shipped reform's id and title: read and checked once per process, not on every page."""
    law = default_law()
    return tuple((name, load(name, law).title[language]) for name in available())


class SimulationForm(forms.Form):
    reform = forms.ChoiceField(label=_("Reform"), widget=forms.RadioSelect)
    size = forms.TypedChoiceField(label=_("Persons to simulate"), coerce=int, initial=100_000)
    seed = forms.IntegerField(label=_("Seed of the synthetic population"), min_value=0, max_value=1_000_000, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = current_language()
        reform, size = self.fields["reform"], self.fields["size"]
        assert isinstance(reform, forms.ChoiceField)  # noqa: S101 - declared above
        assert isinstance(size, forms.ChoiceField)  # noqa: S101
        reform.choices = list(reform_choices(language))
        size.choices = [(s, formats.number(s, language, 0)) for s in SIZES]
