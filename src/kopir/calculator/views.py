"""The calculator pages: the form, the result, and the timeline as an iCalendar file.

Thin views (HackSoft style): parse the form, call the service, render. Everything works without
JavaScript; the result page prints cleanly (a print stylesheet).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from kopir.calculator.forms import CalculatorForm, example_answers
from kopir.calculator.ics import timeline_calendar
from kopir.calculator.services import calculate_for_form

UNPROCESSABLE = 422


def _checked(form: CalculatorForm) -> dict[str, Any] | None:
    """The response for a bound form, or None with the errors put on the form."""
    if not form.is_valid():
        return None
    response, errors = calculate_for_form(form.cleaned_data)
    for field, message in errors:
        form.add_error(field, message)
    return response


class CalculatorView(View):
    """GET: the questions. POST: the answer, or the questions again with every problem marked."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CalculatorForm(initial=example_answers(timezone.localdate()) if "example" in request.GET else None)
        return render(request, "calculator/form.html", {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CalculatorForm(request.POST)
        response = _checked(form)
        if response is None:
            return render(request, "calculator/form.html", {"form": form}, status=UNPROCESSABLE)
        return render(request, "calculator/result.html", {"form": form, "result": response})


class TimelineCalendarView(View):
    """POST the same answers: download the personal timeline as an .ics file for a calendar app."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CalculatorForm(request.POST)
        response = _checked(form)
        if response is None:
            return render(request, "calculator/form.html", {"form": form}, status=UNPROCESSABLE)
        calendar = HttpResponse(timeline_calendar(response["timeline"]), content_type="text/calendar; charset=utf-8")
        calendar["Content-Disposition"] = 'attachment; filename="kopir-timeline.ics"'
        return calendar
