"""The costing page: an analyst picks a reform and reads the result. Thin: selectors and services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kopir.accounts.models import User
from kopir.accounts.views import refusals_kept
from kopir.interface.language import current_language
from kopir.jobs.leases import JobRefused
from kopir.policy.forms import SimulationForm, run_title
from kopir.policy.presentation import page_rows
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
        else:
            return redirect("policy:run", run_id=run.pk)
    runs = [(run, run_title(run, current_language())) for run in runs_visible_to(viewer)[:RECENT_RUNS]]
    return render(request, "policy/simulate.html", {"form": form, "runs": runs}, status=status)


@login_required
@refusals_kept
def run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    run = run_get(viewer=_viewer(request), run_id=run_id)
    if run.result is None:
        title = run_title(run, current_language())
        return render(request, "policy/running.html", {"run": run, "title": title})
    context = {"run": run, "result": run.result, "page": page_rows(run.result, current_language())}
    return render(request, "policy/run.html", context)
