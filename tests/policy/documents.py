"""Result documents for the costing page's tests: a real small run's report, computed once, and the
same report with a range of the kind helper "uncertainty" adds (decision 0032's shape)."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from kopir.accounts.models import User
from kopir.microsim.population import assumptions
from kopir.microsim.reforms import load
from kopir.microsim.results import report
from kopir.microsim.simulate import simulate
from kopir.policy.models import RunStatus, SimulationRun
from kopir.rules import default_law

SIZE = 10_000


@cache
def _report(reform_id: str, seed: int) -> dict[str, Any]:
    law = default_law()
    reform = load(reform_id, law)
    figures = assumptions()
    totals = simulate(reform, law, figures, size=SIZE, seed=seed, chunk=SIZE)
    return report(totals, reform, figures.regions, seed=seed)


def reform_document(reform_id: str = "childcare-2-years", seed: int = 0) -> dict[str, Any]:
    return copy.deepcopy(_report(reform_id, seed))


def with_range(document: dict[str, Any], draws: int = 20) -> dict[str, Any]:
    """The document with a range around each change: 80% to 130% of it (lopsided, so low and high differ)."""
    ranged = copy.deepcopy(document)

    def around(change: float) -> dict[str, float]:
        return {"low": min(0.8 * change, 1.3 * change), "high": max(0.8 * change, 1.3 * change)}

    by_year: dict[str, float] = {}
    by_payment: dict[str, float] = {}
    for row in document["cost_by_payment_and_year"]:
        by_year[str(row["year"])] = by_year.get(str(row["year"]), 0.0) + row["change"]
        by_payment[row["payment"]] = by_payment.get(row["payment"], 0.0) + row["change"]
    ranged["uncertainty"] = {
        "level": 0.9,
        "draws": draws,
        "cost": {
            "total": around(document["total"]["change"]),
            "by_year": {year: around(change) for year, change in by_year.items()},
            "by_payment": {payment: around(change) for payment, change in by_payment.items()},
        },
    }
    return ranged


def finished_run(actor: User, document: dict[str, Any]) -> SimulationRun:
    """A done run holding `document`, as the costing service leaves one."""
    return SimulationRun.objects.create(
        actor=actor,
        shipped_reform=document["reform"]["id"],
        size=SIZE,
        seed=document["seed"],
        status=RunStatus.DONE,
        result=document,
        attempts=1,
    )
