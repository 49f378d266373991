"""The costing page's runs carry the cost's 90% range when they are small enough (`RANGE_UP_TO`)."""

from __future__ import annotations

import pytest

from kopir.accounts.models import Role
from kopir.policy import services
from kopir.policy.services import simulation_run
from tests.cases.builders import make_user

pytestmark = pytest.mark.django_db


def test_a_small_run_keeps_its_range_beside_the_cost() -> None:
    run = simulation_run(actor=make_user(Role.ANALYST), reform_id="childcare-2-years", size=10_000, seed=0)
    uncertainty = run.result["uncertainty"]
    assert (uncertainty["level"], uncertainty["draws"]) == (0.9, services.RANGE_DRAWS)
    total = uncertainty["cost"]["total"]
    assert total["low"] < total["high"]


def test_a_run_above_the_range_size_has_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "RANGE_UP_TO", 5_000)
    run = simulation_run(actor=make_user(Role.ANALYST), reform_id="childcare-2-years", size=10_000, seed=0)
    assert run.result["total"]["change"] > 0
    assert "uncertainty" not in run.result
