"""The results of a simulation: national cost against the baseline, winners and losers, and who.

`report` scales the summed tiyn of `Totals` to national tenge (by the persons' weight) and lays
them out as one document; `format_text` prints it as tables, `to_json` gives it as JSON and
`write_charts` draws SVG bar charts (`kopir.svg_charts`, the pages' own drawer: no plotting library).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kopir.microsim.reforms import Reform
from kopir.microsim.simulate import GROUP_COLUMNS, Totals
from kopir.reference import region_by_iso
from kopir.rules import formats
from kopir.rules.i18n import N_, render, translations
from kopir.rules.law import Language
from kopir.svg_charts import Bar, bar_chart

if TYPE_CHECKING:
    from kopir.microsim.uncertainty import CostRange

BILLION = 1e9


def _tenge(tiyn: float, weight: float) -> float:
    return tiyn * weight / 100


def cost_rows(totals: Totals) -> list[dict[str, Any]]:
    """Each payment and calendar year: baseline, reform and change in national tenge."""
    rows = []
    for payment in sorted(set(totals.baseline) | set(totals.reform), key=_payment_order):
        base, reformed = totals.baseline.get(payment, {}), totals.reform.get(payment, {})
        for year in sorted(set(base) | set(reformed)):
            b = _tenge(base.get(year, 0), totals.weight)
            r = _tenge(reformed.get(year, 0), totals.weight)
            rows.append({"payment": payment, "year": year, "baseline": b, "reform": r, "change": r - b})
    return rows


def _payment_order(payment: str) -> tuple[int, str]:
    order = ("birth_allowance", "maternity", "childcare_gfss", "childcare_allowance")
    return (order.index(payment) if payment in order else len(order), payment)


def _label(dimension: str, key: int, regions: tuple[str, ...]) -> str | int:
    if dimension == "region":
        return regions[key]
    return "uninsured" if dimension == "income_decile" and key == 0 else key


def _groups(totals: Totals, regions: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    for dimension, rows in totals.groups.items():
        result[dimension] = []
        for key in sorted(rows):
            values = dict(zip(GROUP_COLUMNS, rows[key], strict=True))
            persons = values["persons"]
            label = _label(dimension, key, regions)
            result[dimension].append(
                {
                    "group": label,
                    "births": persons * totals.weight,
                    "average_baseline": values["baseline"] / persons / 100,
                    "average_reform": values["reform"] / persons / 100,
                    "average_change": (values["reform"] - values["baseline"]) / persons / 100,
                    "winners_share": values["winners"] / persons,
                    "losers_share": values["losers"] / persons,
                }
            )
    return result


def _winners(totals: Totals) -> dict[str, float]:
    rows = totals.groups["region"].values()
    winners = sum(r[3] for r in rows)
    losers = sum(r[4] for r in rows)
    gains = sum(r[5] for r in rows)
    losses = sum(r[6] for r in rows)
    return {
        "winners": winners * totals.weight,
        "losers": losers * totals.weight,
        "unchanged": (totals.persons - winners - losers) * totals.weight,
        "average_gain": gains / winners / 100 if winners else 0.0,
        "average_loss": losses / losers / 100 if losers else 0.0,
    }


def report(
    totals: Totals, reform: Reform, regions: tuple[str, ...], *, seed: int, uncertainty: CostRange | None = None
) -> dict[str, Any]:
    """The whole result as plain data (tenge, national scale); with `uncertainty`, the cost's range too."""
    costs = cost_rows(totals)
    baseline = sum(r["baseline"] for r in costs)
    reformed = sum(r["reform"] for r in costs)
    figures = {key: _tenge(value, totals.weight) for key, value in totals.figures.items()}
    fund = [f for f in reform.formulas if f.NAME == "employer_fund"]
    if fund:
        reimbursed = sum(r["reform"] for r in costs if r["payment"] == "employer_fund")
        figures["employer_fund.levy_rate"] = reimbursed / fund[0].payroll_tenge  # type: ignore[union-attr]
    document = {
        "reform": {"id": reform.id, "title": dict(reform.title), "description": dict(reform.description)},
        "persons_simulated": totals.persons,
        "births_represented": totals.persons * totals.weight,
        "seed": seed,
        "total": {"baseline": baseline, "reform": reformed, "change": reformed - baseline},
        "cost_by_payment_and_year": costs,
        "recipients": {
            payment: {"baseline": counts[0] * totals.weight, "reform": counts[1] * totals.weight}
            for payment, counts in totals.recipients.items()
        },
        "winners_and_losers": _winners(totals),
        "by": _groups(totals, regions),
        "figures": figures,
    }
    if uncertainty is not None:
        document["uncertainty"] = uncertainty.document()
    return document


