"""From a schema-valid request document to a typed `CalculationRequest`.

The schema has already checked shapes; this checks what a schema cannot: that dates exist
(2025-02-30 does not), that amounts have at most two decimals, and that the dates of the event
fit together. All problems are collected and raised together as `InvalidRequest`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from kopir.rules.errors import FieldError, InvalidRequest
from kopir.rules.money import tiyn
from kopir.rules.request import (
    ADOPTION_BEFORE_BIRTH,
    ADOPTION_NEEDS,
    BIRTH_BEFORE_LEAVE,
    BIRTH_DATES_MISSING,
    DATE_OUT_OF_RANGE,
    EARLIEST_DATE,
    EXPECTED_BEFORE_LEAVE,
    LATEST_DATE,
    MAX_MONTHLY_AMOUNT_TENGE,
    NOT_A_DATE,
    NOT_A_MONTH,
    RETURN_BEFORE_BIRTH,
    TOO_FINE,
    TOO_LARGE_AMOUNT,
    CalculationRequest,
    Event,
    Income,
    check_structure,
)


class _Collector:
    """Collects field errors while values are parsed, so that all are reported at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, message: str, **params: Any) -> None:
        self.errors.append(FieldError(field=field, message=message, params=tuple(params.items())))

    def date(self, raw: Any, field: str) -> date | None:
        if raw is None:
            return None
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            self.add(field, NOT_A_DATE, value=json.dumps(raw))
            return None
        return self.within_range(day, raw, field)

    def within_range(self, day: dt.date, raw: str, field: str) -> dt.date | None:
        if EARLIEST_DATE <= day <= LATEST_DATE:
            return day
        self.add(field, DATE_OUT_OF_RANGE, value=json.dumps(raw), first=EARLIEST_DATE, last=LATEST_DATE)
        return None

    def amount(self, raw: Any, field: str) -> int:
        value = Decimal(str(raw))
        if value > MAX_MONTHLY_AMOUNT_TENGE:
            self.add(field, TOO_LARGE_AMOUNT, maximum=MAX_MONTHLY_AMOUNT_TENGE)
            return 0
        try:
            return tiyn(value)
        except ValueError:
            self.add(field, TOO_FINE)
            return 0


def _monthly(items: list[Mapping[str, Any]], collect: _Collector) -> dict[date, int]:
    """Month -> SO base; a month listed twice (several employers) is summed (§4.1)."""
    months: dict[date, int] = {}
    for index, item in enumerate(items):
        field = f"income.monthly[{index}]"
        try:
            month = date.fromisoformat(item["month"] + "-01")
        except ValueError:
            collect.add(f"{field}.month", NOT_A_MONTH, value=json.dumps(item["month"]))
            continue
        if collect.within_range(month, item["month"], f"{field}.month") is None:
            continue
        months[month] = months.get(month, 0) + collect.amount(item["so_base"], f"{field}.so_base")
    return months


def _income(raw: Mapping[str, Any], collect: _Collector) -> Income:
    if "monthly" in raw:
        return Income(monthly=_monthly(raw["monthly"], collect))
    if "gross_salary" in raw:
        return Income(gross_salary=collect.amount(raw["gross_salary"], "income.gross_salary"))
    return Income(average_so_base=collect.amount(raw["average_so_base"], "income.average_so_base"))


def _event(raw: Mapping[str, Any], collect: _Collector) -> Event:
    dates = {
        name: collect.date(raw.get(name), f"event.{name}")
        for name in ("leave_start", "expected_birth", "birth_date", "adoption_date")
    }
    return Event(
        type=raw["type"],
        children=raw.get("children", 1),
        complicated_birth=raw.get("complicated_birth", False),
        **dates,
    )


def _check_event(event: Event, raw: Mapping[str, Any], collect: _Collector) -> None:
    """The dates of the event must fit together (only dates that parsed are compared)."""
    if event.type == "adoption":
        for name in ("adoption_date", "birth_date"):
            if raw.get(name) is None:
                collect.add(f"event.{name}", ADOPTION_NEEDS)
        if event.adoption_date and event.birth_date and event.adoption_date < event.birth_date:
            collect.add("event.adoption_date", ADOPTION_BEFORE_BIRTH)
        return
    if not any(raw.get(name) for name in ("leave_start", "expected_birth", "birth_date")):
        collect.add("event.leave_start", BIRTH_DATES_MISSING)
    if event.leave_start and event.birth_date and event.birth_date < event.leave_start:
        collect.add("event.birth_date", BIRTH_BEFORE_LEAVE)
    if event.leave_start and event.expected_birth and event.expected_birth < event.leave_start:
        collect.add("event.expected_birth", EXPECTED_BEFORE_LEAVE)


def _child_arrives(event: Event) -> date | None:
    return event.adoption_date if event.type == "adoption" else (event.birth_date or event.expected_birth)


def parse_request(document: Any, *, today: date) -> CalculationRequest:
    """Check and parse a request document (a JSON object); raise `InvalidRequest` on any problem."""
    check_structure(document)
    collect = _Collector()
    event = _event(document["event"], collect)
    _check_event(event, document["event"], collect)
    income = _income(document["income"], collect)
    as_of = collect.date(document.get("as_of"), "as_of") or today
    return_to_work = collect.date(document.get("return_to_work"), "return_to_work")
    arrives = _child_arrives(event)
    if return_to_work and arrives and return_to_work < arrives:
        collect.add("return_to_work", RETURN_BEFORE_BIRTH)
    if collect.errors:
        raise InvalidRequest(collect.errors)
    claimant = document["claimant"]
    return CalculationRequest(
        as_of=as_of,
        employment=claimant["employment"],
        nuclear_test_zone=claimant.get("nuclear_test_zone", False),
        event=event,
        previous_children=document.get("previous_children", 0),
        income=income,
        return_to_work=return_to_work,
    )
