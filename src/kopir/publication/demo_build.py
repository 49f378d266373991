"""The whole demo: the cases (`kopir.cases.demo`), the return plans (`kopir.returns.demo`), the analyst's runs.

It lives here, high in the layers, because it builds on every app below: the cases know nothing
of return plans, indicators or costing. Before the first page only what the pages of the demo
accounts read is built (the cases, one body's return plans, the costing runs: seconds); the
exact indicator run is queued, and the job queue beside the server computes it, as it does for
an analyst who asks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from kopir.accounts.models import User
from kopir.cases.demo import DEMO_EMPLOYEES, DemoSummary, build_demo
from kopir.jobs.leases import LIVE, JobRefused
from kopir.policy.models import SimulationRun
from kopir.policy.services import simulation_run
from kopir.returns.demo import DemoPlans, build_demo_return_plans
from kopir.statistics.models import IndicatorRun
from kopir.statistics.services import indicator_run_request

COSTING_REFORMS = ("childcare-50-percent", "nursery-subsidy", "phased-return")
COSTING_SIZE = 10_000  # persons: a run of this size is computed at once (well under a second each)
EARLIER_RELEASES = 2  # years before the last full one with a release of their own: the chart over years
EARLIER_RELEASES_DELAY = timedelta(seconds=30)  # behind the last year's release, which is queued at once


@dataclass(frozen=True)
class WholeDemo:
    cases: DemoSummary
    plans: DemoPlans
    indicator_run: IndicatorRun
    costing_runs: tuple[SimulationRun, ...]
    earlier_releases: tuple[int, ...]

    def lines(self) -> list[str]:
        costing = ", ".join(run.reform_id for run in self.costing_runs)
        return [
            *self.cases.lines(),
            *self.plans.lines(),
            (
                f"  Exact indicators of {self.indicator_run.year}: run {self.indicator_run.pk} queued "
                "(the job queue beside `kopir serve` computes it)"
            ),
            f"  Costing runs kept for the analyst ({COSTING_SIZE} persons each): {costing}",
            (
                f"  Releases of {', '.join(map(str, self.earlier_releases))} queued for the portal's chart over "
                "the years (after the last year's)"
            ),
        ]


def build_whole_demo(
    *,
    seed: int = 2026,
    employees: int = DEMO_EMPLOYEES,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    replace: bool = False,
) -> WholeDemo:
    """`build_demo`, then the return plans of the demo body and the analyst's runs, in one transaction.

    Raises what `build_demo` raises (demo data refused, database not empty); an error leaves nothing.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        cases = build_demo(seed=seed, employees=employees, today=today, progress=progress, replace=replace)
        accounts = {user.username: user for user in User.objects.filter(username__in=("hr", "head", "analyst"))}
        hr, head = accounts["hr"], accounts["head"]
        assert hr.body_id is not None  # noqa: S101 - build_demo gives the hr account a body
        employee = User.objects.filter(username="employee", employee__isnull=False).first()
        plans = build_demo_return_plans(body_id=hr.body_id, hr=hr, head=head, employee=employee, today=today)
        costing = tuple(
            simulation_run(actor=accounts["analyst"], reform_id=reform, size=COSTING_SIZE, seed=seed)
            for reform in COSTING_REFORMS
        )
        run = _exact_run(today.year - 1)
        earlier = tuple(today.year - 1 - back for back in range(EARLIER_RELEASES, 0, -1))
        transaction.on_commit(lambda: _queue_releases(earlier), robust=True)
    return WholeDemo(cases, plans, run, costing, earlier)


def _exact_run(year: int) -> IndicatorRun:
    """Request the exact run of `year`, or take the one still waiting in the queue (a `--replace` before it ran)."""
    try:
        return indicator_run_request(year=year, body=None, actor=None)
    except JobRefused:
        return IndicatorRun.objects.get(year=year, body="", status__in=LIVE)


def _queue_releases(years: tuple[int, ...]) -> None:
    """Schedule a release job per year, oldest first, after the delay (a queue that is away: none)."""
    from kopir.publication.tasks import publish_release_job  # noqa: PLC0415 - the tasks module needs huey's queue

    for order, year in enumerate(years):
        publish_release_job.schedule(args=(year,), delay=EARLIER_RELEASES_DELAY.total_seconds() + order)
