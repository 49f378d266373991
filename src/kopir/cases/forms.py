"""Forms of the HR pages: open an episode, add a segment, record a return or a separation.

The forms check types; the services check the rules of the chain and put their errors back on
the fields. Forms that change an episode carry its `version` (optimistic locking).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopir.cases.models import (
    Destination,
    Employee,
    EpisodeKind,
    LeaveEpisode,
    ProtectedGround,
    ReturnMode,
    SegmentKind,
    SeparationReason,
)
from kopir.interface.forms import DateInput


class EpisodeOpenForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Event"), choices=EpisodeKind.choices, widget=forms.RadioSelect, initial=EpisodeKind.BIRTH
    )
    leave_start = forms.DateField(label=_("Start of the leave on the certificate"), required=False, widget=DateInput())
    expected_birth = forms.DateField(label=_("Expected date of birth"), required=False, widget=DateInput())
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    adoption_date = forms.DateField(label=_("Date of adoption"), required=False, widget=DateInput())
    children = forms.IntegerField(label=_("Children born or adopted"), min_value=1, max_value=9, initial=1)
    complicated_birth = forms.BooleanField(label=_("Complicated birth"), required=False)
    nuclear_test_zone = forms.BooleanField(label=_("Resident of the nuclear-test areas (longer leave)"), required=False)
    document = forms.CharField(label=_("Certificate number"), max_length=100, required=False)


class SegmentAddForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of leave"),
        widget=forms.RadioSelect,
        choices=[(SegmentKind.ANNUAL, SegmentKind.ANNUAL.label), (SegmentKind.CHILDCARE, SegmentKind.CHILDCARE.label)],
    )
    planned_start = forms.DateField(label=_("From"), widget=DateInput())
    planned_end = forms.DateField(label=_("To (inclusive)"), widget=DateInput())
    document = forms.CharField(label=_("Order or application number"), max_length=100, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(forms.Form):
    first_working_day = forms.DateField(label=_("First working day"), widget=DateInput())
    mode = forms.ChoiceField(label=_("Return mode"), choices=ReturnMode.choices, widget=forms.RadioSelect)
    monthly_salary = forms.DecimalField(
        label=_("Monthly salary on return, tenge"), min_value=0, max_digits=14, decimal_places=2
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReplacementForm(forms.Form):
    """The replacement is chosen among the employees a search found, not from a list of the whole body.

    A body has thousands of employees: the page offers only `candidates` (the search's few) as
    radios, while the answer is checked against the whole body (one query for the one chosen).
    """

    replacement = forms.ModelChoiceField(
        label=_("Temporary replacement"), queryset=Employee.objects.none(), widget=forms.RadioSelect
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, episode: LeaveEpisode, candidates: Iterable[Employee] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["replacement"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = Employee.objects.filter(body_id=episode.employee.body_id).exclude(pk=episode.employee_id)
        field.widget.choices = [(employee.pk, _candidate_label(employee)) for employee in candidates]


def _candidate_label(employee: Employee) -> str:
    """Her name and what tells namesakes apart: the body's reference and the post."""
    details = ", ".join(part for part in (employee.ref, str(employee.position.name)) if part)
    return f"{employee.full_name} ({details})" if details else employee.full_name


class SeparationForm(forms.Form):
    last_day = forms.DateField(label=_("Last working day"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=SeparationReason.choices)
    destination = forms.ChoiceField(label=_("Where she goes"), choices=Destination.choices)
    protected_ground = forms.ChoiceField(
        label=_("Legal ground, if she is protected from dismissal"),
        choices=ProtectedGround.choices,
        required=False,
        help_text=_("Required for a pregnant employee or a parent of a child under 3."),
    )
