"""The statistics pages: the public methodology, and the exact tables for those allowed to see them.

Thin: who may see which exact figures is decided (and logged) in `kopir.statistics.selectors`,
recomputation is requested through `kopir.statistics.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from kopir.accounts.models import User
from kopir.accounts.views import refusals_kept
from kopir.jobs.leases import JobRefused
from kopir.statistics.cells import ALL, Cell
from kopir.statistics.methodology import BY_ID, BY_SLUG, CATALOGUE, METHODOLOGY_VERSION
from kopir.statistics.selectors import (
    exact_bodies_for,
    exact_cells,
    exact_refused,
    exact_run_get,
    may_see_all,
    may_see_exact,
    may_see_place,
    runs_visible_to,
)
from kopir.statistics.services import indicator_run_request

YEARS = (2000, 2100)


def methodology(request: HttpRequest) -> HttpResponse:
    return render(request, "statistics/methodology.html", {"catalogue": CATALOGUE, "version": METHODOLOGY_VERSION})


def methodology_indicator(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = BY_SLUG.get(slug)
    if indicator is None:
        raise Http404
    return render(request, "statistics/indicator.html", {"indicator": indicator, "version": METHODOLOGY_VERSION})


def _viewer(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required let only users through
    return user


def _year(value: str | None) -> int:
    """The year asked for (last year by default); 404 for anything that is not a plausible year."""
    try:
        year = int(value or timezone.localdate().year - 1)
    except ValueError:
        raise Http404 from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise Http404
    return year


def _choice(request: HttpRequest, viewer: User) -> tuple[int, str | None]:
    year = _year(request.GET.get("year"))
    body = request.GET.get("body") or None
    if body is None and not may_see_all(viewer):
        first = exact_bodies_for(viewer).first()
        body = first.code if first else None
    return year, body


@login_required
@refusals_kept
def exact_tables(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    if not may_see_exact(viewer):
        raise exact_refused(viewer=viewer, detail="exact tier")
    year, body = _choice(request, viewer)
    run = exact_run_get(viewer=viewer, year=year, body=body)
    tables: dict[str, list[Cell]] = {}
    for cell in exact_cells(run, body or ALL) if run else []:
        tables.setdefault(cell.indicator, []).append(cell)
    context = {
        "year": year,
        "body": body,
        "bodies": exact_bodies_for(viewer),
        "national": may_see_all(viewer),
        "run": run,
        "tables": [(BY_ID[name], name, cells) for name, cells in tables.items()],
        "runs": runs_visible_to(viewer)[:10],
    }
    return render(request, "statistics/exact.html", context)


@login_required
@require_POST
@refusals_kept
def run_request(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    if not request.POST.get("year"):
        raise BadRequest("a recomputation names its year")
    year = _year(request.POST["year"])
    body = request.POST.get("body") or None
    if not may_see_place(viewer, body):
        raise exact_refused(viewer=viewer, detail=f"recompute year={year} body={body or 'all'}")
    try:
        indicator_run_request(year=year, body=body, actor=viewer)
    except JobRefused as refused:
        messages.warning(request, str(refused.message))
    query: dict[str, str | int] = {"year": year, **({"body": body} if body else {})}
    return redirect(f"{reverse('statistics:exact')}?{urlencode(query)}")
