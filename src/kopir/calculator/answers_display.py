"""Her answers as "check your answers" shows them: the question, her answer in words, a change link."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopir.calculator import journey
from kopir.calculator.forms import CalculatorForm
from kopir.interface.language import current_language
from kopir.rules.i18n import Money, format_value
from kopir.rules.money import tiyn

MONEY_FIELDS = {"gross_salary", "average_so_base"}
NOT_GIVEN = _("Not given")


def _in_words(name: str, value: str) -> Any:
    """One answer as text in the page's language."""
    field = CalculatorForm.base_fields[name]
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if not value:
        return NOT_GIVEN
    if isinstance(field, forms.ChoiceField):
        return dict(field.choices).get(value, value)  # type: ignore[arg-type]
    if isinstance(field, forms.DateField):
        return format_value(date.fromisoformat(value), current_language())
    if name in MONEY_FIELDS:
        return format_value(Money(tiyn(Decimal(value))), current_language())
    return value


def answer_rows(answers: journey.Answers) -> list[dict[str, Any]]:
    """A row for every question on her path: its label, her answer, the address to change it."""
    rows = []
    for step in journey.path(answers):
        change = reverse("calculator:step", args=[step.slug]) + "?change=1"
        for name in step.fields:
            label = CalculatorForm.base_fields[name].label
            rows.append(
                {"name": name, "question": label, "answer": _in_words(name, answers.get(name, "")), "change": change}
            )
    return rows
