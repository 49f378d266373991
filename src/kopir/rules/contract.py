"""Contract v1 (``docs/contracts/calculation.md``): the Python door of the calculation.

The command line (``kopir calc``) and the HTTP API call `calculate` and `error_document`, so
the three doors answer the same request with the same response and the same errors.

>>> from kopir.rules import calculate
>>> response = calculate({"claimant": {"employment": "uninsured"},
...     "event": {"type": "birth", "birth_date": "2025-07-08"}, "income": {"monthly": []}})
>>> response["payments"][0]["amount"]
Decimal('149416')
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kopir.rules.calculation import compute
from kopir.rules.errors import FieldError, InvalidRequest
from kopir.rules.explanation import Trace
from kopir.rules.i18n import render
from kopir.rules.law import Language, Law
from kopir.rules.law_files import default_law
from kopir.rules.leave import Leave, leave_of
from kopir.rules.parse import parse_request
from kopir.rules.response import render_response


def calculate(
    document: Any, *, lang: Language = "en", law: Law | None = None, today: date | None = None
) -> dict[str, Any]:
    """Answer a contract-v1 request document (parsed JSON) with the response document, in `lang`.

    Money in the response is `Decimal` tenge. Raises `InvalidRequest` when the request cannot
    be computed; `error_document` turns that into the contract's error object.
    """
    request = parse_request(document, today=today or date.today())  # noqa: DTZ011 - a date, not a time
    return render_response(compute(request, law or default_law()), lang)


def leave_for(event: dict[str, Any], *, nuclear_test_zone: bool = False, law: Law | None = None) -> Leave:
    """The maternity or adoption leave of an event (contract v1's ``event`` object), by the same rules.

    HR case management plans the leave chain from it, so a leave in a case and a leave in a
    calculation can never disagree. Raises `InvalidRequest` with ``event.*`` fields.
    """
    document = {
        "claimant": {"employment": "uninsured", "nuclear_test_zone": nuclear_test_zone},
        "event": event,
        "income": {"monthly": []},
    }
    request = parse_request(document, today=date.today())  # noqa: DTZ011 - a date, not a time
    return leave_of(request, Trace(law or default_law()))


def error_document(error: InvalidRequest, lang: Language = "en") -> dict[str, Any]:
    """The contract's error object, ``{"errors": [{"field", "message"}]}``, in `lang`.

    The message names its field too (``income.gross_salary: An amount cannot be negative.``), so it
    reads on its own in a terminal or a log; `field_message` gives the bare sentence for a form.
    """
    return {
        "errors": [
            {"field": item.field, "message": f"{item.field}: {field_message(item, lang)}"} for item in error.errors
        ]
    }


def field_message(error: FieldError, lang: Language = "en") -> str:
    """The sentence of one field error in `lang`, without the field's name (for a form)."""
    return render(error.message, dict(error.params), lang)
