"""Dates anywhere Python can write them: computed, or refused naming the field, never a crash.

The bound (1900-01-01 to 2100-12-31) keeps every date the rules derive (leave, childcare to three
years, deadlines after it) far inside Python's calendar; before it, the contract example moved to year
9999 ended in "year 10000 is out of range".
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.rules import InvalidRequest, calculate
from kopir.rules.request import EARLIEST_DATE, LATEST_DATE
from tests.conftest import make_request

ANY_DAY = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
NEAR_THE_BOUNDS = st.one_of(
    st.dates(min_value=date(1899, 12, 1), max_value=date(1900, 2, 1)),
    st.dates(min_value=date(2100, 10, 1), max_value=date(2101, 1, 31)),
)


@settings(max_examples=150, deadline=None)
@given(
    day=st.one_of(ANY_DAY, NEAR_THE_BOUNDS),
    field=st.sampled_from(["leave_start", "expected_birth", "birth_date", "as_of", "return_to_work"]),
)
def test_any_date_is_computed_or_refused_by_name(day: date, field: str) -> None:
    changes: dict[str, Any] = {field: day.isoformat()} if field in ("as_of", "return_to_work") else {}
    if not changes:
        changes = {f"event__{name}": None for name in ("leave_start", "expected_birth", "birth_date")}
        changes[f"event__{field}"] = day.isoformat()
    try:
        calculate(make_request(**changes))
    except InvalidRequest as error:
        fields = {item.field for item in error.errors}
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            assert any(name.endswith(field) for name in fields), fields


@pytest.mark.parametrize("month", ["1899-12", "2101-01", "9999-12"])
def test_an_income_month_outside_the_range_is_refused(month: str) -> None:
    request = make_request(income={"monthly": [{"month": month, "so_base": 100000}]})
    with pytest.raises(InvalidRequest) as caught:
        calculate(request)
    assert [error.field for error in caught.value.errors] == ["income.monthly[0].month"]
