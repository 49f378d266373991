"""The JSON API of Kopir, version 1: one NinjaAPI with each app's router, OpenAPI 3.1 at
``/api/v1/openapi.json`` and browsable documentation at ``/api/v1/docs`` (served locally).

Every body ninja parses goes through `kopir.bounded_json` (`BoundedParser`), and every refusal,
ninja's own validation included, is the contract's errors object in the caller's language: 413 over
the size limit, 422 otherwise, never a 400 page or a 500.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.parser import Parser

from kopir.bounded_json import JsonLimits, JsonRefused, Refusal, read_json
from kopir.calculator.api import router as calculator_router
from kopir.cases.api import router as cases_router
from kopir.exchange.api import router as exchange_router
from kopir.interface.api import (
    MEDIA_TYPE_SHOWN,
    NOT_JSON_MEDIA,
    TOO_LARGE,
    api_language,
    errors_documented,
    errors_response,
    is_json,
)
from kopir.publication.api import router as open_data_router
from kopir.rules.errors import FieldError
from kopir.rules.i18n import N_
from kopir.rules.request import INVALID, REQUIRED, TOO_SMALL
from kopir.rules.request import TOO_LARGE as TOO_LARGE_VALUE
from kopir.rules.request_json import REQUEST_FIELD, field_error

TOO_MANY = N_("Too many requests from this address; try again in a minute.")
LOCATIONS = frozenset({"body", "path", "query", "header", "cookie", "form", "file"})


class NotJsonMedia(Exception):
    """A body declared as something other than JSON in UTF-8 (refused with 415)."""


class BoundedParser(Parser):
    """Ninja's JSON bodies read within the API's limits (the same reader as the calculator's body)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if not is_json(request):
            raise NotJsonMedia
        limits = JsonLimits(max_bytes=settings.KOPIR_API_MAX_BODY_BYTES)
        return cast(dict[str, Any], read_json(request.body, limits))  # not an object: ninja's validation says so


UNAVAILABLE_DOCUMENTED = errors_documented(
    "The database, Redis or the job queue is away for a moment; try again after Retry-After seconds."
)
SECOND_FACTOR_DOCUMENTED = errors_documented(
    "Signed in with a password only: an administrator, HR officer or head must prove her second factor first."
)


class KopirAPI(NinjaAPI):
    """The statuses every operation can answer whatever its router says: 503 in an outage (decision 0016),
    403 to a session that still owes its second factor (decision 0013)."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for methods in schema["paths"].values():
            for operation in methods.values():
                operation["responses"].setdefault(403, SECOND_FACTOR_DOCUMENTED)
                operation["responses"].setdefault(503, UNAVAILABLE_DOCUMENTED)
        return schema


api = KopirAPI(
    title="Kopir API",
    version="1",
    description="Maternity and childcare payments in Kazakhstan (contract v1).",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=BoundedParser(),
)
api.add_router("/", calculator_router)
api.add_router("/", cases_router)
api.add_router("/", exchange_router)
api.add_router("/", open_data_router)


@api.exception_handler(Throttled)
def too_many_requests(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = errors_response([FieldError("request", TOO_MANY)], 429, api_language(request))
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's "Cannot parse request body" (400) becomes the bounded reader's own refusal; others as they are."""
    refused = exc.__cause__
    if isinstance(refused, JsonRefused):
        status = 413 if refused.refusal is Refusal.TOO_LARGE else 422
        return errors_response([field_error(refused)], status, api_language(request))
    if isinstance(refused, RequestDataTooBig):
        return body_too_large(request, refused)
    if isinstance(refused, NotJsonMedia):
        media_type = request.META.get("CONTENT_TYPE", "")[:MEDIA_TYPE_SHOWN]
        problem = FieldError(REQUEST_FIELD, NOT_JSON_MEDIA, (("media_type", media_type),))
        return errors_response([problem], 415, api_language(request))
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(MultiPartParserError)
def malformed_upload(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return errors_response([FieldError(REQUEST_FIELD, INVALID)], 422, api_language(request))


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.KOPIR_API_MAX_BODY_BYTES
    return errors_response([FieldError(REQUEST_FIELD, TOO_LARGE, (("limit", limit),))], 413, api_language(request))


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Pydantic's findings as the contract's errors object: the field by name, the message translated."""
    found: dict[str, FieldError] = {}
    for error in exc.errors:
        field = _field(error.get("loc", ()))
        found.setdefault(field, _field_error(field, error))
    return errors_response(list(found.values()) or [FieldError(REQUEST_FIELD, INVALID)], 422, api_language(request))


def _field_error(field: str, error: dict[str, Any]) -> FieldError:
    kind, bounds = error.get("type"), error.get("ctx") or {}
    if kind == "missing":
        return FieldError(field, REQUIRED)
    if kind == "greater_than_equal":
        return FieldError(field, TOO_SMALL, (("minimum", bounds.get("ge")),))
    if kind == "less_than_equal":
        return FieldError(field, TOO_LARGE_VALUE, (("maximum", bounds.get("le")),))
    return FieldError(field, INVALID)


def _field(location: Any) -> str:
    """``("body", "segment", "planned_start")`` -> ``planned_start``; ``("path", "episode_id")`` -> ``episode_id``."""
    parts = [str(part) for part in location]
    if parts and parts[0] in LOCATIONS:
        parts = parts[2:] if parts[0] == "body" else parts[1:]
    text = ""
    for part in parts:
        text += f"[{part}]" if part.isdigit() else (f".{part}" if text else part)
    return text or REQUEST_FIELD
