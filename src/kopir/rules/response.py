"""Rendering a `Calculation` as the contract-v1 response document, in one language.

Money is `Decimal` tenge (whole tenge without decimals, otherwise two); the command line and
the API serialise it as JSON numbers without passing through binary floats.
"""

from __future__ import annotations

from typing import Any

from kopir.rules.calculation import GETS_GFSS, Calculation
from kopir.rules.explanation import Message, Step
from kopir.rules.i18n import render
from kopir.rules.law import Language
from kopir.rules.money import tenge
from kopir.rules.months import month_label
from kopir.rules.payments.childcare_allowance import MonthlySchedule
from kopir.rules.payments.childcare_gfss import ADOPTED_TOO_LATE
from kopir.rules.timeline import LABELS


def _text(message: Message, lang: Language) -> str:
    return render(message.msgid, message.params, lang)


def _reason(payment: dict[str, Any], eligible: bool, msgid: str | None, params: Any, lang: Language) -> None:
    if not eligible and msgid:
        payment["reason"] = render(msgid, dict(params), lang)


def _schedule(schedule: MonthlySchedule | None) -> list[dict[str, Any]]:
    if schedule is None:
        return []
    return [{"month": month_label(m), "net": tenge(t)} for m, t in zip(schedule.months, schedule.totals(), strict=True)]


def _leave(calc: Calculation) -> dict[str, Any]:
    leave = calc.leave
    result: dict[str, Any] = {
        "start": leave.start.isoformat(),
        "end": leave.end.isoformat(),
        "days": leave.days,
    }
    if leave.before_birth is not None:
        result |= {"before_birth": leave.before_birth, "after_birth": leave.after_birth}
    if leave.expected_birth is not None:
        result["expected_birth"] = leave.expected_birth.isoformat()
    result["derived"] = list(leave.derived)
    return result


def _maternity(calc: Calculation, lang: Language) -> dict[str, Any]:
    m = calc.maternity
    payment = {
        "id": "maternity",
        "payer": "gfss",
        "eligible": m.eligible,
        "days": m.days,
        "average_income": tenge(m.average_income),
        "gross": tenge(m.gross),
        "pension_contribution": tenge(m.pension_contribution),
        "net": tenge(m.net),
    }
    _reason(payment, m.eligible, m.reason, m.reason_params, lang)
    return payment


def _childcare_gfss(calc: Calculation, lang: Language) -> dict[str, Any]:
    c = calc.childcare
    first_gross = c.gross[0][0] if c.gross else 0
    first_pension = c.pension[0][0] if c.pension else 0
    payment = {
        "id": "childcare_gfss",
        "payer": "gfss",
        "eligible": c.eligible,
        "children": len(calc.orders),
        "average_income": tenge(c.average.amount if c.average else 0),
        "monthly_gross": tenge(first_gross),
        "monthly_pension_contribution": tenge(first_pension),
        "monthly_net": tenge(first_gross - first_pension),
        "months": len(c.schedule.months) if c.schedule else 0,
        "schedule": _schedule(c.schedule),
    }
    _reason(payment, c.eligible, c.reason, c.reason_params, lang)
    return payment


def _childcare_allowance(calc: Calculation, lang: Language) -> dict[str, Any]:
    schedule = calc.allowance
    first = schedule.per_child[0] if schedule.per_child else (0,)
    eligible = calc.allowance_paid
    payment = {
        "id": "childcare_allowance",
        "payer": "state_budget",
        "eligible": eligible,
        "children": len(calc.orders),
        "monthly": tenge(first[0]),
        "per_child_monthly": [tenge(a) for a in first],
        "months": len(schedule.months) if eligible else 0,
        "schedule": _schedule(schedule) if eligible else [],
    }
    _reason(payment, eligible, GETS_GFSS if calc.childcare.eligible else ADOPTED_TOO_LATE, (), lang)
    return payment


def _birth_allowance(calc: Calculation) -> dict[str, Any]:
    allowance = calc.birth_allowance
    return {
        "id": "birth_allowance",
        "payer": "state_budget",
        "eligible": True,
        "children": len(calc.orders),
        "amount": tenge(allowance.amount),
        "per_child": [tenge(a) for a in allowance.per_child],
    }


def _explanation(step: Step, lang: Language) -> dict[str, Any]:
    """One step as the contract shows it; what it shows of a read value is built once per value (`DatedValue`)."""
    item: dict[str, Any] = {"payment": step.payment, "text": render(step.msgid, step.params, lang)}
    reading = step.reading
    if reading is not None:
        entry = reading.entry
        item["parameter"] = reading.parameter.path
        item["value"] = step.value if step.value is not None else entry.value
        item["source"] = list(entry.sources)
        item["effective_from"] = entry.since_iso
    basis = step.legal_basis(lang)
    if basis is not None:
        item["legal_basis"], item["legal_href"] = basis
    return item


def render_response(calc: Calculation, lang: Language) -> dict[str, Any]:
    """The response document of contract v1 for a computed calculation, in `lang`."""
    payments = [
        _birth_allowance(calc),
        _maternity(calc, lang),
        _childcare_gfss(calc, lang),
        _childcare_allowance(calc, lang),
    ]
    as_of = calc.request.as_of
    return {
        "leave": _leave(calc),
        "payments": payments,
        "total_net": tenge(calc.total_net()),
        "explanation": [_explanation(step, lang) for step in calc.trace.steps],
        "warnings": [_text(message, lang) for message in calc.trace.warnings],
        "timeline": [
            {
                "id": mark.id,
                "date": mark.day.isoformat(),
                "label": render(LABELS[mark.id], mark.params, lang),
                "past": mark.day < as_of,
            }
            for mark in calc.timeline
        ],
        "rules_version": calc.trace.law.version,
    }
