"""The law's changes page: a thin view over the selector; it reads no query string, so none can break it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kopir.interface.language import current_language
from kopir.law.selectors import changes_page


@require_safe
def law_changes_page(request: HttpRequest) -> HttpResponse:
    """GET: every change of the law, newest first, in the page's language."""
    return render(request, "law/changes.html", {"page": changes_page(current_language())})
