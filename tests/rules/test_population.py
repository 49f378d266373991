"""The population path equals the single-person calculation, to the tiyn, for random persons."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.rules import calculate, default_law
from kopir.rules.money import tiyn
from kopir.rules.population import Persons, birth_allowance, childcare, leave_days, maternity, total_net

person = st.fixed_dictionaries(
    {
        "employment": st.sampled_from(["employee", "individual_entrepreneur", "uninsured"]),
        "nuclear": st.booleans(),
        "leave_start": st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 9, 30)),
        "children": st.integers(1, 3),
        "complicated": st.booleans(),
        "previous": st.integers(0, 6),
        "average": st.integers(0, 1_500_000_00),
    }
)


def _single(p: dict) -> dict:
    request = {
        "claimant": {"employment": p["employment"], "nuclear_test_zone": p["nuclear"]},
        "event": {
            "type": "birth",
            "leave_start": p["leave_start"].isoformat(),
            "children": p["children"],
            "complicated_birth": p["complicated"],
        },
        "previous_children": p["previous"],
        "income": {"average_so_base": Decimal(p["average"]).scaleb(-2)},
    }
    return calculate(request, today=date(2026, 11, 23))


def _columns(people: list[dict]) -> Persons:
    return Persons(
        insured=np.array([p["employment"] != "uninsured" for p in people]),
        nuclear_test_zone=np.array([p["nuclear"] for p in people]),
        leave_start=np.array([np.datetime64(p["leave_start"], "D") for p in people]),
        children=np.array([p["children"] for p in people], dtype=np.int64),
        complicated_birth=np.array([p["complicated"] for p in people]),
        previous_children=np.array([p["previous"] for p in people], dtype=np.int64),
        average_so_base=np.array([p["average"] for p in people], dtype=np.int64),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(person, min_size=1, max_size=25))
def test_the_population_path_equals_the_single_person_calculation(people: list[dict]) -> None:
    law = default_law()
    persons = _columns(people)
    before, after = leave_days(persons, law)
    birth = persons.leave_start + before.astype("timedelta64[D]")
    allowance = birth_allowance(persons, law, birth)
    paid = maternity(persons, law, before + after)
    care = childcare(persons, law, birth)
    totals = total_net(persons, law)
    for i, p in enumerate(people):
        response = _single(p)
        payments = {payment["id"]: payment for payment in response["payments"]}
        assert before[i] + after[i] == response["leave"]["days"]
        assert date.fromisoformat(str(birth[i])) == p["leave_start"] + timedelta(days=int(before[i]))
        assert allowance[i] == tiyn(payments["birth_allowance"]["amount"])
        assert bool(paid.eligible[i]) == payments["maternity"]["eligible"]
        assert paid.gross[i] == tiyn(payments["maternity"]["gross"])
        assert paid.net[i] == tiyn(payments["maternity"]["net"])
        assert care.monthly_gross[i] == tiyn(payments["childcare_gfss"]["monthly_gross"])
        assert care.monthly_net[i] == tiyn(payments["childcare_gfss"]["monthly_net"])
        assert care.allowance_monthly[i] == tiyn(payments["childcare_allowance"]["monthly"])
        assert totals[i] == tiyn(response["total_net"])
