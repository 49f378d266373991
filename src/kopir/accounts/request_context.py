"""Who is asking, for the access-log rows written while a request is served.

The refusal middleware sets this at the start of every request, so that *every* insert into the
access log (``access_log_record``, ``AccessLog.objects.create`` from any module, ``bulk_create``)
carries the client's address, method and path without each caller passing the request down. It
also notes the refusals written during the request, so that the middleware does not log one twice.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class RequestFacts:
    address: str
    method: str
    path: str
    refused_row_ids: list[int] = field(default_factory=list)


current_request: ContextVar[RequestFacts | None] = ContextVar("kopir_current_request", default=None)
