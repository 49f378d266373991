"""The costing page: an analyst picks a reform and reads the result. Thin: selectors and services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from kopir.accounts.models import User
from kopir.policy.forms import SimulationForm, reform_choices
from kopir.policy.presentation import page_rows
from kopir.policy.selectors import costing_allowed, run_get, runs_visible_to
from kopir.policy.services import simulation_run

RECENT_RUNS = 10


def refusals_kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a refusal with 403 from inside the view, so its access-log entry is committed."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden(render(request, "403.html", status=403).content)

    return guarded


def _viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in ("kk", "ru", "en") else "en"


@login_required
@refusals_kept
def simulate_page(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    costing_allowed(viewer=viewer)
    form = SimulationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = simulation_run(
            actor=viewer,
            reform_id=form.cleaned_data["reform"],
            size=form.cleaned_data["size"],
            seed=form.cleaned_data["seed"],
        )
        return redirect("policy:run", run_id=run.pk)
    titles = dict(reform_choices(_language()))
    runs = [(run, titles.get(run.reform_id, run.reform_id)) for run in runs_visible_to(viewer)[:RECENT_RUNS]]
    status = 422 if request.method == "POST" else 200
    return render(request, "policy/simulate.html", {"form": form, "runs": runs}, status=status)


@login_required
@refusals_kept
def run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    run = run_get(viewer=_viewer(request), run_id=run_id)
    if run.result is None:
        return render(
            request, "policy/running.html", {"run": run, "title": dict(reform_choices(_language()))[run.reform_id]}
        )
    context = {"run": run, "result": run.result, "page": page_rows(run.result, _language())}
    return render(request, "policy/run.html", context)
