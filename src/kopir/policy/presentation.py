"""The stored report, laid out for the page in its language: names of payments, groups and figures,
the cost by year and by payment (with its range when the run computed one) and the charts.

Every table here is also what a chart draws, so the table beside a chart is its text alternative,
and the downloads (`kopir.policy.exports`) write the same rows.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopir.interface.payment_names import PAYMENT_TITLES
from kopir.microsim.results import BILLION, sums_by
from kopir.reference import region_by_iso
from kopir.rules import formats
from kopir.rules.law import Language
from kopir.svg_charts import Bar, bar_chart, share_chart

NEW_PAYMENTS = {
    "phased_return": gettext_lazy("Phased-return benefit"),
    "employer_fund": gettext_lazy("Employer compensation fund (reimbursed top-ups)"),
    "nursery_subsidy": gettext_lazy("Nursery place subsidy"),
}
DIMENSIONS = {
    "income_decile": gettext_lazy("By income decile of insured mothers"),
    "region": gettext_lazy("By region"),
    "birth_order": gettext_lazy("By birth order"),
}
FIGURES = {
    "employer_fund.top_ups": gettext_lazy("Employers' top-ups of the maternity payment"),
    "employer_fund.levy_rate": gettext_lazy("Payroll levy that covers the reimbursements"),
    "nursery_subsidy.deadweight_cost": gettext_lazy("Deadweight: subsidy for places that would have been used anyway"),
}
UNINSURED = gettext_lazy("Not insured")
Range = dict[str, float] | None


def payment_name(payment: str) -> str:
    return str(PAYMENT_TITLES.get(payment) or NEW_PAYMENTS[payment])


def group_name(dimension: str, group: str | int, language: str) -> str:
    if dimension == "region":
        return str(getattr(region_by_iso(str(group)).name, language))
    if group == "uninsured":
        return str(UNINSURED)
    return str(group)


def share(value: float, language: Language) -> str:
    return formats.percent(value, language, 1, exact=True)


def uncertainty_of(document: dict[str, Any]) -> dict[str, Any] | None:
    """The run's range of the cost (helper "uncertainty", decision 0032), or None when none was computed."""
    found = document.get("uncertainty")
    if not isinstance(found, dict) or not isinstance(found.get("cost"), dict):
        return None
    numbers = isinstance(found.get("level"), float | int) and isinstance(found.get("draws"), int)
    return found if numbers else None


def _range(uncertainty: dict[str, Any] | None, part: str, key: str | int | None = None) -> Range:
    if uncertainty is None:
        return None
    found = uncertainty["cost"].get(part)
    if key is not None:
        found = found.get(str(key)) if isinstance(found, dict) else None
    return found if isinstance(found, dict) and {"low", "high"} <= set(found) else None


def cost_tables(document: dict[str, Any]) -> dict[str, Any]:
    """The cost by year, by payment and in all, each row with its range (None when the run has none)."""
    uncertainty = uncertainty_of(document)
    rows = document["cost_by_payment_and_year"]
    years = [{**row, "range": _range(uncertainty, "by_year", row["year"])} for row in sums_by(rows, "year")]
    payments = [
        {**row, "name": payment_name(row["payment"]), "range": _range(uncertainty, "by_payment", row["payment"])}
        for row in sums_by(rows, "payment")
    ]
    total = {**document["total"], "range": _range(uncertainty, "total")}
    return {"years": sorted(years, key=lambda row: row["year"]), "payments": payments, "total": total}


def range_heading(document: dict[str, Any], language: Language) -> str | None:
    """The heading of the range column ("90% range"), or None when the run has no range."""
    uncertainty = uncertainty_of(document)
    if uncertainty is None:
        return None
    return _("%(level)s range") % {"level": formats.percent(uncertainty["level"], language, 0)}


def billions_range(found: Range) -> tuple[float, float] | None:
    """A row's range in billions of tenge, as the charts draw it (None when the row has none)."""
    return None if found is None else (found["low"] / BILLION, found["high"] / BILLION)


def cost_chart(years: list[dict[str, Any]], language: Language) -> SafeString:
    """The change in cost by year in billion tenge, each with its error bar when there is a range."""
    bars = [Bar(str(row["year"]), (row["change"] / BILLION,), (billions_range(row["range"]),)) for row in years]
    title = _("Change in cost by year, billion tenge")
    chart = bar_chart(title, bars, [title], lambda value: formats.number(value, language, 1))
    return mark_safe(chart)  # noqa: S308 - kopir.svg_charts escapes every text


def group_chart(title: str, rows: list[dict[str, Any]], language: Language) -> SafeString:
    """In each group, the shares of families paid more, paid the same and paid less (winners and losers)."""
    shares = [
        (row["name"], (row["winners_share"], 1 - row["winners_share"] - row["losers_share"], row["losers_share"]))
        for row in rows
    ]
    series = [_("Paid more"), _("Paid the same"), _("Paid less")]
    chart = share_chart(title, shares, series, lambda value: share(value, language))
    return mark_safe(chart)  # noqa: S308 - kopir.svg_charts escapes every text


def page_rows(document: dict[str, Any], language: Language) -> dict[str, Any]:
    """What the result page shows, with every label in `language`."""
    costs = [{**row, "name": payment_name(row["payment"])} for row in document["cost_by_payment_and_year"]]
    groups = []
    for dimension in (d for d in DIMENSIONS if d in document["by"]):  # jsonb (PostgreSQL) keeps no key order
        title, rows = str(DIMENSIONS[dimension]), document["by"][dimension]
        named = [{**row, "name": group_name(dimension, row["group"], language)} for row in rows]
        groups.append(
            {"dimension": dimension, "title": title, "rows": named, "chart": group_chart(title, named, language)}
        )
    figures = [
        {"name": str(FIGURES[key]), "value": value, "is_rate": key.endswith("levy_rate")}
        for key, value in document["figures"].items()
    ]
    tables = cost_tables(document)
    return {
        "title": document["reform"]["title"][language],
        "description": document["reform"].get("description", {}).get(language, ""),
        "costs": costs,
        **tables,
        "range_heading": range_heading(document, language),
        "draws": (uncertainty_of(document) or {}).get("draws"),
        "cost_chart": cost_chart(tables["years"], language),
        "groups": groups,
        "figures": figures,
    }