LABELS = {
    "summary": N_(
        "%(persons)s persons simulated for %(births)s births of a year; seed %(seed)s. Amounts in billion tenge."
    ),
    "payment": N_("Payment"),
    "year": N_("Year"),
    "baseline": N_("Today's law"),
    "reform": N_("With the reform"),
    "change": N_("Change"),
    "all": N_("All payments"),
    "winners": N_("%(count)s families gain, %(amount)s tenge each on average."),
    "losers": N_("%(count)s families lose, %(amount)s tenge each on average."),
    "unchanged": N_("%(count)s families see no change."),
    "group": N_("Group"),
    "births": N_("Births"),
    "average_baseline": N_("Average today, tenge"),
    "average_reform": N_("Average with the reform, tenge"),
    "average_change": N_("Change, tenge"),
    "gain": N_("Gain"),
    "lose": N_("Lose"),
    "billion": N_("%(amount)s billion tenge"),
    "range": N_("%(level)s range"),
    "range_heading": N_("Net change in cost and its range, billion tenge"),
    "range_draws": N_("Draws of the population and of the calibration within its tolerances: %(draws)s."),
    "range_line": N_("Line: the %(level)s range over the draws"),
}
NAMES = {
    "birth_allowance": N_("One-time allowance at the birth of a child"),
    "maternity": N_("Maternity payment"),
    "childcare_gfss": N_("Monthly childcare payment (social insurance)"),
    "childcare_allowance": N_("Monthly state childcare allowance"),
    "phased_return": N_("Phased-return benefit"),
    "employer_fund": N_("Employer compensation fund (reimbursed top-ups)"),
    "nursery_subsidy": N_("Nursery place subsidy"),
    "income_decile": N_("By income decile of insured mothers"),
    "region": N_("By region"),
    "birth_order": N_("By birth order"),
    "uninsured": N_("Not insured"),
    "employer_fund.top_ups": N_("Employers' top-ups of the maternity payment"),
    "employer_fund.levy_rate": N_("Payroll levy that covers the reimbursements"),
    "nursery_subsidy.deadweight_cost": N_("Deadweight: subsidy for places that would have been used anyway"),
}


def _number(value: float, lang: Language) -> str:
    return formats.number(value, lang, 0)


def billions(amount: float, lang: Language) -> str:
    """An amount in tenge as billions with two decimals (41.36 in en, 41,36 in kk and ru): tables and pages."""
    return formats.number(amount / BILLION, lang, 2, exact=True)


def _table(rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell: the first left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]


def _group_name(dimension: str, group: str | int, lang: Language) -> str:
    if dimension == "region":
        return str(getattr(region_by_iso(str(group)).name, lang))
    return render(NAMES["uninsured"], {}, lang) if group == "uninsured" else str(group)


def format_text(document: dict[str, Any], lang: Language = "en") -> str:
    """The result as text tables in `lang`: amounts in billion tenge, averages in tenge per birth."""
    tr = translations(lang).gettext
    reform = document["reform"]
    lines = [
        f"{reform['title'][lang]} ({reform['id']})",
        tr(LABELS["summary"])
        % {
            "persons": _number(document["persons_simulated"], lang),
            "births": _number(document["births_represented"], lang),
            "seed": document["seed"],
        },
        "",
    ]
    rows = [[tr(LABELS[k]) for k in ("payment", "year", "baseline", "reform", "change")]]
    rows += [
        [
            tr(NAMES[r["payment"]]),
            str(r["year"]),
            billions(r["baseline"], lang),
            billions(r["reform"], lang),
            billions(r["change"], lang),
        ]
        for r in document["cost_by_payment_and_year"]
    ]
    total = document["total"]
    rows.append(
        [
            tr(LABELS["all"]),
            "",
            billions(total["baseline"], lang),
            billions(total["reform"], lang),
            billions(total["change"], lang),
        ]
    )
    lines += [*_table(rows), ""]
    if "uncertainty" in document:
        lines += [*_range_tables(document, lang), ""]
    w = document["winners_and_losers"]
    lines += [
        tr(LABELS["winners"]) % {"count": _number(w["winners"], lang), "amount": _number(w["average_gain"], lang)},
        tr(LABELS["losers"]) % {"count": _number(w["losers"], lang), "amount": _number(w["average_loss"], lang)},
        tr(LABELS["unchanged"]) % {"count": _number(w["unchanged"], lang)},
    ]
    for key, value in document["figures"].items():
        shown = (
            formats.percent(value, lang, 4, exact=True)
            if key.endswith("levy_rate")
            else tr(LABELS["billion"]) % {"amount": billions(value, lang)}
        )
        lines.append(f"{tr(NAMES[key])}: {shown}")
    for dimension, groups in document["by"].items():
        heading = ["group", "births", "average_baseline", "average_reform", "average_change", "gain", "lose"]
        rows = [[tr(LABELS[k]) for k in heading]]
        rows += [
            [
                _group_name(dimension, r["group"], lang),
                _number(r["births"], lang),
                _number(r["average_baseline"], lang),
                _number(r["average_reform"], lang),
                _number(r["average_change"], lang),
                formats.percent(r["winners_share"], lang, 1, exact=True),
                formats.percent(r["losers_share"], lang, 1, exact=True),
            ]
            for r in groups
        ]
        lines += ["", tr(NAMES[dimension]), *_table(rows)]
    return "\n".join(lines)


