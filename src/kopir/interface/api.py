"""What every JSON API of Kopir shares: the error envelope, the throttle, JSON bodies, language, schemas.

Every app's API (the calculator's, the cases', the exchange's, the publication's) answers refusals
with the contract's errors object in the caller's language, writes money as exact JSON numbers
(simplejson with Decimal, never floats) and documents its bodies with the contract's own JSON
Schemas. Written once here, so the apps do not borrow them from one another.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import simplejson
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja.throttling import AnonRateThrottle

from kopir.accounts.client_address import client_address
from kopir.bounded_json import Refusal
from kopir.interface.language import current_language
from kopir.rules import InvalidRequest, error_document
from kopir.rules.errors import FieldError
from kopir.rules.i18n import N_
from kopir.rules.law import LANGUAGES, Language
from kopir.rules.request_json import MESSAGES

SCHEMAS = Path(__file__).resolve().parent.parent / "rules" / "schemas"
TOO_LARGE = MESSAGES[Refusal.TOO_LARGE]
NOT_JSON_MEDIA = N_("Send the request as application/json in UTF-8 (this one is %(media_type)s).")

MEDIA_TYPE_SHOWN = 100
"""Characters of a refused Content-Type repeated in the message (a header can be long)."""


class PublicRateThrottle(AnonRateThrottle):
    """Requests per client address, at the rate ``KOPIR_API_RATE`` says when the request comes.

    The client is the address `kopir.accounts.client_address` finds, so a made-up
    ``X-Forwarded-For`` does not make one client many. The counters live in Django's cache:
    local memory on the embedded default, Redis in production (``REDIS_URL``), so every worker shares them.
    """

    def __init__(self) -> None:
        super().__init__(settings.KOPIR_API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        if self.rate != settings.KOPIR_API_RATE:
            self.rate = settings.KOPIR_API_RATE
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return bool(super().allow_request(request))

    def get_ident(self, request: HttpRequest) -> str:
        """The client's real address: a forwarded header counts only from a trusted proxy."""
        return client_address(request)


@cache
def contract_schema(name: str) -> dict[str, Any]:
    """A contract JSON Schema, ready to embed in OpenAPI 3.1 (its own $schema and $id removed)."""
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return {key: value for key, value in schema.items() if key not in ("$schema", "$id")}


def json_response(document: Any, status: int = 200) -> HttpResponse:
    body = simplejson.dumps(document, use_decimal=True, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json")


def api_language(request: HttpRequest) -> Language:
    """``?lang=`` first, then the Accept-Language header, and English for a program that says nothing."""
    asked = request.GET.get("lang", "")
    if asked in LANGUAGES:
        return asked
    if request.headers.get("Accept-Language"):
        return current_language()
    return "en"


def declared_length(request: HttpRequest) -> int:
    """The declared Content-Length, read as Django's own request does: a malformed header counts as 0."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def is_json(request: HttpRequest) -> bool:
    """A body declared as JSON (``application/json`` or ``…+json``) in UTF-8, or declared as nothing at all."""
    media_type = (request.content_type or "").lower()
    charset = (request.content_params or {}).get("charset", "utf-8").lower().replace("_", "-")
    json_type = media_type in ("", "application/json") or media_type.endswith("+json")
    return json_type and charset in ("utf-8", "utf8")


def errors_response(errors: list[FieldError], status: int, lang: Language) -> HttpResponse:
    return json_response(error_document(InvalidRequest(errors), lang), status=status)


MAX_RECORD_ID = 2**63 - 1
"""The largest id a database row can have (a signed 64-bit integer): a larger one in a path is refused, not queried."""


def errors_documented(description: str) -> dict[str, Any]:
    """An OpenAPI response whose body is the contract's errors object."""
    return {"description": description, "content": {"application/json": {"schema": contract_schema("errors")}}}


def detail_documented(description: str) -> dict[str, Any]:
    """An OpenAPI response whose body is ninja's ``{"detail": ...}`` (sign-in and access refusals)."""
    schema = {"type": "object", "required": ["detail"], "properties": {"detail": {}}}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


TOO_MANY_DOCUMENTED = errors_documented("Too many requests from this address; try again later (Retry-After).")
MALFORMED_DOCUMENTED = errors_documented(
    "A parameter or body Kopir cannot accept; every problem names its field. Bodies are read within limits: "
    "UTF-8, nested at most 32 deep, numbers of at most 20 digits, no NaN or Infinity, no field written twice."
)
