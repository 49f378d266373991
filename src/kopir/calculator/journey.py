"""The calculator as a service: one question a page, the answers in her session, the path they make.

Each step asks one thing and borrows its fields from `CalculatorForm`, so the step pages and the
"all questions on one page" variant ask the same questions with the same checks. Which steps come
depends on the answers (an adoption asks other dates than a birth; only the income form she chose
is asked; nothing about income if she pays no social contributions). The answers are kept in the
session as the one-page form's text values, never in an address (decision 0028); the answers of a
step left off the path (she changed her mind) are ignored, not deleted, so going back keeps them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kopir.calculator.date_parts import DatePartsField
from kopir.calculator.forms import CalculatorForm
from kopir.calculator.forms import example_answers as forms_example

SESSION_KEY = "calculator_answers"
Answers = dict[str, str]


@dataclass(frozen=True)
class Step:
    """One page of questions: its address slug, its heading, and the `CalculatorForm` fields it asks."""

    slug: str
    title: Promise
    fields: tuple[str, ...]
    hint: Promise | None = None

    def form_class(self) -> type[forms.Form]:
        """A form of this step's fields; date fields become GOV.UK day/month/year boxes."""
        attrs: dict[str, Any] = {}
        for name in self.fields:
            field = CalculatorForm.base_fields[name]
            if isinstance(field, forms.DateField):
                attrs[name] = DatePartsField(
                    label=field.label,
                    required=name in REQUIRED_DATES,
                    help_text=_date_hint(name, field),
                    error_messages={"required": UNANSWERED[name]} if name in UNANSWERED else None,
                )
            else:
                attrs[name] = _asked(name, field)
        if self.slug in INCOME_STEP.values():
            attrs["clean"] = _income_required
        return type(f"{self.slug.title()}StepForm", (forms.Form,), attrs)


REQUIRED_DATES = {"adoption_date"}
# What to do when a question is left unanswered, in GOV.UK's words ("Select...", "Enter..."), instead of
# Django's "This field is required."; the income form is optional on the one-page form, not on its own page.
UNANSWERED = {
    "employment": _("Select how you work."),
    "event_type": _("Select whether it is a birth or an adoption."),
    "adoption_date": _("Enter the date of adoption."),
    "children": _("Enter how many children are born or adopted, for example 1."),
    "previous_children": _("Enter how many children you already have, or 0 if this is your first child."),
    "income_form": _("Select how you want to give your income."),
}


def _asked(name: str, field: forms.Field) -> forms.Field:
    """The one-page form's field, asked on its own page: required with its own message if listed above."""
    if name not in UNANSWERED:
        return field
    asked = copy.deepcopy(field)
    asked.required = True
    asked.error_messages = asked.error_messages | {"required": UNANSWERED[name]}
    return asked


DATE_HINTS = {"leave_start": _("The date on the sick-leave certificate, usually week 30. For example, 27 3 2027.")}


def _date_hint(name: str, field: forms.Field) -> Any:
    return DATE_HINTS.get(name, field.help_text)


def _income_required(form: forms.Form) -> dict[str, Any]:
    """The one income field of this page must be filled: she chose this form of income."""
    data = form.cleaned_data
    for name, value in list(data.items()):
        if value in (None, "", []) and name not in form.errors:
            form.add_error(name, forms.ValidationError(MISSING_INCOME, code="required"))
    return data


MISSING_INCOME = _("Enter your income, or go back and choose another way to give it.")

