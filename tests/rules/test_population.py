"""The population path equals the single-person calculation, to the tiyn, for random persons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.rules import calculate, default_law
from kopir.rules.law import DatedValue, Law
from kopir.rules.money import tiyn
from kopir.rules.population import Persons, birth_allowance, childcare, leave_days, maternity, total_net
from kopir.rules.population.reading import DayGroups

person = st.fixed_dictionaries(
    {
        "employment": st.sampled_from(["employee", "individual_entrepreneur", "self_employed", "uninsured"]),
        "nuclear": st.booleans(),
        # to the end of 2027: windows inside the regime for the self-employed (from 2026) too
        "leave_start": st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
        "children": st.integers(1, 3),
        "complicated": st.booleans(),
        "previous": st.integers(0, 6),
        "average": st.integers(0, 1_500_000_00),
        "return_after_birth": st.none() | st.integers(0, 600),
        # SO bases repeated over the months of MONTHLY_FROM.. (with a month without contributions
        # every `gap` months), for the monthly form of the income
        "bases": st.lists(st.integers(1, 1_500_000_00), min_size=1, max_size=5),
        "gap": st.integers(2, 40),
    }
)
# The income in one of a request's three forms, for every person of an example.
FORMS = st.sampled_from(["average_so_base", "gross_salary", "monthly"])
MONTHLY_FROM = date(2021, 1, 1)
MONTHS = 72
# The [L] switches the population path must follow as the single person does.
switches = st.fixed_dictionaries(
    {
        "gfss.childcare.prorate_partial_months": st.booleans(),
        "gfss.childcare.early_return_keeps_allowance_level": st.booleans(),
        "gfss.childcare.window_skips_maternity_leave": st.booleans(),
        # reforms change these (childcare to 2 years, at 50%)
        "gfss.childcare.months": st.sampled_from([18, 24]),
        "state_budget.childcare_allowance.months": st.sampled_from([18, 12]),
        "gfss.childcare.rate": st.sampled_from([Decimal("0.4"), Decimal("0.5"), Decimal("0.45")]),
    }
)


def _monthly(p: dict) -> list[int]:
    bases = p["bases"]
    return [0 if k % p["gap"] == 0 else bases[k % len(bases)] for k in range(MONTHS)]


def _income(p: dict, form: str) -> dict:
    if form == "monthly":
        months = [date(MONTHLY_FROM.year + k // 12, k % 12 + 1, 1) for k in range(MONTHS)]
        return {
            "monthly": [
                {"month": month.strftime("%Y-%m"), "so_base": Decimal(base).scaleb(-2)}
                for month, base in zip(months, _monthly(p), strict=True)
            ]
        }
    return {form: Decimal(p["average"]).scaleb(-2)}


def _single(p: dict, birth: date, law: Law, form: str) -> dict:
    request: dict = {
        "claimant": {"employment": p["employment"], "nuclear_test_zone": p["nuclear"]},
        "event": {
            "type": "birth",
            "leave_start": p["leave_start"].isoformat(),
            "children": p["children"],
            "complicated_birth": p["complicated"],
        },
        "previous_children": p["previous"],
        "income": _income(p, form),
    }
    if p["return_after_birth"] is not None:
        request["return_to_work"] = (birth + timedelta(days=p["return_after_birth"])).isoformat()
    return calculate(request, today=date(2026, 11, 23), law=law)


def _columns(people: list[dict], form: str) -> Persons:
    average = np.array([p["average"] for p in people], dtype=np.int64)
    return Persons(
        insured=np.array([p["employment"] != "uninsured" for p in people]),
        nuclear_test_zone=np.array([p["nuclear"] for p in people]),
        leave_start=np.array([np.datetime64(p["leave_start"], "D") for p in people]),
        children=np.array([p["children"] for p in people], dtype=np.int64),
        complicated_birth=np.array([p["complicated"] for p in people]),
        previous_children=np.array([p["previous"] for p in people], dtype=np.int64),
        average_so_base=average,
        gross_salary=average if form == "gross_salary" else None,
        monthly_so_base=np.array([_monthly(p) for p in people], dtype=np.int64) if form == "monthly" else None,
        monthly_from=np.datetime64(MONTHLY_FROM, "M") if form == "monthly" else None,
        self_employed=np.array([p["employment"] == "self_employed" for p in people]),
        return_to_work=np.array(
            [np.datetime64("NaT" if p["return_after_birth"] is None else p["leave_start"]) for p in people],
            dtype="datetime64[D]",
        ),
    )


def _with_returns(persons: Persons, people: list[dict], birth: np.ndarray) -> Persons:
    """Returns are counted from the birth, which the leave rules decide."""
    offsets = np.array([p["return_after_birth"] or 0 for p in people]).astype("timedelta64[D]")
    returns = np.where(np.isnat(persons.return_to_work), persons.return_to_work, birth + offsets)
    return replace(persons, return_to_work=returns)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(person, min_size=1, max_size=25), switches, FORMS)
def test_the_population_path_equals_the_single_person_calculation(people: list[dict], changes: dict, form: str) -> None:
    law = default_law().with_values(changes, title="Test switches")
    persons = _columns(people, form)
    before, after = leave_days(persons, law)
    birth = persons.leave_start + before.astype("timedelta64[D]")
    persons = _with_returns(persons, people, birth)
    allowance = birth_allowance(persons, law, birth)
    paid = maternity(persons, law, before + after)
    care = childcare(persons, law, birth)
    totals = total_net(persons, law)
    for i, p in enumerate(people):
        response = _single(p, date.fromisoformat(str(birth[i])), law, form)
        payments = {payment["id"]: payment for payment in response["payments"]}
        assert before[i] + after[i] == response["leave"]["days"]
        assert date.fromisoformat(str(birth[i])) == p["leave_start"] + timedelta(days=int(before[i]))
        assert allowance[i] == tiyn(payments["birth_allowance"]["amount"])
        assert bool(paid.eligible[i]) == payments["maternity"]["eligible"]
        assert bool(care.gfss_eligible[i]) == payments["childcare_gfss"]["eligible"]
        assert paid.average_income[i] == tiyn(payments["maternity"].get("average_income", 0))
        assert paid.gross[i] == tiyn(payments["maternity"]["gross"])
        assert paid.net[i] == tiyn(payments["maternity"]["net"])
        assert care.monthly_gross[i] == tiyn(payments["childcare_gfss"]["monthly_gross"])
        assert care.monthly_net[i] == tiyn(payments["childcare_gfss"]["monthly_net"])
        assert care.allowance_monthly[i] == tiyn(payments["childcare_allowance"]["monthly"])
        assert totals[i] == tiyn(response["total_net"])


@given(st.lists(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), min_size=0, max_size=40))
def test_day_groups_give_back_every_day_dense_or_sparse(days: list[date]) -> None:
    column = np.array([np.datetime64(d, "D") for d in days], dtype="datetime64[D]")
    groups = DayGroups.of(column)
    assert list(groups.distinct) == sorted(set(column.tolist()))
    assert (groups.distinct[groups.inverse] == column).all()


def _rounding_to_the_tenge_from(law: Law, since: date) -> Law:
    """The law with the payments rounded to the tenge from `since` (a change inside the schedules)."""
    parameters = dict(law.parameters)
    for path in ("rounding.gfss_payments", "rounding.state_allowances"):
        old = law[path]
        later = DatedValue(since, {"mode": "half_up", "unit": 100}, old.values[-1].references, "high")
        parameters[path] = replace(old, values=(*old.values, later))
    return Law(parameters=parameters, version=f"{law.version}+test")


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.lists(person, min_size=1, max_size=12), st.integers(1, 28))
def test_a_rounding_rule_changing_inside_the_schedule_is_followed_month_by_month(
    people: list[dict], start_day: int
) -> None:
    """When a rounding rule changes among the whole months, the runs give way to one pass per month."""
    law = _rounding_to_the_tenge_from(default_law(), date(2025, 12, 1))
    # Everyone's leave starts on the same day, so every month of the schedule is one calendar month.
    people = [p | {"leave_start": date(2025, 1, start_day), "nuclear": False} for p in people]
    persons = _columns(people, "average_so_base")
    before, _ = leave_days(persons, law)
    birth = persons.leave_start + before.astype("timedelta64[D]")
    persons = _with_returns(persons, people, birth)
    totals = total_net(persons, law)
    for i, p in enumerate(people):
        response = _single(p, date.fromisoformat(str(birth[i])), law, "average_so_base")
        assert totals[i] == tiyn(response["total_net"])


def _one_person(leave_start: str, average: int, gross_salary: bool) -> Persons:
    amount = np.array([average * 100], dtype=np.int64)
    return Persons(
        insured=np.array([True]),
        nuclear_test_zone=np.array([False]),
        leave_start=np.array([np.datetime64(leave_start, "D")]),
        children=np.array([1], dtype=np.int64),
        complicated_birth=np.array([False]),
        previous_children=np.array([0], dtype=np.int64),
        average_so_base=amount,
        gross_salary=amount if gross_salary else None,
    )


@pytest.mark.parametrize(
    ("leave_start", "average", "gross_salary", "gross", "net"),
    [
        # Decision 0026, point 6.6: gross 300,000, May and June 2025 on leave -> average 247,500, 99,000 / 89,100.
        ("2025-05-01", 300000, True, 99000, 89100),
        # Decision 0026, point 6.5: 40% of 21,250 is below the 2026 floor 24,912, paid with no pension contribution.
        ("2026-01-15", 21250, False, 24912, 24912),
    ],
)
def test_the_decisions_of_point_six_hold_on_the_population_path(
    leave_start: str, average: int, gross_salary: bool, gross: int, net: int
) -> None:
    persons = _one_person(leave_start, average, gross_salary)
    law = default_law()
    before, _ = leave_days(persons, law)
    care = childcare(persons, law, persons.leave_start + before.astype("timedelta64[D]"))
    assert (int(care.monthly_gross[0]), int(care.monthly_net[0])) == (gross * 100, net * 100)
