"""Her income month by month across the leave: the figures of the chart and of the table beside it.

The lump sums fall in the month they are expected (the maternity payment when the timeline says it
arrives, the birth allowance in the month of the birth), the monthly payments in their schedule's
months. The chart is an SVG drawn on the server (no script) from the same rows as the table, so a
screen reader and a printer get the same figures as the eye.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from kopir.rules.months import add_months

WIDTH = 720
HEIGHT = 240
AXIS = 30  # room for the month labels below the bars
LABEL_EVERY = 3  # a month label under every third bar keeps them from overlapping


@dataclass(frozen=True)
class MonthRow:
    """One month: what arrives that month, in tenge, and the bar drawn for it."""

    month: str
    lump_sum: Decimal
    monthly: Decimal
    x: float = 0
    width: float = 0
    y: float = 0
    height: float = 0
    labelled: bool = False

    @property
    def total(self) -> Decimal:
        return self.lump_sum + self.monthly


def _month(day: str) -> str:
    return day[:7]


def _lump_sums(result: dict[str, Any]) -> dict[str, Decimal]:
    marks = {mark["id"]: mark["date"] for mark in result["timeline"]}
    leave = result["leave"]
    birth = leave.get("birth_date") or leave.get("expected_birth") or marks.get("expected_birth")
    paid_in = {
        "maternity": marks.get("maternity_payment_expected") or leave.get("start"),
        "birth_allowance": birth,
    }
    sums: dict[str, Decimal] = {}
    for payment in result["payments"]:
        when = paid_in.get(payment["id"])
        if payment["eligible"] and when:
            amount = Decimal(payment.get("net") or payment.get("amount") or 0)
            sums[_month(when)] = sums.get(_month(when), Decimal(0)) + amount
    return sums


def _monthly(result: dict[str, Any]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for payment in result["payments"]:
        for row in payment.get("schedule") or []:
            sums[row["month"]] = sums.get(row["month"], Decimal(0)) + Decimal(row["net"])
    return sums


def income_by_month(result: dict[str, Any]) -> list[MonthRow]:
    """Every month from the first payment to the last, empty months included, with its bar placed."""
    lump_sums, monthly = _lump_sums(result), _monthly(result)
    months = sorted(set(lump_sums) | set(monthly))
    if not months:
        return []
    first, last = date.fromisoformat(f"{months[0]}-01"), date.fromisoformat(f"{months[-1]}-01")
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    keys = [add_months(first, index).isoformat()[:7] for index in range(count)]
    top = max(lump_sums.get(key, Decimal(0)) + monthly.get(key, Decimal(0)) for key in keys) or Decimal(1)
    slot = WIDTH / count
    rows = []
    for index, key in enumerate(keys):
        lump, regular = lump_sums.get(key, Decimal(0)), monthly.get(key, Decimal(0))
        height = float((lump + regular) / top) * (HEIGHT - AXIS - 10)
        rows.append(
            MonthRow(
                month=key,
                lump_sum=lump,
                monthly=regular,
                x=round(index * slot + slot * 0.1, 1),
                width=round(slot * 0.8, 1),
                y=round(HEIGHT - AXIS - height, 1),
                height=round(height, 1),
                labelled=index % LABEL_EVERY == 0,
            )
        )
    return rows