STEPS = {
    step.slug: step
    for step in (
        Step("employment", _("How do you work?"), ("employment",)),
        Step("nuclear-zone", _("Do you live in the areas affected by the nuclear tests?"), ("nuclear_test_zone",)),
        Step("event", _("What is the event?"), ("event_type",)),
        Step(
            "birth-dates",
            _("Your dates"),
            ("leave_start", "expected_birth", "birth_date"),
            _("Give at least one of the three dates; the others are worked out."),
        ),
        Step("adoption-dates", _("The adoption"), ("adoption_date", "birth_date")),
        Step("children", _("How many children are born or adopted?"), ("children",)),
        Step("complicated-birth", _("Was the birth complicated?"), ("complicated_birth",)),
        Step("previous-children", _("How many children do you already have?"), ("previous_children",)),
        Step(
            "income-form",
            _("How do you want to give your income?"),
            ("income_form",),
            _(
                "The payments are computed from the income social contributions were paid from: for an employee, "
                "the salary minus the 10% pension contribution. Your statement of social contributions is on "
                "egov.kz or in your bank's app."
            ),
        ),
        Step("income-salary", _("Your monthly salary"), ("gross_salary",)),
        Step("income-statement", _("Your statement of social contributions"), ("monthly",)),
        Step("income-average", _("Your average monthly income"), ("average_so_base",)),
        Step("return", _("Will you go back to work before the child is 1.5?"), ("return_to_work",)),
    )
}
INCOME_STEP = {"gross_salary": "income-salary", "monthly": "income-statement", "average_so_base": "income-average"}


def path(answers: Answers) -> list[Step]:
    """The steps her answers lead through, in order (the path grows as she answers)."""
    slugs = ["employment", "nuclear-zone", "event"]
    adoption = answers.get("event_type") == "adoption"
    slugs += ["adoption-dates", "children"] if adoption else ["birth-dates", "children", "complicated-birth"]
    slugs.append("previous-children")
    if answers.get("employment") != "uninsured":
        slugs += ["income-form", INCOME_STEP.get(answers.get("income_form") or "gross_salary", "income-salary")]
    slugs.append("return")
    return [STEPS[slug] for slug in slugs]


def relevant(answers: Answers) -> Answers:
    """Only the answers of the steps on her path (an adoption's date is dropped when she says birth)."""
    asked = {name for step in path(answers) for name in step.fields}
    return {name: value for name, value in answers.items() if name in asked}


def next_step(answers: Answers, current: Step) -> Step | None:
    """The step after `current` on her path, or None when the next page is "check your answers"."""
    steps = path(answers)
    index = [step.slug for step in steps].index(current.slug)
    return steps[index + 1] if index + 1 < len(steps) else None


def previous_step(answers: Answers, current: Step) -> Step | None:
    steps = path(answers)
    slugs = [step.slug for step in steps]
    index = slugs.index(current.slug) if current.slug in slugs else 0
    return steps[index - 1] if index > 0 else None


def first_unanswered(answers: Answers) -> Step | None:
    """The first step on her path she has not answered yet (None: all answered)."""
    return next((step for step in path(answers) if step.slug not in answers.get("_answered", "").split()), None)


def text_value(value: Any) -> str:
    """A cleaned value as the one-page form's text (what it would have received in a POST)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, Decimal | int):
        return str(value)
    return "" if value is None else str(value)


def remember(session: SessionBase, step: Step, form: forms.Form) -> Answers:
    """Keep the step's answers in the session (the statement as she typed it) and mark the step answered."""
    answers = load(session)
    for name in step.fields:
        value = form.data.get(name, "") if name == "monthly" else text_value(form.cleaned_data.get(name))
        answers[name] = str(value)
    answers["_answered"] = " ".join(sorted(set(answers.get("_answered", "").split()) | {step.slug}))
    session[SESSION_KEY] = answers
    return answers


def load(session: SessionBase) -> Answers:
    stored = session.get(SESSION_KEY)
    return dict(stored) if isinstance(stored, dict) else {}


def initial_of(step: Step, answers: Answers) -> dict[str, str]:
    return {name: answers[name] for name in step.fields if name in answers}


def example_answers(today: date) -> Answers:
    """The built-in example from today (`forms.example_answers`), every step marked answered."""
    answers = forms_example(today)
    answers["_answered"] = " ".join(step.slug for step in path(answers))
    return answers
