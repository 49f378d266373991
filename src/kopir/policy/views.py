"""The costing page: an analyst picks a reform, reads the result, downloads its tables and compares two
runs. Thin: selectors and services, with the layout in `presentation`, `compare` and `exports`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kopir.accounts.models import User
from kopir.accounts.views import refusals_kept
from kopir.interface.language import current_language
from kopir.jobs.leases import JobRefused
from kopir.microsim.reforms import ReformError
from kopir.policy.compare import comparison
from kopir.policy.compare_form import NOT_FINISHED, ComparisonForm, run_choices, run_label
from kopir.policy.exports import XLSX, run_csv, run_workbook, tables_of
from kopir.policy.forms import NO_LONGER_ACCEPTED, SimulationForm, run_title
from kopir.policy.presentation import page_rows
from kopir.policy.reform_facts import every_shipped_reform, run_reform_facts
from kopir.policy.selectors import costing_allowed, run_get, runs_visible_to
from kopir.policy.services import simulation_run

RECENT_RUNS = 10
TOO_MANY_REQUESTS = 429


def _viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


@login_required
@refusals_kept
def simulate_page(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    costing_allowed(viewer=viewer)
    form = SimulationForm(request.POST or None, viewer=viewer)
    status = 422 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            run = simulation_run(
                actor=viewer,
                reform_id=form.cleaned_data["reform"],
                size=form.cleaned_data["size"],
                seed=form.cleaned_data["seed"],
            )
        except JobRefused as refused:
            form.add_error(None, str(refused.message))
            status = TOO_MANY_REQUESTS
        except ReformError:  # a saved reform today's law no longer accepts: its own page says why
            form.add_error("reform", NO_LONGER_ACCEPTED)
        else:
            return redirect("policy:run", run_id=run.pk)
    runs = [(run, run_title(run, current_language())) for run in runs_visible_to(viewer)[:RECENT_RUNS]]
    context = {
        "form": form,
        "runs": runs,
        "reforms": {facts.id: facts for facts in every_shipped_reform(current_language())},
        "comparison_form": ComparisonForm(choices=run_choices(viewer, current_language())),
    }
    return render(request, "policy/simulate.html", context, status=status)


@login_required
@refusals_kept
def run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    run = run_get(viewer=_viewer(request), run_id=run_id)
    if run.result is None:
        title = run_title(run, current_language())
        return render(request, "policy/running.html", {"run": run, "title": title})
    language = current_language()
    context = {
        "run": run,
        "result": run.result,
        "page": page_rows(run.result, language),
        "facts": run_reform_facts(run, language),
        "csv_tables": tables_of(run.result),
    }
    return render(request, "policy/run.html", context)


def _finished(request: HttpRequest, run_id: int) -> dict[str, Any]:
    """A run's result for a download; a run still in the queue has none to give (404)."""
    run = run_get(viewer=_viewer(request), run_id=run_id)
    if not isinstance(run.result, dict):
        raise Http404
    return run.result


@login_required
@refusals_kept
def run_csv_download(request: HttpRequest, run_id: int, table: str) -> HttpResponse:
    document = _finished(request, run_id)
    if table not in dict(tables_of(document)):
        raise Http404
    response = HttpResponse(run_csv(document, table, current_language()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kopir-run-{run_id}-{table}.csv"'
    return response


@login_required
@refusals_kept
def run_workbook_download(request: HttpRequest, run_id: int) -> HttpResponse:
    document = _finished(request, run_id)
    response = HttpResponse(run_workbook(document, current_language()), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kopir-run-{run_id}.xlsx"'
    return response


@login_required
@refusals_kept
def compare_page(request: HttpRequest) -> HttpResponse:
    """Two runs side by side: a GET form (the ids are not personal data), answered at once."""
    viewer = _viewer(request)
    costing_allowed(viewer=viewer)
    language = current_language()
    choices = run_choices(viewer, language)
    asked = "first" in request.GET and "second" in request.GET
    form = ComparisonForm(request.GET if asked else None, choices=choices, initial=request.GET.dict())
    context: dict[str, Any] = {"form": form}
    if not asked:
        return render(request, "policy/compare.html", context)
    if not form.is_valid():
        return render(request, "policy/compare.html", context, status=422)
    runs = [run_get(viewer=viewer, run_id=form.cleaned_data[name]) for name in ("first", "second")]
    for name, run in zip(("first", "second"), runs, strict=True):
        if run.result is None:
            form.add_error(name, NOT_FINISHED)
    if form.errors:
        return render(request, "policy/compare.html", context, status=422)
    documents = [run.result for run in runs if run.result is not None]
    series = [run_label(run, language) for run in runs]
    context |= {
        "runs": [
            {
                "run": run,
                "label": label,
                "facts": run_reform_facts(run, language),
                "page": page_rows(document, language),
            }
            for run, label, document in zip(runs, series, documents, strict=True)
        ],
        "compared": comparison(documents, series, language),
    }
    return render(request, "policy/compare.html", context)
