"""The JSON API of Kopir, version 1: one NinjaAPI with each app's router, OpenAPI 3.1 at
``/api/v1/openapi.json`` and browsable documentation at ``/api/v1/docs`` (served locally)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import Throttled

from kopir.calculator.api import api_language, errors_response
from kopir.calculator.api import router as calculator_router
from kopir.cases.api import router as cases_router
from kopir.exchange.api import router as exchange_router
from kopir.publication.api import router as open_data_router
from kopir.rules.errors import FieldError
from kopir.rules.i18n import N_

TOO_MANY = N_("Too many requests from this address; try again in a minute.")

api = NinjaAPI(
    title="Kopir API",
    version="1",
    description="Maternity and childcare payments in Kazakhstan (contract v1).",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
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