def sums_by(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """The rows of `cost_rows` summed by "year" or by "payment" (national tenge), in the order they come."""
    sums: dict[Any, dict[str, float]] = {}
    for row in rows:
        summed = sums.setdefault(row[key], {"baseline": 0.0, "reform": 0.0, "change": 0.0})
        for figure in summed:
            summed[figure] += row[figure]
    return [{key: name, **figures} for name, figures in sums.items()]


def changes_by(rows: list[dict[str, Any]], key: str) -> dict[Any, float]:
    """The net change in cost of `sums_by`, by year or by payment."""
    return {row[key]: row["change"] for row in sums_by(rows, key)}


def _range_tables(document: dict[str, Any], lang: Language) -> list[str]:
    """The net change by year and by payment beside its range (columns: what, change, the range)."""
    tr = translations(lang).gettext
    spread = document["uncertainty"]
    level = formats.percent(spread["level"], lang, 0)
    bands = spread["cost"]

    def cell(band: dict[str, float]) -> str:
        return f"{billions(band['low'], lang)} – {billions(band['high'], lang)}"

    heading = [tr(LABELS["change"]), tr(LABELS["range"]) % {"level": level}]
    by_year = [[tr(LABELS["year"]), *heading]]
    by_year += [
        [str(year), billions(change, lang), cell(bands["by_year"][str(year)])]
        for year, change in sorted(changes_by(document["cost_by_payment_and_year"], "year").items())
        if str(year) in bands["by_year"]
    ]
    by_year.append([tr(LABELS["all"]), billions(document["total"]["change"], lang), cell(bands["total"])])
    by_payment = [[tr(LABELS["payment"]), *heading]]
    by_payment += [
        [tr(NAMES[payment]), billions(change, lang), cell(bands["by_payment"][payment])]
        for payment, change in changes_by(document["cost_by_payment_and_year"], "payment").items()
        if payment in bands["by_payment"]
    ]
    return [
        tr(LABELS["range_heading"]),
        tr(LABELS["range_draws"]) % {"draws": _number(spread["draws"], lang)},
        *_table(by_year),
        "",
        *_table(by_payment),
    ]


CHART_TITLES = {
    "payment": N_("Change in cost by payment"),
    "income_decile": N_("Average change per birth by income decile of insured mothers"),
    "region": N_("Average change per birth by region"),
    "birth_order": N_("Average change per birth by birth order"),
}


def write_charts(document: dict[str, Any], directory: Path, lang: Language = "en") -> list[Path]:
    """SVG charts of the change in cost by payment and the average change by group, all words and numbers in `lang`.

    Drawn by `kopir.svg_charts`, as the costing page draws its own; a file has no page around it, so each
    chart shows its title and sizes itself. A payment's range that is one value (no draw changed it) is no line.
    """
    tr = translations(lang).gettext
    directory.mkdir(parents=True, exist_ok=True)
    by_payment = changes_by(document["cost_by_payment_and_year"], "payment")
    spread = document.get("uncertainty")
    bands = spread["cost"]["by_payment"] if spread else {}
    in_billions = [
        Bar(
            tr(NAMES[payment]),
            (change / BILLION,),
            (_billions_range(bands.get(payment)),),
        )
        for payment, change in by_payment.items()
    ]
    note = tr(LABELS["range_line"]) % {"level": formats.percent(spread["level"], lang, 0)} if spread else ""
    charts = {
        "cost-change-by-payment.svg": bar_chart(
            tr(CHART_TITLES["payment"]),
            in_billions,
            [tr(CHART_TITLES["payment"])],
            lambda value: tr(LABELS["billion"]) % {"amount": formats.number(value, lang, 1)},
            note=note,
            standalone=True,
        )
    }
    for dimension, rows in document["by"].items():
        groups = [Bar(_group_name(dimension, r["group"], lang), (r["average_change"],)) for r in rows]
        charts[f"average-change-by-{dimension.replace('_', '-')}.svg"] = bar_chart(
            tr(CHART_TITLES[dimension]),
            groups,
            [tr(CHART_TITLES[dimension])],
            lambda value: f"{formats.number(value, lang, 1)} {tr('tenge')}",
            standalone=True,
        )
    written = []
    for name, svg in charts.items():
        path = directory / name
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    return written


def _billions_range(band: dict[str, float] | None) -> tuple[float, float] | None:
    """A range in billions, or None when there is none or it is one value."""
    if band is None or not band["high"] > band["low"]:
        return None
    return (band["low"] / BILLION, band["high"] / BILLION)
