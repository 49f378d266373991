"""From the calculator form to contract v1 and back: the only place the web meets the rules.

`calculation_request` turns the form's answers into a contract-v1 request; `calculate_for_form`
computes it in the page's language, or puts the rules' errors on the fields they concern, so a
person sees each problem next to the question it belongs to.
"""

from __future__ import annotations

from typing import Any

from kopir.interface.language import current_language
from kopir.rules import InvalidRequest, calculate
from kopir.rules.contract import field_message

EVENT_FIELDS = ("leave_start", "expected_birth", "birth_date", "adoption_date", "children", "complicated_birth")
FORM_FIELD_OF = {
    "claimant.employment": "employment",
    "claimant.nuclear_test_zone": "nuclear_test_zone",
    "event.type": "event_type",
    "previous_children": "previous_children",
    "return_to_work": "return_to_work",
    "income": "income_form",
    **{f"event.{name}": name for name in EVENT_FIELDS},
}


def _income(data: dict[str, Any]) -> dict[str, Any]:
    chosen = data.get("income_form") or "gross_salary"
    value = data.get(chosen)
    if chosen == "monthly":
        return {"monthly": value or []}
    if value is None:
        return {"monthly": []} if data.get("employment") == "uninsured" else {}
    return {chosen: value}


def calculation_request(data: dict[str, Any]) -> dict[str, Any]:
    """The contract-v1 request for the form's cleaned data."""
    event = {"type": data["event_type"]} | {
        name: data[name].isoformat() if hasattr(data.get(name), "isoformat") else data.get(name)
        for name in EVENT_FIELDS
    }
    event["children"] = event["children"] or 1
    return {
        "claimant": {"employment": data["employment"], "nuclear_test_zone": bool(data.get("nuclear_test_zone"))},
        "event": event,
        "previous_children": data.get("previous_children") or 0,
        "income": _income(data),
        "return_to_work": data["return_to_work"].isoformat() if data.get("return_to_work") else None,
    }


def form_field(path: str, income_form: str) -> str | None:
    """The form field that a contract field error belongs to (None: a problem of the whole form)."""
    if path.startswith("income."):
        return "monthly" if path.startswith("income.monthly") else path.split(".")[1]
    if path == "income" and income_form:
        return income_form if income_form != "monthly" else "monthly"
    return FORM_FIELD_OF.get(path)


def calculate_for_form(data: dict[str, Any]) -> tuple[dict[str, Any] | None, list[tuple[str | None, str]]]:
    """The response for the form's data in the page's language, or the errors as (form field, message)."""
    lang = current_language()
    try:
        return calculate(calculation_request(data), lang=lang), []
    except InvalidRequest as error:
        income_form = data.get("income_form") or ""
        return None, [(form_field(e.field, income_form), field_message(e, lang)) for e in error.errors]
