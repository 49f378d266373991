"""The personal timeline: the dates a woman plans around, and the deadlines she must not miss.

Leave start, birth, leave end; the last day to apply for each payment (12 months for the
maternity payment, 18 for childcare in 2026); when a payment arrives if she applies on the first day
(the state's processing time counts Kazakhstan working days, ``kopir.workdays``); the child's
1.5-year mark (the childcare payment ends) and 3-year mark (the unpaid childcare leave ends).
The labels state the months and ages read from the law on the day, never a number of their own
(issue 13, point 3): a reform that moves a deadline moves its label with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from operator import itemgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from kopir.rules.explanation import Trace
from kopir.rules.i18n import N_
from kopir.rules.leave import Leave
from kopir.rules.months import add_months
from kopir.rules.request import CalculationRequest
from kopir.workdays import add_working_days

MONTHS_A_YEAR = 12  # the calendar's, not the law's: the law states the childcare period in months

LABELS = {
    "leave_start": N_("Maternity leave starts"),
    "adoption_leave_start": N_("Adoption leave starts"),
    "expected_birth": N_("Expected birth"),
    "birth": N_("Birth of the child"),
    "leave_end": N_("Maternity or adoption leave ends"),
    "maternity_payment_expected": N_(
        "The maternity payment arrives by this day if applied for on the first day (%(days)s working days)"
    ),
    "maternity_application_deadline": N_("Last day to apply for the maternity payment (%(months)s months)"),
    "birth_allowance_application_deadline": N_("Last day to apply for the birth allowance"),
    "childcare_payment_expected": N_(
        "The childcare payment is assigned by this day if applied for at the birth (%(days)s working days)"
    ),
    "childcare_application_deadline": N_("Last day to apply for the childcare payment (%(months)s months)"),
    "return_to_work": N_("Return to work"),
    "age_1_5": N_("The child is %(age)s years old: the monthly childcare payments end"),
    "age_3": N_("The child is %(age)s years old: the unpaid childcare leave ends; the job is kept until then"),
}

DEADLINE_PASSED = {
    "maternity_application_deadline": N_(
        "The last day to apply for the maternity payment was %(date)s; it has passed."
    ),
    "birth_allowance_application_deadline": N_(
        "The last day to apply for the birth allowance was %(date)s; it has passed."
    ),
    "childcare_application_deadline": N_(
        "The last day to apply for the childcare payment was %(date)s; it has passed."
    ),
}


class Mark(NamedTuple):
    """One dated entry of the timeline (a named tuple: immutable and quick to build, as `Step`)."""

    id: str
    day: date
    params: Mapping[str, Any] = MappingProxyType({})


_DAY = itemgetter(1)  # a mark's day, the sort key, without a Python call per mark
_NO_PARAMS: Mapping[str, Any] = MappingProxyType({})
_ONE_DAY = timedelta(days=1)
_new = tuple.__new__  # a named tuple's fields given at once, without its constructor's Python call
_Entry = tuple[str, date, Mapping[str, Any]]  # a mark's fields: the marks are made once, sorted (`timeline`)


def _deadline(mark: str, start: date, path: str, trace: Trace) -> _Entry:
    """The last day of a period of N months that starts on `start`, labelled with its N."""
    months = trace.whole(path, start)
    return mark, add_months(start, months) - _ONE_DAY, {"months": months}


def _payment_marks(maternity: bool, leave: Leave, trace: Trace) -> list[_Entry]:
    marks = []
    if maternity:
        processing = trace.whole("deadlines.processing_working_days", leave.right_date)
        marks += [
            ("maternity_payment_expected", add_working_days(leave.right_date, processing), {"days": processing}),
            _deadline(
                "maternity_application_deadline", leave.right_date, "deadlines.maternity_application_months", trace
            ),
        ]
    processing = trace.whole("deadlines.processing_working_days", leave.birth)
    arrives = leave.right_date if leave.right_date > leave.birth else leave.birth
    return [
        *marks,
        _deadline(
            "birth_allowance_application_deadline", leave.birth, "deadlines.birth_allowance_application_months", trace
        ),
        ("childcare_payment_expected", add_working_days(arrives, processing), {"days": processing}),
        _deadline("childcare_application_deadline", leave.birth, "deadlines.childcare_application_months", trace),
    ]


def timeline(request: CalculationRequest, leave: Leave, *, maternity: bool, trace: Trace) -> list[Mark]:
    """Every mark of the timeline, in date order.

    The marks are gathered as plain triples and made `Mark`s once, sorted: a named tuple's own
    constructor is a Python call, twice the cost of `tuple.__new__` (see `kopir.rules.explanation`).
    """
    adoption = request.event.type == "adoption"
    marks: list[_Entry] = [("adoption_leave_start" if adoption else "leave_start", leave.start, _NO_PARAMS)]
    if leave.expected_birth:
        marks.append(("expected_birth", leave.expected_birth, _NO_PARAMS))
    if request.event.birth_date:
        marks.append(("birth", request.event.birth_date, _NO_PARAMS))
    if leave.days:
        marks.append(("leave_end", leave.end, _NO_PARAMS))
    marks += _payment_marks(maternity, leave, trace)
    if request.return_to_work:
        marks.append(("return_to_work", request.return_to_work, _NO_PARAMS))
    months = trace.whole("gfss.childcare.months", leave.birth)
    years = trace.whole("leave.childcare.unpaid_until_age_years", leave.birth)
    marks += [
        ("age_1_5", add_months(leave.birth, months), {"age": Decimal(months) / MONTHS_A_YEAR}),
        ("age_3", add_months(leave.birth, MONTHS_A_YEAR * years), {"age": years}),
    ]
    for mark, day, _ in marks:
        if mark in DEADLINE_PASSED and day < request.as_of:
            trace.warn(DEADLINE_PASSED[mark], date=day)
    return [_new(Mark, entry) for entry in sorted(marks, key=_DAY)]
