"""The explanation states the values read on the dates that applied, from the computation itself (issue 13,
point 3; decision 0020): two SO rates and two years' bounds in one window are both said, the net of a 2023
right cites the pension law of its time, and a payment at the floor says no contribution was withheld."""

from __future__ import annotations

from typing import Any

from kopir.rules import calculate
from tests.conftest import make_request
from tests.rules.test_formula_acts import VARIED_REQUESTS


def _texts(response: dict[str, Any], payment: str) -> list[str]:
    return [step["text"] for step in response["explanation"] if step["payment"] == payment]


def test_a_window_across_two_so_rates_and_two_years_bounds_says_each() -> None:
    # Window July 2023 - June 2025: SO 3.5% until 2024, 5% in 2025; bounds 70,000-490,000 (2023), 85,000-595,000.
    texts = _texts(calculate(make_request(income={"gross_salary": 300000}), lang="en"), "childcare_gfss")
    assert any("3.5%" in t and "9,450" in t for t in texts)
    assert any("of 5%" in t and "13,500" in t for t in texts)
    assert any("70,000" in t and "490,000" in t and "July 2023" in t for t in texts)
    assert any("85,000" in t and "595,000" in t and "January 2024" in t for t in texts)
    assert any(t.startswith("From May 2025 to June 2025: maternity leave") for t in texts)


def test_the_net_of_a_2023_right_cites_the_pension_law_of_its_time() -> None:
    response = calculate(VARIED_REQUESTS["birth_2023_paid_into_2025"], lang="en")
    net = next(s for s in response["explanation"] if s["text"].startswith("Payment received"))
    assert "105-V" in net["legal_basis"]
    today = next(
        s for s in calculate(make_request(), lang="en")["explanation"] if s["text"].startswith("Payment received")
    )
    assert "224-VII" in today["legal_basis"]


def test_a_payment_at_the_floor_says_no_contribution_is_withheld_in_each_language() -> None:
    request = make_request(income={"average_so_base": 10000})
    english = _texts(calculate(request, lang="en"), "childcare_gfss")
    assert any(t.startswith("No pension contribution is withheld") and "22,648" in t for t in english)
    assert not any("is withheld: 0" in t for t in english)
    for lang in ("kk", "ru"):
        texts = _texts(calculate(request, lang=lang), "childcare_gfss")
        assert any("22" in t and ("ОПВ" in t or "МЗЖ" in t) for t in texts)


def test_a_right_before_the_cap_says_the_day_it_arose() -> None:
    response = calculate(VARIED_REQUESTS["birth_2023_paid_into_2025"], lang="en")
    assert any(t.startswith("No cap applies: the right arose on") for t in _texts(response, "maternity"))


def test_the_self_employed_months_before_the_regime_count_zero_and_say_so() -> None:
    request = make_request(
        claimant={"employment": "self_employed", "nuclear_test_zone": False}, income={"gross_salary": 300000}
    )
    response = calculate(request, lang="en")
    texts = _texts(response, "childcare_gfss")
    assert any("did not yet pay social contributions" in t for t in texts)
    maternity = next(p for p in response["payments"] if p["id"] == "maternity")
    assert maternity["eligible"] is False  # a 2025 leave: no SO in the 12 months before it
