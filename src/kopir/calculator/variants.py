"""Comparisons: her answers with one thing changed, computed by the same `kopir.rules.calculate`.

Back at work when the child is 1 or staying on leave to 1.5, the leave starting a month later, and
working as an employee or as an individual entrepreneur. Each variant is her answers with one value
replaced; a variant the rules refuse (a later leave start after the birth, say) is shown as not
computable rather than hidden, so the columns stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kopir.calculator.forms import CalculatorForm
from kopir.calculator.services import calculate_for_form
from kopir.rules.months import add_months

Answers = dict[str, str]


@dataclass(frozen=True)
class Variant:
    """One column of the comparison: a title and the response (None when the rules refuse the answers)."""

    title: Promise
    result: dict[str, Any] | None
    yours: bool = False

    def amount(self, payment_id: str, key: str) -> Any:
        if self.result is None:
            return None
        for payment in self.result["payments"]:
            if payment["id"] == payment_id:
                return payment.get(key) if payment["eligible"] else Decimal(0)
        return None


def computed(answers: Answers) -> dict[str, Any] | None:
    """The rules' response for the answers, or None if the form or the rules refuse them."""
    form = CalculatorForm(answers)
    if not form.is_valid():
        return None
    response, errors = calculate_for_form(form.cleaned_data)
    return None if errors else response


def _first_birthday(result: dict[str, Any]) -> date:
    """The child's first birthday: six months before the day she turns 1.5 on the timeline."""
    age_1_5 = next(mark["date"] for mark in result["timeline"] if mark["id"] == "age_1_5")
    return add_months(date.fromisoformat(age_1_5), -6)


def variants(answers: Answers, yours: dict[str, Any]) -> list[Variant]:
    """Her answers, then each change of one answer, computed."""
    columns = [Variant(_("Your answers"), yours, yours=True)]
    back_at_one = answers | {"return_to_work": _first_birthday(yours).isoformat()}
    columns.append(Variant(_("Back at work when the child is 1"), computed(back_at_one)))
    columns.append(Variant(_("On leave until the child is 1.5"), computed(answers | {"return_to_work": ""})))
    start = answers.get("leave_start")
    if answers.get("event_type") != "adoption" and start:
        later = add_months(date.fromisoformat(start), 1).isoformat()
        columns.append(Variant(_("Leave starting a month later"), computed(answers | {"leave_start": later})))
    if answers.get("employment") == "employee":
        entrepreneur = answers | {"employment": "individual_entrepreneur"}
        columns.append(Variant(_("As an individual entrepreneur"), computed(entrepreneur)))
    else:
        columns.append(Variant(_("As an employee"), computed(answers | {"employment": "employee"})))
    return columns
