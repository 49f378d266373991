"""Each uncertain rule is a switch: its default warns, and turning it changes the amounts as documented."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from kopir.rules import calculate, default_law
from kopir.rules.law import ParamValue
from tests.conftest import make_request


def _with(changes: dict[str, ParamValue]) -> Any:
    return default_law().with_values(changes, title="Test reform")


def _payment(response: dict[str, Any], payment_id: str) -> dict[str, Any]:
    return next(p for p in response["payments"] if p["id"] == payment_id)


def test_prorating_pays_the_first_and_last_month_by_days() -> None:
    # Born 2025-07-08: July has 24 of 31 days paid; the last partial month is January 2027, 7 of 31 days.
    law = _with({"gfss.childcare.prorate_partial_months": True})
    response = calculate(make_request(), law=law)
    schedule = _payment(response, "childcare_gfss")["schedule"]
    assert len(schedule) == 19
    assert schedule[0] == {"month": "2025-07", "net": Decimal("83612.91")}  # 120000*24/31=92903.23 - 9290.32
    assert schedule[1]["net"] == 108000
    assert schedule[-1] == {"month": "2027-01", "net": Decimal("24387.09")}  # 120000*7/31=27096.77 - 2709.68
    assert any("paid in part" in e["text"] for e in response["explanation"])


def test_whole_months_by_default_with_a_warning() -> None:
    response = calculate(make_request())
    assert len(_payment(response, "childcare_gfss")["schedule"]) == 18
    assert any("first and last month" in w for w in response["warnings"])


def test_the_window_can_skip_the_maternity_leave() -> None:
    # Income only in the 24 months before the leave start month (May 2025): May 2023 - April 2025.
    months = [{"month": f"{2023 + (m + 4) // 12}-{(m + 4) % 12 + 1:02d}", "so_base": 240000} for m in range(24)]
    request = make_request(income={"monthly": months})
    default = _payment(calculate(request), "childcare_gfss")
    skipping = _payment(
        calculate(request, law=_with({"gfss.childcare.window_skips_maternity_leave": True})), "childcare_gfss"
    )
    # Default window July 2023 - June 2025 holds 22 of the 24 months: 240000*22/24 = 220000 -> 88000.
    assert default["monthly_gross"] == 88000
    assert skipping["monthly_gross"] == 96000


def test_the_floor_can_be_paid_without_the_pension_contribution() -> None:
    request = make_request(income={"average_so_base": 10000})
    withheld = _payment(calculate(request), "childcare_gfss")
    assert withheld["monthly_gross"] == 22648
    assert withheld["monthly_net"] == Decimal("20383.20")
    free = _payment(
        calculate(request, law=_with({"gfss.childcare.pension_contribution_at_floor": False})), "childcare_gfss"
    )
    assert free["monthly_net"] == 22648


@pytest.mark.parametrize(("keeps", "expected"), [(True, Decimal("20383.20")), (False, 108000)])
def test_early_return_keeps_the_allowance_level(keeps: bool, expected: Decimal) -> None:
    law = _with({"gfss.childcare.early_return_keeps_allowance_level": keeps})
    response = calculate(make_request(return_to_work="2025-11-15"), law=law)
    schedule = _payment(response, "childcare_gfss")["schedule"]
    assert schedule[3] == {"month": "2025-10", "net": 108000}
    assert schedule[4]["net"] == expected


def test_a_return_from_march_2026_warns_of_the_unread_clarification() -> None:
    early = calculate(make_request(return_to_work="2025-11-15"))["warnings"]
    late = calculate(make_request(return_to_work="2026-03-02"))["warnings"]
    assert not any("March 2026" in w for w in early)
    assert any("March 2026" in w for w in late)


def test_a_reform_is_cited_as_the_legal_basis() -> None:
    law = _with({"gfss.childcare.rate": Decimal("0.5")})
    response = calculate(make_request(), law=law)
    assert _payment(response, "childcare_gfss")["monthly_gross"] == 150000
    cited = [e for e in response["explanation"] if e.get("parameter") == "gfss.childcare.rate"]
    assert cited[0]["legal_basis"] == "Test reform"


def test_the_adoption_leave_ends_a_day_later_if_the_birth_day_is_not_counted() -> None:
    # Adopted on the day of the birth, 2025-07-08: day 56 counting the birth day is 2025-09-01 (decision 0026).
    request = make_request(
        event={"type": "adoption", "adoption_date": "2025-07-08", "birth_date": "2025-07-08", "children": 1}
    )
    counted = calculate(request)
    assert (counted["leave"]["end"], counted["leave"]["days"]) == ("2025-09-01", 56)
    not_counted = calculate(request, law=_with({"leave.adoption.birth_day_counts": False}))
    assert (not_counted["leave"]["end"], not_counted["leave"]["days"]) == ("2025-09-02", 57)
    assert _payment(not_counted, "maternity")["net"] == 513000  # 300,000 x 57 / 30 = 570,000 less 10% OPV
