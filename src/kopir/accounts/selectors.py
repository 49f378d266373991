"""Reads of the access log for the administrator: bursts of refusals by one account or address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from kopir.accounts.models import AccessAction, AccessLog


@dataclass(frozen=True)
class Burst:
    kind: str  # "account" or "address"
    who: str  # the username, or the client address
    refusals: int
    last_at: datetime


def burst_window() -> tuple[int, timedelta]:
    """At least this many refusals within this time make a burst (settings, decision 0015)."""
    return settings.KOPIR_REFUSAL_BURST_COUNT, timedelta(minutes=settings.KOPIR_REFUSAL_BURST_MINUTES)


def refusal_bursts(now: datetime | None = None) -> list[Burst]:
    """Accounts and addresses with a burst of refusals in the window up to `now`, newest first."""
    threshold, window = burst_window()
    recent = AccessLog.objects.filter(action=AccessAction.REFUSED, at__gte=(now or timezone.now()) - window)
    bursts = [
        Burst("account", row["actor__username"], row["refusals"], row["last_at"])
        for row in recent.filter(actor__isnull=False)
        .values("actor__username")
        .annotate(refusals=Count("id"), last_at=Max("at"))
        .filter(refusals__gte=threshold)
    ]
    bursts += [
        Burst("address", str(row["address"]), row["refusals"], row["last_at"])
        for row in recent.filter(address__isnull=False)
        .values("address")
        .annotate(refusals=Count("id"), last_at=Max("at"))
        .filter(refusals__gte=threshold)
    ]
    return sorted(bursts, key=lambda burst: burst.last_at, reverse=True)


def refusals_in_window(*, actor_id: int | None, address: str | None, now: datetime | None = None) -> dict[str, int]:
    """How many refusals this account and this address have in the window (for the burst warning)."""
    _, window = burst_window()
    recent = AccessLog.objects.filter(action=AccessAction.REFUSED, at__gte=(now or timezone.now()) - window)
    counts = {}
    if actor_id is not None:
        counts["account"] = recent.filter(actor_id=actor_id).count()
    if address:
        counts["address"] = recent.filter(address=address).count()
    return counts
