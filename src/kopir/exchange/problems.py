"""What is wrong with a file, line by line: the field as a JSON path and a reason in kk/ru/en.

Every reason has a stable code (for programs and tests) and a message translated when the report
is written, so one check serves the command line (``--lang``) and the API (Accept-Language). No
message ever contains a value from the line: an IIN must not reach a report, a log or a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kopir.rules import formats

MAX_REPORTED = 1000
"""Enough to act on a whole file of one systematic mistake's first cases; the rest are counted."""


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    message: Promise


def _reason(code: str, message: Promise) -> Reason:
    return Reason(code, message)


MISSING_FILE = _reason("missing_file", _("The file is missing."))
NOT_JSON = _reason("not_json", _("This line is not valid JSON (column %(column)s)."))
NOT_OBJECT = _reason("not_object", _("Must be a JSON object {…}."))
NOT_LIST = _reason("not_list", _("Must be a list […]."))
UNKNOWN_FIELD = _reason("unknown_field", _("Unknown field: the format has no field of this name (check the spelling)."))
MISSING = _reason("missing", _("This field is required."))
NOT_TEXT = _reason("not_text", _("Must be text."))
EMPTY = _reason("empty", _("Must not be empty."))
TOO_LONG = _reason("too_long", _("At most %(limit)s characters."))
NOT_DATE = _reason("not_date", _("Must be a date written YYYY-MM-DD."))
NOT_CHOICE = _reason("not_choice", _("Must be one of: %(choices)s."))
NOT_BOOLEAN = _reason("not_boolean", _("Must be true or false."))
NOT_AMOUNT = _reason("not_amount", _("Must be an amount in tenge, zero or more, with at most two decimals."))
IIN_LENGTH = _reason("iin_length", _("An IIN has 12 digits."))
IIN_DIGITS = _reason("iin_digits", _("An IIN has only the digits 0-9."))
IIN_CENTURY = _reason("iin_century", _("Digit 7 of an IIN (century and sex) must be 1-6."))
IIN_DATE = _reason("iin_date", _("Digits 1-6 of the IIN are not a real date of birth."))
IIN_NEVER_ISSUED = _reason("iin_never_issued", _("No IIN is issued with these first eleven digits."))
IIN_CHECKSUM = _reason("iin_checksum", _("The last digit of the IIN does not match its check digit."))
SEX_NOT_IIN = _reason("sex_not_iin", _("The sex does not match the IIN (digit 7)."))
BIRTH_NOT_IIN = _reason("birth_not_iin", _("The date of birth does not match the IIN (digits 1-6)."))
ENDS_BEFORE_START = _reason("ends_before_start", _("Ends before it starts."))
NOT_IN_ORDER = _reason("not_in_order", _("Must start after the previous one ends: in date order, without overlap."))
OPEN_NOT_LAST = _reason("open_not_last", _("Only the last appointment may be open (no end date)."))
NO_APPOINTMENT = _reason("no_appointment", _("At least one appointment is needed."))
CURRENT_ELSEWHERE = _reason("current_elsewhere", _("The last appointment must be in the employee's body."))
UNKNOWN_CHILD = _reason("unknown_child", _("No child in “children” has this date of birth."))
CHILDCARE_TOO_LONG = _reason("childcare_too_long", _("Childcare leave ends by the child's third birthday."))
RETURN_TOO_EARLY = _reason("return_too_early", _("The return must come after the last leave segment."))
NO_POST_ON_RETURN = _reason("no_post_on_return", _("No appointment covers the date of the return."))
UNKNOWN_REGION = _reason("unknown_region", _("Not the ISO 3166-2 code of a region or city of Kazakhstan."))
UNKNOWN_BODY = _reason("unknown_body", _("No body has this code, in bodies.jsonl or in Kopir."))
PARENT_CYCLE = _reason("parent_cycle", _("The parent bodies go round in a circle."))
DUPLICATE_CODE = _reason("duplicate_code", _("This body code is already on line %(line)s."))
DUPLICATE_REF = _reason("duplicate_ref", _("This reference is already used for the body on line %(line)s."))
DUPLICATE_IIN = _reason("duplicate_iin", _("This IIN is already on line %(line)s."))
IIN_TAKEN = _reason("iin_taken", _("Kopir already holds an employee with this IIN under another reference."))
BODY_CHANGED = _reason(
    "body_changed", _("Kopir already holds a different body under this code; existing bodies are not changed.")
)
EMPLOYEE_CHANGED = _reason(
    "employee_changed",
    _("Kopir already holds a different record under this reference; existing records are not changed."),
)
TOO_LARGE = _reason("too_large", _("The upload is larger than %(limit)s bytes."))
NOT_ADMINISTRATOR = _reason("not_administrator", _("Only an administrator may import records."))
# The limits every line is read within (kopir.bounded_json): no line can crash or stall an import.
EMPTY_FILE = _reason("empty_file", _("Both files are empty: there is nothing to import (one JSON object per line)."))
NOT_UTF8_LINE = _reason("not_utf8", _("This line is not UTF-8 text (column %(column)s)."))
LINE_TOO_LONG = _reason("line_too_long", _("This line is longer than %(limit)s bytes."))
TOO_DEEP = _reason("too_deep", _("This line is nested deeper than %(limit)s levels."))
TOO_MANY_DIGITS = _reason("too_many_digits", _("A number with more than %(limit)s digits."))
NUMBER_OUT_OF_RANGE = _reason("number_out_of_range", _("A number too large or too small (beyond 10^%(limit)s)."))
NOT_A_NUMBER = _reason("not_a_number", _("NaN and Infinity are not numbers in JSON: write a number."))
DUPLICATE_KEY = _reason("duplicate_key", _("This field is written twice; write it once."))
DATE_OUT_OF_RANGE = _reason("date_out_of_range", _("Must be a date from %(first)s to %(last)s."))


@dataclass(frozen=True, slots=True)
class Problem:
    """One rejected value: in which file, on which line (1-based; 0 for the file), which field."""

    file: str
    line: int
    path: str
    reason: Reason
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str) -> str:
        with translation.override(lang):
            text = str(self.reason.message)
        return text % dict(self.params) if self.params else text

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.path,
            "code": self.reason.code,
            "message": self.message(lang),
        }


def report(problems: list[Problem], lang: str) -> dict[str, Any]:
    """The error report: the first `MAX_REPORTED` problems in file and line order, and how many more."""
    ordered = sorted(problems, key=lambda p: (p.file != "bodies.jsonl", p.file, p.line))
    shown = [problem.as_dict(lang) for problem in ordered[:MAX_REPORTED]]
    hidden = len(ordered) - len(shown)
    document: dict[str, Any] = {"errors": shown, "total": len(ordered)}
    if hidden:
        document["more"] = more_problems(hidden, lang)
    return document


def more_problems(hidden: int, lang: str) -> str:
    """How many problems the report leaves out, in the plural form the count asks for."""
    with translation.override(lang):
        text = ngettext("%(count)s more problem is not listed.", "%(count)s more problems are not listed.", hidden)
    return text % {"count": formats.number(hidden, formats.language(lang), 0)}
