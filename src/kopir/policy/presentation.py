"""The stored report, laid out for the page in its language: names of payments, groups and figures."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kopir.interface.payment_names import PAYMENT_TITLES
from kopir.reference import region_by_iso

NEW_PAYMENTS = {
    "phased_return": _("Phased-return benefit"),
    "employer_fund": _("Employer compensation fund (reimbursed top-ups)"),
    "nursery_subsidy": _("Nursery place subsidy"),
}
DIMENSIONS = {
    "income_decile": _("By income decile of insured mothers"),
    "region": _("By region"),
    "birth_order": _("By birth order"),
}
FIGURES = {
    "employer_fund.top_ups": _("Employers' top-ups of the maternity payment"),
    "employer_fund.levy_rate": _("Payroll levy that covers the reimbursements"),
    "nursery_subsidy.deadweight_cost": _("Deadweight: subsidy for places that would have been used anyway"),
}
UNINSURED = _("Not insured")


def payment_name(payment: str) -> str:
    return str(PAYMENT_TITLES.get(payment) or NEW_PAYMENTS[payment])


def group_name(dimension: str, group: str | int, language: str) -> str:
    if dimension == "region":
        return str(getattr(region_by_iso(str(group)).name, language))
    if group == "uninsured":
        return str(UNINSURED)
    return str(group)


def page_rows(document: dict[str, Any], language: str) -> dict[str, Any]:
    """What the result page shows, with every label in `language`."""
    costs = [{**row, "name": payment_name(row["payment"])} for row in document["cost_by_payment_and_year"]]
    groups = [
        {
            "title": str(DIMENSIONS[dimension]),
            "rows": [{**row, "name": group_name(dimension, row["group"], language)} for row in rows],
        }
        for dimension, rows in document["by"].items()
    ]
    figures = [
        {"name": str(FIGURES[key]), "value": value, "is_rate": key.endswith("levy_rate")}
        for key, value in document["figures"].items()
    ]
    return {
        "title": document["reform"]["title"][language],
        "description": document["reform"]["description"][language],
        "costs": costs,
        "groups": groups,
        "figures": figures,
    }
