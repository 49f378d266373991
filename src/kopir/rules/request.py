"""Contract v1 requests: checked against the published schema, then parsed into typed values.

Every problem is reported against the contract's field path with a message in the user's
language; all problems are collected, not only the first, so that a person can fix the
whole form at once. Nothing is computed from a request that has any error.

Two validators read the same schema file. A valid request, the common case, is passed by
fastjsonschema's compiled check (microseconds); only when it refuses does jsonschema walk the
document to find and word every error (it names each failing keyword and path, which the
messages need). jsonschema is imported only then. fastjsonschema compiles draft 2019-09, not the
2020-12 the contract declares: the schema keeps to keywords both drafts read alike
(tests/rules/test_fast_validation.py holds that, and the two verdicts equal).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import fastjsonschema

from kopir.rules.errors import FieldError, InvalidRequest
from kopir.rules.i18n import N_, Phrase

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = Path(__file__).parent / "schemas" / "calculation-request.schema.json"
INCOME_FORMS = ("monthly", "gross_salary", "average_so_base")

REQUIRED = N_("This field is required.")
UNKNOWN = N_("Unknown field: remove it or check its spelling.")
NOT_ONE_OF = N_("Must be one of: %(choices)s.")
WRONG_TYPE = N_("Must be %(kind)s.")
NOT_A_DATE = N_("%(value)s is not a date. Write it as YYYY-MM-DD, for example 2025-07-08.")
NOT_A_MONTH = N_("%(value)s is not a month. Write it as YYYY-MM, for example 2025-07.")
TOO_SMALL = N_("Must be at least %(minimum)s.")
TOO_LARGE = N_("Must be at most %(maximum)s.")
NEGATIVE = N_("An amount cannot be negative.")
TOO_FINE = N_("An amount has at most two decimals (tiyn).")
TOO_LARGE_AMOUNT = N_("An amount above %(maximum)s tenge a month cannot be an income; check the number.")
# Not a rule of law but a sanity bound on input: no monthly income comes near a trillion tenge, and
# bounded amounts keep every later step (formatting included) within exact decimal precision.
MAX_MONTHLY_AMOUNT_TENGE = 10**12
INCOME_MISSING = N_("Give the income in one form: monthly, gross_salary or average_so_base.")
INCOME_TWICE = N_("Give the income in only one form: monthly, gross_salary or average_so_base, not several.")
BIRTH_DATES_MISSING = N_("Give at least one of the leave start, the expected birth date or the birth date.")
ADOPTION_NEEDS = N_("An adoption needs this date.")
ADOPTION_BEFORE_BIRTH = N_("The adoption date cannot be before the child's birth date.")
BIRTH_BEFORE_LEAVE = N_(
    "The birth date is before the leave start. A maternity leave starts before the birth; "
    "if the child was born before the leave began, give the birth date without a leave start."
)
EXPECTED_BEFORE_LEAVE = N_("The expected birth date cannot be before the leave start.")
RETURN_BEFORE_BIRTH = N_("The return to work cannot be before the child's birth or adoption.")
INVALID = N_("This value is not valid.")
DATE_OUT_OF_RANGE = N_("%(value)s is outside the dates Kopir accepts (%(first)s to %(last)s).")
# Not a rule of law but a sanity bound on input, like the amounts': every date of a request (and every
# date computed from it, up to the child's third birthday and the deadlines after it) stays far inside
# what Python's dates can hold, so no calculation can fail on date arithmetic near year 9999.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)

KINDS = {
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "string": N_("text"),
    "boolean": N_("true or false"),
    "object": N_("an object"),
    "array": N_("a list"),
}


@dataclass(frozen=True)
class Event:
    type: Literal["birth", "adoption"]
    leave_start: date | None
    expected_birth: date | None
    birth_date: date | None
    adoption_date: date | None
    children: int
    complicated_birth: bool


@dataclass(frozen=True)
class Income:
    """Exactly one form is set. Amounts in tiyn; `monthly` maps a month's first day to its SO base."""

    monthly: Mapping[date, int] | None = None
    gross_salary: int | None = None
    average_so_base: int | None = None


