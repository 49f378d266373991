"""A calculation request's raw JSON, read within limits, refused with a message naming the field.

The HTTP API and ``kopir calc`` both read the body through `read_request`, so a hostile body (nested
30,000 deep, a 5,000-digit number, ``NaN``, UTF-16, a key written twice) is the same
`InvalidRequest` at both doors, in kk, ru or en, and never reaches `calculate` as a crash.
"""

from __future__ import annotations

from typing import Any

from kopir.bounded_json import JsonLimits, JsonRefused, Refusal, read_json
from kopir.rules.errors import FieldError, InvalidRequest
from kopir.rules.i18n import N_

REQUEST_FIELD = "request"
"""The field an error names when it concerns the whole body rather than one value."""

MESSAGES = {
    Refusal.TOO_LARGE: N_("The request is larger than %(limit)s bytes."),
    Refusal.EMPTY: N_("The request is empty: send the calculation request as a JSON object."),
    Refusal.NOT_UTF8: N_("The request is not UTF-8 text (line %(line)s, column %(column)s)."),
    Refusal.NOT_JSON: N_("The request is not valid JSON (line %(line)s, column %(column)s)."),
    Refusal.TOO_DEEP: N_("The request is nested deeper than %(limit)s levels."),
    Refusal.TOO_MANY_DIGITS: N_("A number here has more than %(limit)s digits."),
    Refusal.OUT_OF_RANGE: N_("A number here is too large or too small (beyond 10^%(limit)s)."),
    Refusal.NOT_A_NUMBER: N_("NaN and Infinity are not numbers in JSON: write a number."),
    Refusal.DUPLICATE_KEY: N_("This field is written twice; write it once."),
}


def field_error(refused: JsonRefused) -> FieldError:
    """The contract's field error for a refused JSON text (the field is ``request`` for the whole body)."""
    params: tuple[tuple[str, Any], ...] = ()
    if refused.refusal in (Refusal.NOT_UTF8, Refusal.NOT_JSON):
        params = (("line", refused.line), ("column", refused.column))
    elif refused.limit:
        params = (("limit", refused.limit),)
    return FieldError(refused.path or REQUEST_FIELD, MESSAGES[refused.refusal], params)


def read_request(raw: bytes | str, *, max_bytes: int) -> Any:
    """The parsed request document (decimals as `Decimal`); raise `InvalidRequest` if it is refused."""
    try:
        return read_json(raw, JsonLimits(max_bytes=max_bytes))
    except JsonRefused as refused:
        raise InvalidRequest([field_error(refused)]) from None
