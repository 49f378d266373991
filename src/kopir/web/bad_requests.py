"""A request Django refuses before any view reads it (a form body over the limit, too many fields, a
malformed upload): a translated page that says what happened and that nothing changed, not Django's
English "Bad Request (400)".

Django calls ``handler400`` for every ``SuspiciousOperation`` and for a body larger than
``DATA_UPLOAD_MAX_MEMORY_SIZE``; its default renders ``400.html`` without the request, so the page
could not even say which language it is in. The API answers such requests itself, in the contract's
errors document (``kopir.web.api``); this page is for people. It is a plain page, like the outage
page: it needs neither the session nor the database, so it renders whatever went wrong. Django's
``django.security`` logger has already recorded the refusal when this runs.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from kopir.interface.api import TOO_LARGE, api_language, errors_response
from kopir.interface.language import current_language
from kopir.rules import formats
from kopir.rules.errors import FieldError
from kopir.rules.request import INVALID
from kopir.rules.request_json import REQUEST_FIELD


def refused_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 handler: 413 for a body over the limit, 400 for the rest; JSON under ``/api/``."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    too_large = isinstance(exception, RequestDataTooBig)
    status = 413 if too_large else 400
    if request.path.startswith("/api/"):
        problem = (
            FieldError(REQUEST_FIELD, TOO_LARGE, (("limit", limit),))
            if too_large
            else FieldError(REQUEST_FIELD, INVALID)
        )
        return errors_response([problem], status, api_language(request))
    context = {"too_large": too_large, "limit": formats.number(limit, current_language(), places=0)}
    response = HttpResponse(render_to_string("web/refused_request.html", context), status=status)
    response["Cache-Control"] = "no-store"
    return response
