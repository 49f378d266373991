"""The results of a simulation: national cost against the baseline, winners and losers, and who.

`report` scales the summed tiyn of `Totals` to national tenge (by the persons' weight) and lays
them out as one document; `format_text` prints it as tables, `to_json` gives it as JSON and
`write_charts` draws SVG bar charts (no plotting library: a few rectangles and labels).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from kopir.microsim.reforms import Reform
from kopir.microsim.simulate import GROUP_COLUMNS, Totals

BILLION = 1e9


def _tenge(tiyn: float, weight: float) -> float:
    return tiyn * weight / 100


def _cost_rows(totals: Totals) -> list[dict[str, Any]]:
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


def report(totals: Totals, reform: Reform, regions: tuple[str, ...], *, seed: int) -> dict[str, Any]:
    """The whole result as plain data (tenge, national scale)."""
    costs = _cost_rows(totals)
    baseline = sum(r["baseline"] for r in costs)
    reformed = sum(r["reform"] for r in costs)
    figures = {key: _tenge(value, totals.weight) for key, value in totals.figures.items()}
    fund = [f for f in reform.formulas if f.NAME == "employer_fund"]
    if fund:
        reimbursed = sum(r["reform"] for r in costs if r["payment"] == "employer_fund")
        figures["employer_fund.levy_rate"] = reimbursed / fund[0].payroll_tenge  # type: ignore[union-attr]
    return {
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


def _bn(value: float) -> str:
    return f"{value / BILLION:,.2f}"


def format_text(document: dict[str, Any]) -> str:
    """The result as text tables: amounts in billion tenge, averages in tenge per birth."""
    reform = document["reform"]
    lines = [
        f"{reform['title']['en']} ({reform['id']})",
        (
            f"{document['persons_simulated']:,} persons simulated for {document['births_represented']:,.0f} births; "
            f"seed {document['seed']}"
        ),
        "",
        f"{'payment':28} {'year':>4} {'baseline bn':>12} {'reform bn':>12} {'change bn':>12}",
    ]
    lines += [
        f"{r['payment']:28} {r['year']:>4} {_bn(r['baseline']):>12} {_bn(r['reform']):>12} {_bn(r['change']):>12}"
        for r in document["cost_by_payment_and_year"]
    ]
    total = document["total"]
    lines.append(
        f"{'all payments':33} {_bn(total['baseline']):>12} {_bn(total['reform']):>12} {_bn(total['change']):>12}"
    )
    w = document["winners_and_losers"]
    lines += [
        "",
        (
            f"winners {w['winners']:,.0f} (average gain {w['average_gain']:,.0f} tenge), "
            f"losers {w['losers']:,.0f} (average loss {w['average_loss']:,.0f} tenge), unchanged {w['unchanged']:,.0f}"
        ),
    ]
    for key, value in document["figures"].items():
        shown = f"{value:.4%}" if key.endswith("levy_rate") else f"{_bn(value)} bn tenge"
        lines.append(f"{key}: {shown}")
    for dimension, rows in document["by"].items():
        lines += [
            "",
            f"{dimension:14} {'births':>9} {'baseline':>12} {'reform':>12} {'change':>10} {'winners':>8} {'losers':>6}",
        ]
        lines += [
            f"{r['group']!s:14} {r['births']:>10,.0f} {r['average_baseline']:>12,.0f} {r['average_reform']:>12,.0f} "
            f"{r['average_change']:>10,.0f} {r['winners_share']:>8.1%} {r['losers_share']:>7.1%}"
            for r in rows
        ]
    return "\n".join(lines)


def _bar_chart(title: str, labels: list[str], values: list[float], unit: str) -> str:
    """A horizontal bar chart as SVG; negative values go left of the axis."""
    row, left, width = 22, 160, 420
    height = 40 + row * len(values)
    top = max((abs(v) for v in values), default=1.0) or 1.0
    negative = any(v < 0 for v in values)
    zero = left + (width // 2 if negative else 0)
    scale = (width // 2 if negative else width) / top
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 120}" height="{height}" '
            'font-family="sans-serif" font-size="12">'
        ),
        f'<text x="8" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{zero}" y1="28" x2="{zero}" y2="{height - 6}" stroke="#555"/>',
    ]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 32 + index * row
        length = abs(value) * scale
        x = zero - length if value < 0 else zero
        colour = "#b3261e" if value < 0 else "#1b5e8c"
        parts += [
            f'<text x="8" y="{y + 14}">{escape(label)}</text>',
            f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{row - 6}" fill="{colour}"/>',
            f'<text x="{left + width + 6}" y="{y + 14}">{value:,.1f} {escape(unit)}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def write_charts(document: dict[str, Any], directory: Path) -> list[Path]:
    """SVG charts of the change in cost by payment and the average change by group."""
    directory.mkdir(parents=True, exist_ok=True)
    by_payment: dict[str, float] = {}
    for row in document["cost_by_payment_and_year"]:
        by_payment[row["payment"]] = by_payment.get(row["payment"], 0.0) + row["change"]
    charts = {
        "cost-change-by-payment.svg": _bar_chart(
            "Change in cost by payment", list(by_payment), [v / BILLION for v in by_payment.values()], "bn tenge"
        )
    }
    for dimension, rows in document["by"].items():
        charts[f"average-change-by-{dimension.replace('_', '-')}.svg"] = _bar_chart(
            f"Average change per birth by {dimension.replace('_', ' ')}",
            [str(r["group"]) for r in rows],
            [r["average_change"] for r in rows],
            "tenge",
        )
    written = []
    for name, svg in charts.items():
        path = directory / name
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    return written
