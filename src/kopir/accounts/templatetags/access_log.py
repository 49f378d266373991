"""The administrator's view of the access log: bursts of refusals on the admin's first page."""

from __future__ import annotations

from django import template

from kopir.accounts.selectors import Burst, burst_window, refusal_bursts

register = template.Library()


@register.simple_tag
def current_refusal_bursts() -> list[Burst]:
    return refusal_bursts()


@register.simple_tag
def refusal_burst_rule() -> dict[str, int]:
    threshold, window = burst_window()
    return {"count": threshold, "minutes": int(window.total_seconds() // 60)}
