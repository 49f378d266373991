"""The calculator as a service: start page, one question a page, check your answers, result, comparison, print.

Thin views: the path and the session live in `journey`, the sums in `kopir.rules.calculate` (through
`services`), the chart's figures in `income_chart`, the comparisons in `variants`. Every page works
without JavaScript; the answers stay in her session, so no address holds personal data (decision 0028).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from kopir.calculator import journey
from kopir.calculator.answers_display import answer_rows
from kopir.calculator.forms import CalculatorForm
from kopir.calculator.income_chart import income_by_month
from kopir.calculator.services import calculate_for_form
from kopir.calculator.variants import variants

UNPROCESSABLE = 422


def _step_url(step: journey.Step, change: bool = False) -> str:
    url = reverse("calculator:step", args=[step.slug])
    return f"{url}?change=1" if change else url


def _where_next(answers: journey.Answers) -> HttpResponseRedirect:
    """The first question still open on her path, or "check your answers" when there is none."""
    step = journey.first_unanswered(answers)
    return redirect(_step_url(step) if step else reverse("calculator:check"))


def _last_question(answers: journey.Answers) -> str:
    """The address of the last question on her path: where "Back" leads from "check your answers"."""
    return _step_url(journey.path(answers)[-1])


def _computed(request: HttpRequest) -> tuple[journey.Answers, dict[str, Any] | None, list[tuple[str | None, str]]]:
    """Her relevant answers, and the rules' response to them or the errors as (form field, message)."""
    answers = journey.relevant(journey.load(request.session))
    form = CalculatorForm(answers)
    if not form.is_valid():
        refused: list[tuple[str | None, str]] = [
            (name, str(message)) for name, messages in form.errors.items() for message in messages
        ]
        return answers, None, refused
    response, errors = calculate_for_form(form.cleaned_data)
    return answers, response, errors


class StartView(View):
    """Who the calculator is for and what she needs before she starts."""

    def get(self, request: HttpRequest) -> HttpResponse:
        started = bool(journey.load(request.session))
        return render(request, "calculator/journey/start.html", {"started": started})


class ExampleView(View):
    """POST: fill her answers with the example dated from today and show them to check."""

    def post(self, request: HttpRequest) -> HttpResponse:
        request.session[journey.SESSION_KEY] = journey.example_answers(timezone.localdate())
        return redirect("calculator:check")


class StartAgainView(View):
    """POST: forget her answers (on a shared computer she may want nothing left behind)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        request.session.pop(journey.SESSION_KEY, None)
        return redirect("calculator:start")


class StepView(View):
    """One question: GET shows it with her earlier answer, POST keeps the answer and moves on."""

    def _step(self, request: HttpRequest, slug: str) -> tuple[journey.Step, journey.Answers]:
        step = journey.STEPS.get(slug)
        if step is None:
            raise Http404(slug)
        return step, journey.load(request.session)

    def _page(self, request: HttpRequest, step: journey.Step, form: Any, answers: journey.Answers) -> dict[str, Any]:
        change = request.GET.get("change") == "1"
        previous = journey.previous_step(answers, step)
        back = reverse("calculator:check") if change else (_step_url(previous) if previous else None)
        return {"step": step, "form": form, "back": back or reverse("calculator:start"), "change": change}

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        step, answers = self._step(request, slug)
        if step not in journey.path(answers):
            return _where_next(answers)
        form = step.form_class()(initial=journey.initial_of(step, answers))
        return render(request, "calculator/journey/step.html", self._page(request, step, form, answers))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        step, answers = self._step(request, slug)
        if step not in journey.path(answers):
            return _where_next(answers)
        form = step.form_class()(request.POST)
        if not form.is_valid():
            context = self._page(request, step, form, answers)
            return render(request, "calculator/journey/step.html", context, status=UNPROCESSABLE)
        answers = journey.remember(request.session, step, form)
        if request.GET.get("change") == "1":
            return _where_next(answers)
        following = journey.next_step(answers, step)
        return redirect(_step_url(following) if following else reverse("calculator:check"))


class CheckView(View):
    """Her answers with a change link each; POST computes, or lists what the rules refuse."""

    def get(self, request: HttpRequest) -> HttpResponse:
        answers = journey.load(request.session)
        if journey.first_unanswered(answers):
            return _where_next(answers)
        context = {"rows": answer_rows(answers), "errors": [], "back": _last_question(answers)}
        return render(request, "calculator/journey/check.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        answers = journey.load(request.session)
        if journey.first_unanswered(answers):
            return _where_next(answers)
        _relevant, response, errors = _computed(request)
        if response is not None:
            return redirect("calculator:result")
        owners = {name: step for step in journey.path(answers) for name in step.fields}
        linked = [
            (_step_url(owners[field], change=True) if field in owners else "", message) for field, message in errors
        ]
        context = {"rows": answer_rows(answers), "errors": linked, "back": _last_question(answers)}
        return render(request, "calculator/journey/check.html", context, status=UNPROCESSABLE)


class _ResultPage(View):
    """A page drawn from her computed answers; without complete answers she is sent where they are missing."""

    template = ""

    def page_context(self, answers: journey.Answers, result: dict[str, Any]) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest) -> HttpResponse:
        stored = journey.load(request.session)
        if not stored or journey.first_unanswered(stored):
            return _where_next(stored)
        answers, result, _errors = _computed(request)
        if result is None:
            return redirect("calculator:check")
        context: dict[str, Any] = {"result": result, "months": income_by_month(result), "answers": answers}
        context |= {"rows": answer_rows(stored), "today": timezone.localdate()}
        return render(request, self.template, context | self.page_context(answers, result))


class ResultView(_ResultPage):
    template = "calculator/journey/result.html"


class PrintView(_ResultPage):
    template = "calculator/journey/print.html"


class CompareView(_ResultPage):
    template = "calculator/journey/compare.html"

    def page_context(self, answers: journey.Answers, result: dict[str, Any]) -> dict[str, Any]:
        return {"variants": variants(answers, result)}
