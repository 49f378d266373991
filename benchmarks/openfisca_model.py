"""The same four payments written as an OpenFisca model, for the microsimulation benchmark.

Built the OpenFisca way: a Person entity, input variables for the facts, one monthly variable per
payment (paid in the month it is paid), parameters generated from Kopir's own parameter files (so
both models read the same law), and the reform as an OpenFisca `Reform` that updates a parameter.
Amounts are OpenFisca's default `float` (float32), rounded as Kopir rounds (half up, to the tiyn or
the tenge); the benchmark reports how often the two agree to the tiyn.

Needs the optional dependency group: ``uv sync --extra benchmark`` (openfisca-core).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from openfisca_core import periods
from openfisca_core.entities import build_entity
from openfisca_core.parameters import ParameterNode
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from kopir.rules.law import Law

Person = build_entity(key="person", plural="persons", label="A parent", is_person=True)
Household = build_entity(
    key="household", plural="households", label="A household", roles=[{"key": "parent", "plural": "parents"}]
)
NEVER = 10**6  # a month index no one reaches
ORDERS = 4  # the scales by birth order have brackets 1..4

PATHS = {
    "mrp": "general.mrp",
    "mzp": "general.mzp",
    "opv_rate": "contributions.opv_rate",
    "cap_mzp": "gfss.maternity.income_cap_mzp",
    "days_divisor": "gfss.maternity.days_divisor",
    "rate": "gfss.childcare.rate",
    "ceiling_mzp": "gfss.childcare.ceiling_mzp",
    "months": "gfss.childcare.months",
    "allowance_months": "state_budget.childcare_allowance.months",
    "before": "leave.maternity.before_birth_days",
    "after": "leave.maternity.after_birth_days",
    "after_complicated": "leave.maternity.after_birth_days_complicated",
    "zone_before": "leave.nuclear_zone.before_birth_days",
    "zone_after": "leave.nuclear_zone.after_birth_days",
    "zone_after_complicated": "leave.nuclear_zone.after_birth_days_complicated",
}
SCALES = {
    "birth_coefficient": "state_budget.birth_allowance.coefficient_mrp",
    "allowance_coefficient": "state_budget.childcare_allowance.coefficient_mrp",
}


def _values(law: Law, path: str) -> dict[str, Any]:
    """A Kopir parameter's history as OpenFisca values (a limit not yet in force is a huge one)."""
    return {
        "values": {
            v.since.isoformat(): float(Decimal(v.value)) if v.value is not None else 1e6  # type: ignore[arg-type]
            for v in law[path].values
        }
    }


def parameters(law: Law) -> ParameterNode:
    data: dict[str, Any] = {name: _values(law, path) for name, path in PATHS.items()}
    for name, path in SCALES.items():
        for order in range(1, ORDERS + 1):
            data[f"{name}_{order}"] = {
                "values": {
                    v.since.isoformat(): float(max((k, c) for k, c in v.value.items() if k <= order)[1])  # type: ignore[union-attr]
                    for v in law[path].values
                }
            }
    return ParameterNode("", data=data)


def _half_up(amount: Any, unit: float) -> Any:
    """Round half up to `unit` tenge (0.01: the tiyn; 1: the tenge), as `kopir.rules.money.divide`."""
    return np.floor(amount / unit + 0.5) * unit


def _month(period: Any) -> int:
    return int((period.start.year - 1970) * 12 + period.start.month - 1)


def _input(name: str, kind: type) -> type[Variable]:
    return type(name, (Variable,), {"value_type": kind, "entity": Person, "definition_period": periods.ETERNITY})


INPUTS = {
    "insured": bool,
    "nuclear_test_zone": bool,
    "complicated_birth": bool,
    "children": int,
    "previous_children": int,
    "average_so_base": float,
    "birth_month": int,
    "leave_month": int,
    "return_month": int,
}


def _coefficient(p: Any, name: str, order: Any) -> Any:
    capped = np.minimum(order, ORDERS)
    return np.select([capped == k for k in range(1, ORDERS + 1)], [p[f"{name}_{k}"] for k in range(1, ORDERS + 1)])


