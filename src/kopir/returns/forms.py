"""Forms of the return-plan page: each adds or changes one kind of record.

The forms check types; the services check the rules and put their errors back on the fields
(the field names are the services' argument names). The page holds many forms at once, so each
is given a prefix by the view (ids stay unique). Forms that change the plan's version-checked
parts carry its `version`.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kopir.interface.forms import DateInput
from kopir.returns.models import ArrangementKind, ContactKind, Decision, NoticeKind, TrainingKind

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class PlanForm(forms.Form):
    planned_return_date = forms.DateField(label=_("Planned return date"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PhaseForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To (inclusive)"), widget=DateInput())
    work_percent = forms.IntegerField(
        label=_("Share of full time, per cent"),
        min_value=1,
        max_value=100,
        help_text=_("For example 50, then 75, then 100: the schedule ends at full time."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ArrangementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Arrangement"), choices=ArrangementKind.choices, widget=forms.RadioSelect)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To (inclusive)"), widget=DateInput())
    details = forms.CharField(label=_("Hours, place or days"), max_length=300, required=False)
    requested_on = forms.DateField(label=_("Date of her written request"), widget=DateInput())


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(Decision.GRANTED, Decision.GRANTED.label), (Decision.REFUSED, Decision.REFUSED.label)],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    reasons = forms.CharField(
        label=_("Reasons"), widget=TEXTAREA, required=False, help_text=_("Required when the request is refused.")
    )


class KeepInTouchForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices, widget=forms.RadioSelect)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    consent = forms.BooleanField(label=_("She agreed to it"), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("About"), choices=NoticeKind.choices, widget=forms.RadioSelect)
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput())
    summary = forms.CharField(label=_("Summary"), widget=TEXTAREA)


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TrainingKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    planned_on = forms.DateField(label=_("Planned for"), widget=DateInput())


class CompletionForm(forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())


class NurseryForm(forms.Form):
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput())
    queue_number = forms.CharField(label=_("Number in the queue"), max_length=32, required=False)


class QueueForm(forms.Form):
    queue_number = forms.CharField(label=_("Number in the queue"), max_length=32)


class PlacementForm(forms.Form):
    placed_on = forms.DateField(label=_("Place from"), widget=DateInput())
    kindergarten = forms.CharField(label=_("Nursery or kindergarten"), max_length=200)


class InterviewForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    record = forms.CharField(
        label=_("Written record"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Skills, training needs, career wishes and working-time arrangements; she gets a copy."),
    )


class JustificationForm(forms.Form):
    justification = forms.CharField(label=_("Justification"), widget=TEXTAREA)
