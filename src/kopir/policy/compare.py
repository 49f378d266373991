"""Two finished runs side by side: what each reform is, what it costs, and who gains or loses.

The runs are compared as their stored documents, so two runs of one reform with other seeds or sizes
compare as well as two reforms (the sampling noise between them shows). A year, payment or group that
only one run has shows a dash for the other, never a zero it did not compute.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kopir.microsim.results import BILLION
from kopir.policy.presentation import DIMENSIONS, billions_range, cost_tables, group_name, range_heading
from kopir.rules import formats
from kopir.rules.law import Language
from kopir.svg_charts import Bar, bar_chart


def _side(rows: list[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in rows}


def _year_chart(years: list[dict[str, Any]], series: list[str], language: Language) -> SafeString:
    bars = [
        Bar(
            str(row["year"]),
            tuple(None if side is None else side["change"] / BILLION for side in row["sides"]),
            tuple(billions_range((side or {}).get("range")) for side in row["sides"]),
        )
        for row in years
    ]
    title = _("Change in cost by year, billion tenge")
    chart = bar_chart(title, bars, series, lambda value: formats.number(value, language, 1))
    return mark_safe(chart)  # noqa: S308 - kopir.svg_charts escapes every text


def _group_chart(title: str, rows: list[dict[str, Any]], series: list[str], language: Language) -> SafeString:
    bars = [
        Bar(row["name"], tuple(None if side is None else side.get("average_change") for side in row["sides"]))
        for row in rows
    ]
    chart_title = _("%(dimension)s: average change per birth, tenge") % {"dimension": title}
    chart = bar_chart(chart_title, bars, series, lambda value: formats.number(value, language, 0))
    return mark_safe(chart)  # noqa: S308 - kopir.svg_charts escapes every text


def _groups(documents: list[dict[str, Any]], series: list[str], language: Language) -> list[dict[str, Any]]:
    groups = []
    for dimension, title in DIMENSIONS.items():
        sides = [_side(document["by"].get(dimension, []), "group") for document in documents]
        keys = list(dict.fromkeys(key for side in sides for key in side))
        rows = [
            {"name": group_name(dimension, key, language), "sides": [side.get(key) for side in sides]} for key in keys
        ]
        if rows:
            groups.append(
                {"title": str(title), "rows": rows, "chart": _group_chart(str(title), rows, series, language)}
            )
    return groups


def comparison(documents: list[dict[str, Any]], series: list[str], language: Language) -> dict[str, Any]:
    """The two documents' costs, winners and losers and groups, row by row; `series` names each run."""
    tables = [cost_tables(document) for document in documents]
    by_year = [_side(table["years"], "year") for table in tables]
    years = [
        {"year": year, "sides": [side.get(year) for side in by_year]}
        for year in sorted({year for side in by_year for year in side})
    ]
    by_payment = [_side(table["payments"], "payment") for table in tables]
    payments = [
        {
            "name": next(side[p]["name"] for side in by_payment if p in side),
            "sides": [side.get(p) for side in by_payment],
        }
        for p in dict.fromkeys(p for side in by_payment for p in side)
    ]
    return {
        "totals": [table["total"] for table in tables],
        "range_headings": [range_heading(document, language) for document in documents],
        "years": years,
        "payments": payments,
        "winners": [document["winners_and_losers"] for document in documents],
        "year_chart": _year_chart(years, series, language),
        "groups": _groups(documents, series, language),
    }