@dataclass(frozen=True)
class CalculationRequest:
    as_of: date
    employment: Literal["employee", "individual_entrepreneur", "self_employed", "uninsured"]
    nuclear_test_zone: bool
    event: Event
    previous_children: int
    income: Income
    return_to_work: date | None

    @property
    def insured(self) -> bool:
        return self.employment != "uninsured"


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _fast_check() -> Callable[[Any], Any]:
    """The schema compiled to Python: no defaults written into the document, formats not checked
    (as jsonschema, which checks the date patterns, not the ``format`` annotations)."""
    return fastjsonschema.compile(_schema(), use_default=False, use_formats=False, detailed_exceptions=False)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - only a refused request needs it

    return Draft202012Validator(_schema())


def _path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "request"


def _join(base: str, name: str) -> str:
    return name if base == "request" else f"{base}.{name}"


def _required(field: str, error: ValidationError) -> list[FieldError]:
    instance: dict[str, Any] = cast(dict[str, Any], error.instance)
    return [_error(_join(field, n), REQUIRED) for n in cast(list[str], error.validator_value) if n not in instance]


def _unknown(field: str, error: ValidationError) -> list[FieldError]:
    known = set(cast(dict[str, Any], error.schema).get("properties", {}))
    return [_error(_join(field, n), UNKNOWN) for n in cast(dict[str, Any], error.instance) if n not in known]


def _not_a_date(field: str, error: ValidationError) -> list[FieldError]:
    if not isinstance(error.instance, str):
        return [_error(field, WRONG_TYPE, kind=Phrase(KINDS["string"]))]
    message = NOT_A_MONTH if field.endswith(".month") else NOT_A_DATE
    return [_error(field, message, value=json.dumps(error.instance, ensure_ascii=False))]


def _minimum(field: str, error: ValidationError) -> list[FieldError]:
    if field.endswith(("so_base", "gross_salary", "average_so_base")):
        return [_error(field, NEGATIVE)]
    return [_error(field, TOO_SMALL, minimum=error.validator_value)]


_TRANSLATORS: dict[str, Callable[[str, ValidationError], list[FieldError]]] = {
    "required": _required,
    "additionalProperties": _unknown,
    "minProperties": lambda field, _: [_error(field, INCOME_MISSING)],
    "maxProperties": lambda field, _: [_error(field, INCOME_TWICE)],
    "enum": lambda field, e: [
        _error(field, NOT_ONE_OF, choices=", ".join(map(str, cast(list[Any], e.validator_value))))
    ],
    "pattern": _not_a_date,
    "anyOf": _not_a_date,  # the schema's anyOf is always "a date or null"
    "minimum": _minimum,
    "maximum": lambda field, e: [_error(field, TOO_LARGE, maximum=e.validator_value)],
    "type": lambda field, e: [_error(field, WRONG_TYPE, kind=Phrase(KINDS.get(str(e.validator_value), INVALID)))],
}


def _schema_errors(error: ValidationError) -> list[FieldError]:
    """Translate one jsonschema error into field errors with our messages."""
    field = _path(error.absolute_path)
    translate = _TRANSLATORS.get(str(error.validator))
    return translate(field, error) if translate else [_error(field, INVALID)]


def _error(field: str, message: str, **params: Any) -> FieldError:
    return FieldError(field=field, message=message, params=tuple(params.items()))


def _unique(errors: list[FieldError]) -> list[FieldError]:
    seen: dict[str, FieldError] = {}
    for error in errors:
        seen.setdefault(error.field, error)
    return list(seen.values())


def check_structure(document: Any) -> None:
    """Raise `InvalidRequest` listing every structural problem the contract's schema finds."""
    try:
        _fast_check()(document)
    except fastjsonschema.JsonSchemaValueException:
        pass  # jsonschema finds and words every error below
    else:
        return
    errors = [e for error in _validator().iter_errors(document) for e in _schema_errors(error)]
    if errors:
        raise InvalidRequest(_unique(errors))
