"""``POST /api/v1/calculations``: contract v1 over HTTP.

The body is checked and computed by `kopir.rules.calculate`, exactly as the command line does;
the OpenAPI operation embeds the contract's own JSON Schemas, so the published document is the
contract. The envelope, throttle and JSON writing every API shares live in `kopir.interface.api`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Router

from kopir.interface.api import (
    MEDIA_TYPE_SHOWN,
    NOT_JSON_MEDIA,
    TOO_LARGE,
    TOO_MANY_DOCUMENTED,
    PublicRateThrottle,
    api_language,
    contract_schema,
    declared_length,
    errors_documented,
    errors_response,
    is_json,
    json_response,
)
from kopir.rules import InvalidRequest, calculate
from kopir.rules.errors import FieldError
from kopir.rules.request_json import read_request

router = Router(tags=["calculations"])


OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": contract_schema("calculation-request")}},
    },
    "responses": {
        200: {
            "description": "The payments, leave, explanation, warnings and timeline.",
            "content": {"application/json": {"schema": contract_schema("calculation-response")}},
        },
        413: errors_documented("The body is larger than the limit."),
        415: errors_documented("The body is not declared as JSON in UTF-8 (Content-Type)."),
        422: errors_documented(
            "The request cannot be computed; every problem names its field. Also a body that is not JSON "
            "Kopir accepts: not UTF-8, nested too deep, a number with too many digits, NaN or Infinity, "
            "a field written twice, or a date outside 1900-01-01 to 2100-12-31."
        ),
        429: TOO_MANY_DOCUMENTED,
    },
    "parameters": [
        {
            "name": "lang",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["kk", "ru", "en"]},
            "description": "Language of the explanation, warnings and errors (before Accept-Language; default en).",
        },
        {
            "name": "Accept-Language",
            "in": "header",
            "required": False,
            "schema": {"type": "string", "enum": ["kk", "ru", "en"]},
            "description": "Language of the explanation, warnings and errors.",
        },
    ],
}


@router.post(
    "/calculations",
    openapi_extra=OPENAPI,
    summary="Compute the payments for a birth or an adoption",
    throttle=[PublicRateThrottle()],
)
def calculation_create(request: HttpRequest) -> HttpResponse:
    """Contract v1: the request body in, the response out (422 with field errors on bad input)."""
    lang = api_language(request)
    limit = settings.KOPIR_API_MAX_BODY_BYTES
    if declared_length(request) > limit or len(request.body) > limit:
        return errors_response([FieldError("request", TOO_LARGE, (("limit", limit),))], 413, lang)
    if not is_json(request):
        media_type = request.META.get("CONTENT_TYPE", "")[:MEDIA_TYPE_SHOWN]
        return errors_response([FieldError("request", NOT_JSON_MEDIA, (("media_type", media_type),))], 415, lang)
    try:
        return json_response(calculate(read_request(request.body, max_bytes=limit), lang=lang))
    except InvalidRequest as error:
        return errors_response(error.errors, 422, lang)