class maternity(Variable):  # noqa: N801 - OpenFisca names variables in snake case
    value_type = float
    entity = Person
    definition_period = periods.MONTH

    def formula(person: Any, period: Any, parameters: Any) -> Any:  # noqa: N805 - OpenFisca's signature
        p = parameters(period.start)
        eternity = periods.period("eternity")
        zone = person("nuclear_test_zone", eternity)
        longer = person("complicated_birth", eternity) + (person("children", eternity) >= 2)
        days = np.where(
            zone,
            p.zone_before + np.where(longer, p.zone_after_complicated, p.zone_after),
            p.before + np.where(longer, p.after_complicated, p.after),
        )
        average = np.minimum(person("average_so_base", eternity), p.cap_mzp * p.mzp)
        gross = _half_up(average * days / p.days_divisor, 0.01)
        opv = _half_up(gross * p.opv_rate, 0.01)
        paid = (person("leave_month", eternity) == _month(period)) * person("insured", eternity) * (average > 0)
        return np.where(paid, gross - opv, 0)


class birth_allowance(Variable):  # noqa: N801
    value_type = float
    entity = Person
    definition_period = periods.MONTH

    def formula(person: Any, period: Any, parameters: Any) -> Any:  # noqa: N805
        p = parameters(period.start)
        eternity = periods.period("eternity")
        children, previous = person("children", eternity), person("previous_children", eternity)
        total = sum(
            (children >= k) * _half_up(p.mrp * _coefficient(p, "birth_coefficient", previous + k), 1) for k in (1, 2, 3)
        )
        return np.where(person("birth_month", eternity) == _month(period), total, 0)


class childcare_gfss(Variable):  # noqa: N801
    value_type = float
    entity = Person
    definition_period = periods.MONTH

    def formula(person: Any, period: Any, parameters: Any) -> Any:  # noqa: N805
        p = parameters(period.start)
        eternity = periods.period("eternity")
        month = _month(period)
        birth = person("birth_month", eternity)
        paid = person("insured", eternity) * (birth <= month) * (month < birth + p.months)
        returned = month >= person("return_month", eternity)
        base40 = _half_up(person("average_so_base", eternity) * p.rate, 0.01)
        ceiling = _half_up(p.ceiling_mzp * p.mzp * p.rate, 0.01)
        children, previous = person("children", eternity), person("previous_children", eternity)
        total = 0
        for k in (1, 2, 3):
            floor = _half_up(p.mrp * _coefficient(p, "allowance_coefficient", previous + k), 1)
            gross = np.where(returned, floor, np.minimum(np.maximum(base40, floor), ceiling))
            # decision 0026/0020: no contribution at the floor, and above it only down to the floor
            opv = np.minimum(_half_up(gross * p.opv_rate, 0.01), np.maximum(gross - floor, 0))
            total = total + (children >= k) * (gross - opv)
        return np.where(paid, total, 0)


class childcare_allowance(Variable):  # noqa: N801
    value_type = float
    entity = Person
    definition_period = periods.MONTH

    def formula(person: Any, period: Any, parameters: Any) -> Any:  # noqa: N805
        p = parameters(period.start)
        eternity = periods.period("eternity")
        month = _month(period)
        birth = person("birth_month", eternity)
        paid = np.logical_not(person("insured", eternity)) * (birth <= month) * (month < birth + p.allowance_months)
        children, previous = person("children", eternity), person("previous_children", eternity)
        total = sum(
            (children >= k) * _half_up(p.mrp * _coefficient(p, "allowance_coefficient", previous + k), 1)
            for k in (1, 2, 3)
        )
        return np.where(paid, total, 0)


PAYMENTS = ("birth_allowance", "maternity", "childcare_gfss", "childcare_allowance")


def system(law: Law) -> TaxBenefitSystem:
    tbs = TaxBenefitSystem([Person, Household])
    for name, kind in INPUTS.items():
        tbs.add_variable(_input(name, kind))
    for variable in (maternity, birth_allowance, childcare_gfss, childcare_allowance):
        tbs.add_variable(variable)
    tbs.parameters = parameters(law)
    return tbs


class ChildcareAtHalf(Reform):  # type: ignore[misc]
    """The reform `childcare-50-percent`, as OpenFisca writes a reform."""

    def apply(self) -> None:
        def modify(parameters: Any) -> Any:
            parameters.rate.update(start=periods.instant("2025-01-01"), value=0.5)
            return parameters

        self.modify_parameters(modifier_function=modify)


def total_net(tbs: TaxBenefitSystem, columns: dict[str, Any], first: date, last: date) -> Any:
    """Every person's payments summed over the months from `first` to `last` (tenge, float)."""
    n = len(columns["insured"])
    simulation = SimulationBuilder().build_default_simulation(tbs, count=n)
    for name, values in columns.items():
        simulation.set_input(name, "eternity", values)
    total = np.zeros(n, dtype=np.float64)
    month = periods.period(f"month:{first.year}-{first.month:02d}")
    while month.start.date <= last:
        for payment in PAYMENTS:
            total += simulation.calculate(payment, month)
        month = month.offset(1)
    return total
