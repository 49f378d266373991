"""``POST /api/v1/records/imports``: the records import for an administrator, over HTTP.

Multipart upload of ``bodies`` and ``employees`` (the two JSON Lines files, or two CSV files named
``*.csv``), or of one XLSX ``workbook`` (decision 0022; its problems name sheet, row and column), and an optional
``dry_run`` field or query parameter; the same checks and the same all-or-nothing write as
``kopir records import``. 200 with the summary; 422 with every problem (file, line, field, reason
in the request's language: ``?lang=`` or Accept-Language); 401 without signing in; 403 for any
role but administrator (logged); 413 above ``KOPIR_RECORDS_UPLOAD_MAX_BYTES``, checked on
Content-Length before anything reads the body (and so before the sign-in and CSRF checks).
Every attempt is written to the access log.
"""

from __future__ import annotations

from typing import Any

import simplejson
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.errors import HttpError
from ninja.security import SessionAuth

from kopir.accounts.models import AccessAction, Role, User
from kopir.accounts.services import access_log_record
from kopir.exchange import problems as p
from kopir.exchange.importing import import_records
from kopir.exchange.records import BODIES_FILE, EMPLOYEES_FILE
from kopir.exchange.sheet_import import SheetImportResult, import_csv, import_workbook, sheets_report
from kopir.exchange.sheet_writing import workbook_template
from kopir.interface.api import api_language, declared_length, detail_documented

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SessionAuthWithinLimit(SessionAuth):
    """Session sign-in, after refusing an upload over the limit (413) before anything reads the body.

    The CSRF check of session authentication reads the form, and Django would first stream
    every uploaded byte to disk: the size is checked on Content-Length before that.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        limit = settings.KOPIR_RECORDS_UPLOAD_MAX_BYTES
        if declared_length(request) > limit:
            problem = p.Problem("", 0, "", p.TOO_LARGE, (("limit", str(limit)),))
            raise HttpError(413, problem.message(api_language(request)))
        return super()._get_key(request)


router = Router(tags=["records"], auth=SessionAuthWithinLimit())
TRUE = frozenset({"1", "true", "yes", "on"})
REPORT_SCHEMA = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "file": {"type": "string"},
                    "line": {"type": "integer"},
                    "field": {"type": "string"},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
        "total": {"type": "integer"},
        "more": {"type": "string"},
    },
}

OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "bodies": {"type": "string", "format": "binary", "description": BODIES_FILE},
                        "employees": {"type": "string", "format": "binary", "description": EMPLOYEES_FILE},
                        "workbook": {
                            "type": "string",
                            "format": "binary",
                            "description": "Instead of the two files: an XLSX workbook (sheets bodies and employees).",
                        },
                        "dry_run": {"type": "boolean", "description": "Check everything and write nothing."},
                    },
                }
            }
        },
    },
    "responses": {
        200: {"description": "Accepted: how many bodies and employees are new or already held."},
        401: detail_documented("Not signed in."),
        403: detail_documented("Only an administrator may import records (also: a missing CSRF token)."),
        413: detail_documented("The upload is larger than the limit."),
        422: {
            "description": "Rejected: every problem with its file, line, field and reason; nothing written. "
            "Each line is read within limits (1 MiB, nested at most 16 deep, numbers of at most 20 digits, "
            "no NaN or Infinity, no field twice, UTF-8, dates 1900-01-01 to 2100-12-31).",
            "content": {"application/json": {"schema": REPORT_SCHEMA}},
        },
    },
}


def _json(document: object, status: int) -> HttpResponse:
    return HttpResponse(
        simplejson.dumps(document, use_decimal=True, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )


def _content(upload: UploadedFile[bytes] | None) -> bytes | None:
    return None if upload is None else b"".join(upload.chunks())


@router.post("/records/imports", openapi_extra=OPENAPI, summary="Import personnel and leave records")
def records_import(request: HttpRequest) -> HttpResponse:
    lang = api_language(request)
    viewer = request.user
    if not isinstance(viewer, User):  # django_auth lets only signed-in users through
        return _json({"detail": "Unauthorized"}, 401)
    if viewer.role != Role.ADMINISTRATOR:
        access_log_record(
            actor=viewer, action=AccessAction.REFUSED, record=viewer, subject_id=None, detail="records import"
        )
        return _json({"detail": p.Problem("", 0, "", p.NOT_ADMINISTRATOR).message(lang)}, 403)
    dry_run = (request.POST.get("dry_run") or request.GET.get("dry_run") or "").lower() in TRUE
    spreadsheet = _spreadsheet_import(request, dry_run=dry_run, actor=viewer)
    if spreadsheet is not None:
        _logged(viewer, dry_run, spreadsheet.accepted, len(spreadsheet.problems))
        if not spreadsheet.accepted:
            return _json(sheets_report(spreadsheet.problems, lang), 422)
        return _json(spreadsheet.summary(), 200)
    result = import_records(
        _content(request.FILES.get("bodies")),
        _content(request.FILES.get("employees")),
        dry_run=dry_run,
        actor=viewer,
    )
    _logged(viewer, dry_run, result.accepted, len(result.problems))
    if not result.accepted:
        return _json(p.report(result.problems, lang), 422)
    return _json(result.summary(), 200)


def _logged(viewer: User, dry_run: bool, accepted: bool, problems: int) -> None:
    outcome = "accepted" if accepted else f"rejected, {problems} problems"
    access_log_record(
        actor=viewer,
        action=AccessAction.CREATE if accepted and not dry_run else AccessAction.READ,
        record=viewer,
        subject_id=None,
        detail=f"records import{' (dry run)' if dry_run else ''}: {outcome}",
    )


def _spreadsheet_import(request: HttpRequest, *, dry_run: bool, actor: User) -> SheetImportResult | None:
    """A ``workbook`` upload (XLSX), or ``bodies``/``employees`` uploads named *.csv; None for JSON Lines."""
    workbook = request.FILES.get("workbook")
    if workbook is not None:
        return import_workbook(_content(workbook) or b"", dry_run=dry_run, actor=actor)
    uploads = [request.FILES.get("bodies"), request.FILES.get("employees")]
    if not any(u is not None and (u.name or "").lower().endswith(".csv") for u in uploads):
        return None
    return import_csv(_content(uploads[0]), _content(uploads[1]), dry_run=dry_run, actor=actor)


TEMPLATE_OPENAPI: dict[str, Any] = {
    "responses": {
        200: {
            "description": "The XLSX workbook: sheets bodies and employees, and a guide to the columns (?lang=).",
            "content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        },
        401: detail_documented("Not signed in."),
    }
}


@router.get(
    "/records/template",
    openapi_extra=TEMPLATE_OPENAPI,
    summary="The workbook to fill in, its columns described in kk, ru or en",
)
def records_template(request: HttpRequest) -> HttpResponse:
    """Open to any signed-in user: it holds no records, only the columns and their descriptions."""
    lang = api_language(request)
    response = HttpResponse(workbook_template(lang), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="kopir-records-{lang}.xlsx"'
    return response
