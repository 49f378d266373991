"""The public statistics portal: charts with their tables, downloads, and GRI 401-3 per body.

Public pages (no sign-in): they show only protected releases. Views are thin: figures come from
`figures`, sections from `portal`, files from `exports`.
"""

from __future__ import annotations

from functools import lru_cache

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kopir.organisation.models import StateBody
from kopir.publication import selectors
from kopir.publication.exports import XLSX, gri_csv, gri_workbook, release_workbook
from kopir.publication.figures import ReleaseFigures, figures_of
from kopir.publication.gri import GriLine, gri_401_3
from kopir.publication.models import Release
from kopir.publication.portal import sections


def _shown_release(request: HttpRequest) -> tuple[ReleaseFigures | None, dict[int, int]]:
    """The release asked for (``?release=``), else the newest release of the latest year."""
    current = selectors.current_releases()
    asked = request.GET.get("release", "")
    if asked.isdigit():
        figures = figures_of(int(asked))
        if figures is None:
            raise Http404
        return figures, current
    return _latest(), current


def portal(request: HttpRequest) -> HttpResponse:
    figures, current = _shown_release(request)
    context: dict[str, object] = {"figures": figures, "current": sorted(current.items(), reverse=True)}
    if figures is not None:
        by_year = {year: found for year, release_id in current.items() if (found := figures_of(release_id))}
        context["sections"] = sections(figures, by_year)
        context["release"] = figures.release
    return render(request, "publication/portal.html", context)


def _figures_or_404(release_id: int) -> ReleaseFigures:
    figures = figures_of(release_id)
    if figures is None:
        raise Http404
    return figures


@lru_cache(maxsize=4)
def _workbook(release_id: int, stamp: str) -> bytes:
    """A release's workbook, built once per process (about 1.7 s for 15,000 cells; it never changes)."""
    return release_workbook(Release.objects.get(pk=release_id))


def release_xlsx(request: HttpRequest, release_id: int) -> HttpResponse:
    release = _figures_or_404(release_id).release
    response = HttpResponse(_workbook(release.pk, release.created_at.isoformat()), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kopir-release-{release.pk}.xlsx"'
    return response


def _latest() -> ReleaseFigures | None:
    """The newest release of the latest year, the one a body reports from."""
    current = selectors.current_releases()
    return figures_of(current[max(current)]) if current else None


def _body_names(codes: list[str]) -> dict[str, str]:
    return {body.code: body.name for body in StateBody.objects.filter(code__in=codes)}


def gri_index(request: HttpRequest) -> HttpResponse:
    figures = _latest()
    bodies = figures.bodies() if figures else []
    names = _body_names(bodies)
    context = {
        "release": figures.release if figures else None,
        "bodies": [(code, names.get(code, code)) for code in bodies],
    }
    return render(request, "publication/gri_index.html", context)


def _gri(body: str) -> tuple[ReleaseFigures, str, list[GriLine]]:
    figures = _latest()
    if figures is None or body not in figures.bodies():
        raise Http404
    name = _body_names([body]).get(body, body)
    return figures, name, gri_401_3(figures, body)


def gri_report(request: HttpRequest, body: str) -> HttpResponse:
    figures, name, lines = _gri(body)
    context = {"release": figures.release, "body": body, "name": name, "lines": lines}
    return render(request, "publication/gri.html", context)


def gri_download_csv(request: HttpRequest, body: str) -> HttpResponse:
    _figures, _name, lines = _gri(body)
    response = HttpResponse(gri_csv(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gri-401-3-{body}.csv"'
    return response


def gri_download_xlsx(request: HttpRequest, body: str) -> HttpResponse:
    figures, name, lines = _gri(body)
    title = _("GRI 401-3 parental leave: %(body)s, %(year)s") % {"body": name, "year": figures.release.year}
    response = HttpResponse(gri_workbook(lines, title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="gri-401-3-{body}.xlsx"'
    return response
