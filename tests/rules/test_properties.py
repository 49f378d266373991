"""Invariants of the payments, checked on many random requests (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.rules import calculate
from tests.conftest import make_request

CAP_DAY = date(2025, 4, 8)
amounts = st.integers(min_value=0, max_value=5_000_000_00).map(lambda t: Decimal(t).scaleb(-2))
leave_starts = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 10, 31))
kinds = st.sampled_from(["employee", "individual_entrepreneur"])
birth_shapes = st.fixed_dictionaries(
    {"children": st.integers(1, 3), "complicated_birth": st.booleans(), "nuclear": st.booleans()}
)


def _request(start: date, average: Decimal, shape: dict[str, Any], employment: str = "employee") -> dict[str, Any]:
    return make_request(
        claimant={"employment": employment, "nuclear_test_zone": shape["nuclear"]},
        event={
            "type": "birth",
            "leave_start": start.isoformat(),
            "children": shape["children"],
            "complicated_birth": shape["complicated_birth"],
        },
        income={"average_so_base": average},
    )


def _payment(response: dict[str, Any], payment_id: str) -> dict[str, Any]:
    return next(p for p in response["payments"] if p["id"] == payment_id)


@settings(max_examples=150, deadline=None)
@given(leave_starts, amounts, birth_shapes, kinds)
def test_net_is_gross_minus_the_pension_contribution(start: date, average: Decimal, shape: Any, kind: str) -> None:
    response = calculate(_request(start, average, shape, kind))
    maternity = _payment(response, "maternity")
    assert maternity["net"] == maternity["gross"] - maternity["pension_contribution"]
    childcare = _payment(response, "childcare_gfss")
    assert childcare["monthly_net"] == childcare["monthly_gross"] - childcare["monthly_pension_contribution"]


@settings(max_examples=150, deadline=None)
@given(leave_starts, amounts, amounts, birth_shapes)
def test_amounts_never_fall_as_income_rises(start: date, first: Decimal, second: Decimal, shape: Any) -> None:
    low, high = sorted([first, second])
    poorer, richer = calculate(_request(start, low, shape)), calculate(_request(start, high, shape))
    for payment_id, field in [("maternity", "net"), ("childcare_gfss", "monthly_net")]:
        assert _payment(poorer, payment_id)[field] <= _payment(richer, payment_id)[field]
    assert poorer["total_net"] <= richer["total_net"]


@settings(max_examples=100, deadline=None)
@given(leave_starts, st.integers(0, 2_000_000), st.integers(0, 2_000_000))
def test_the_gross_salary_path_is_monotone_too(start: date, first: int, second: int) -> None:
    low, high = sorted([first, second])
    shape = {"children": 1, "complicated_birth": False, "nuclear": False}
    poorer = calculate(_request(start, Decimal(0), shape) | {"income": {"gross_salary": low}})
    richer = calculate(_request(start, Decimal(0), shape) | {"income": {"gross_salary": high}})
    assert poorer["total_net"] <= richer["total_net"]


@settings(max_examples=150, deadline=None)
@given(leave_starts, amounts, birth_shapes)
def test_caps_and_floors_hold(start: date, average: Decimal, shape: Any) -> None:
    response = calculate(_request(start, average, shape))
    maternity = _payment(response, "maternity")
    if start >= CAP_DAY:
        assert maternity["average_income"] <= 595000
    childcare = _payment(response, "childcare_gfss")
    if childcare["eligible"]:
        floor = _payment(response, "childcare_allowance")["monthly"]
        assert floor <= childcare["monthly_gross"] <= 238000


@settings(max_examples=80, deadline=None)
@given(
    leave_starts,
    st.integers(110_000_00, 5_000_000_00).map(lambda t: Decimal(t).scaleb(-2)),
    st.integers(0, 5),
    st.integers(2, 4),
)
def test_payments_multiply_per_child(start: date, average: Decimal, previous: int, children: int) -> None:
    """Above every floor even after the pension contribution (90% of 40% of 110,000 > 8.90 MRP, so the
    contribution is not stopped at a floor: decision 0020), each child brings the same childcare payment.

    The maternity payment is not per child: twins give the longer leave, paid once.
    """
    shape = {"children": children, "complicated_birth": False, "nuclear": False}
    single = calculate(_request(start, average, shape | {"children": 1}) | {"previous_children": previous})
    multiple = calculate(_request(start, average, shape) | {"previous_children": previous})
    births = _payment(multiple, "birth_allowance")
    assert births["amount"] == sum(births["per_child"])
    assert len(births["per_child"]) == children
    assert births["per_child"][0] == _payment(single, "birth_allowance")["amount"]
    one, many = (
        _payment(single, "childcare_gfss")["schedule"],
        _payment(multiple, "childcare_gfss")["schedule"],
    )
    assert [m["net"] * children for m in one] == [m["net"] for m in many]
    assert (
        _payment(multiple, "maternity")["net"]
        == _payment(
            calculate(_request(start, average, shape | {"children": 1, "complicated_birth": True})),
            "maternity",
        )["net"]
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(595_000_01, 10_000_000_00).map(lambda t: Decimal(t).scaleb(-2)))
def test_the_cap_switches_on_exactly_on_2025_04_08(average: Decimal) -> None:
    shape = {"children": 1, "complicated_birth": False, "nuclear": False}
    day_before = _payment(calculate(_request(CAP_DAY - timedelta(days=1), average, shape)), "maternity")
    cap_day = _payment(calculate(_request(CAP_DAY, average, shape)), "maternity")
    assert day_before["average_income"] == average
    assert cap_day["average_income"] == 595000
    assert cap_day["net"] == 2249100
