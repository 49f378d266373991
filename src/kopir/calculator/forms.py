"""The calculator form: the questions a woman can answer, in the order she thinks of them.

Her employment, the event (a birth or an adoption, its dates, how many children), the children
she already has, her income in the form she knows (a gross salary, her month-by-month statement
of social contributions, or the average), and an early return to work. Django checks the types;
the rules check the rest, and their errors come back to the right field (`services`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kopir.interface.forms import DateInput

MONTH_LINE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*[;,:\t ]\s*([\d\s\u00a0.,]+)\s*$")
BAD_LINE = _("Line %(line)s: write the month and the amount, for example 2025-03 270000.")
BAD_MONTH = _("Line %(line)s: %(month)s is not a month.")
TOO_MANY_LINES = _("Give at most 60 months.")


def _amount(text: str) -> Decimal:
    """'270 000,50' or '270000.50' as a Decimal (spaces group thousands, a comma may be the decimal mark)."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return Decimal(cleaned)


class MonthlyStatementField(forms.CharField):
    """A textarea with one month per line: ``2025-03 270000``; returns the contract's monthly list."""

    widget = forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"})

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        text = super().to_python(value)
        lines = [line for line in str(text or "").splitlines() if line.strip()]
        if len(lines) > 60:
            raise ValidationError(TOO_MANY_LINES)
        months = []
        for number, line in enumerate(lines, start=1):
            match = MONTH_LINE.match(line)
            if match is None:
                raise ValidationError(BAD_LINE, params={"line": number})
            year, month, amount = match.groups()
            if not 1 <= int(month) <= 12:
                raise ValidationError(BAD_MONTH, params={"line": number, "month": f"{year}-{month}"})
            try:
                months.append({"month": f"{year}-{int(month):02d}", "so_base": _amount(amount)})
            except InvalidOperation:
                raise ValidationError(BAD_LINE, params={"line": number}) from None
        return months


def example_answers(today: date) -> dict[str, str]:
    """The built-in example, dated from today so her deadlines lie ahead: an employee whose leave starts
    today and whose child is expected in 70 days, with an average SO base of 300,000 (the contract's example)."""
    return {
        "employment": "employee",
        "nuclear_test_zone": "",
        "event_type": "birth",
        "leave_start": today.isoformat(),
        "expected_birth": (today + timedelta(days=70)).isoformat(),
        "birth_date": "",
        "children": "1",
        "complicated_birth": "",
        "previous_children": "0",
        "income_form": "average_so_base",
        "average_so_base": "300000",
        "return_to_work": "",
    }


class CalculatorForm(forms.Form):
    """Every question of the calculator; the names follow contract v1's fields."""

    employment = forms.ChoiceField(
        label=_("How do you work?"),
        choices=[
            ("employee", _("Employee (including a civil servant)")),
            ("individual_entrepreneur", _("Individual entrepreneur paying social contributions for herself")),
            ("self_employed", _("Self-employed under the special tax regime (social contributions paid since 2026)")),
            ("uninsured", _("Not working, or no social contributions paid")),
        ],
        widget=forms.RadioSelect,
    )
    nuclear_test_zone = forms.BooleanField(
        label=_("I live in, or hold the certificate of, the areas affected by the Semipalatinsk nuclear tests"),
        required=False,
    )
    event_type = forms.ChoiceField(
        label=_("What is the event?"),
        choices=[("birth", _("The birth of a child")), ("adoption", _("The adoption of a newborn"))],
        widget=forms.RadioSelect,
        initial="birth",
    )
    leave_start = forms.DateField(
        label=_("Start of the maternity leave"),
        required=False,
        widget=DateInput(),
        help_text=_("The date on the sick-leave certificate, usually week 30. For example, 2025-05-01."),
    )
    expected_birth = forms.DateField(label=_("Expected date of birth"), required=False, widget=DateInput())
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=DateInput(),
        help_text=_("If the child is born. For an adoption, the child's date of birth."),
    )
    adoption_date = forms.DateField(label=_("Date of adoption"), required=False, widget=DateInput())
    children = forms.IntegerField(
        label=_("How many children are born or adopted?"),
        min_value=1,
        max_value=9,
        initial=1,
        help_text=_("2 for twins."),
    )
    complicated_birth = forms.BooleanField(
        label=_("The birth was complicated (for example, a caesarean section)"), required=False
    )
    previous_children = forms.IntegerField(
        label=_("How many children do you already have?"),
        min_value=0,
        max_value=30,
        initial=0,
        help_text=_("Count adopted children and children under guardianship too."),
    )
    income_form = forms.ChoiceField(
        label=_("How do you want to give your income?"),
        choices=[
            ("gross_salary", _("My monthly salary before deductions")),
            ("monthly", _("My statement of social contributions, month by month")),
            ("average_so_base", _("The average monthly income from which social contributions were paid")),
        ],
        widget=forms.RadioSelect,
        initial="gross_salary",
        required=False,
    )
    gross_salary = forms.DecimalField(
        label=_("Monthly salary before deductions, tenge"),
        required=False,
        min_value=0,
        decimal_places=2,
        max_digits=14,
        help_text=_("For example, 300000."),
    )
    monthly = MonthlyStatementField(
        label=_("Income from which social contributions were paid, by month"),
        required=False,
        help_text=_("One month per line, for example 2025-03 270000. A month you leave out counts as zero."),
    )
    average_so_base = forms.DecimalField(
        label=_("Average monthly income, tenge"), required=False, min_value=0, decimal_places=2, max_digits=14
    )
    return_to_work = forms.DateField(
        label=_("Return to work before the child is 1.5 (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if you stay on leave."),
    )

    def clean(self) -> dict[str, Any]:
        """The income field she chose must be filled (unless she has no insured income at all)."""
        data = super().clean() or {}
        chosen = data.get("income_form") or "gross_salary"
        missing = chosen != "monthly" and data.get(chosen) is None and chosen not in self.errors
        if missing and data.get("employment") != "uninsured":
            self.add_error(chosen, ValidationError(self.fields[chosen].error_messages["required"], code="required"))
        return data
