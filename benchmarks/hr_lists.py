"""Every HR page at national size: p50/p95 latency and queries per page, for the goal p95 <= 150 ms.

Builds 100,000 employees with `bulk_create` (`hr_world`: one body of 4,000, a tenth on leave, with
reminders, return plans, pending requests and failed checks) into a fresh SQLite file in a
temporary ``KOPIR_VAR_DIR`` (or the empty database ``DATABASE_URL`` names), signs in as each role
and times its pages: the employee list with each filter and search, the employee and episode pages
(and the replacement search), the return plan pages, and the home page of every role. Prints
figures; never passes or fails. Run::

    .venv/bin/python benchmarks/hr_lists.py [--employees 100000] [--in-body 4000] [--runs 30]

``KOPIR_VAR_DIR=/some/dir`` keeps the database there; a second run with it reuses the world built.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
GOAL_MS = 150


def _time(client: Any, url: str, runs: int) -> tuple[float, float, int] | None:
    """Median and 95th percentile in ms, and the queries of one request; None if the page is not there."""
    from django.db import connection, reset_queries  # noqa: PLC0415

    durations, queries = [], 0
    for _ in range(runs):
        reset_queries()
        began = time.perf_counter()
        response = client.get(url)
        durations.append(time.perf_counter() - began)
        if response.status_code != 200:
            return None
        queries = len(connection.queries)
    durations.sort()
    return statistics.median(durations) * 1000, durations[max(0, int(len(durations) * 0.95) - 1)] * 1000, queries


def _pages(world: dict[str, Any], in_body: int) -> list[tuple[str, str, str]]:
    """(role, page name, address) of every page timed."""
    episode, employee = world["episode"], world["employee"]
    from kopir.cases.models import LeaveEpisode  # noqa: PLC0415

    hers = LeaveEpisode.objects.get(employee__user=world["users"]["employee"])
    return [
        ("hr", "home (HR officer)", "/en/home/"),
        ("hr", "employee list, first page", "/en/hr/"),
        ("hr", "employee list, last page", f"/en/hr/?page={max(1, (in_body + 49) // 50)}"),
        ("hr", "employee list, on leave", "/en/hr/?status=on_leave"),
        ("hr", "employee list, return due", "/en/hr/?status=return_due"),
        ("hr", "employee list, decision overdue", "/en/hr/?status=decision_overdue"),
        ("hr", "employee list, surname search", "/en/hr/?q=%D0%90%D1%85"),
        ("hr", "employee list, reference search", f"/en/hr/?q={employee.ref}"),
        ("hr", "employee list, on leave + search", "/en/hr/?status=on_leave&q=%D0%90%D1%85"),
        ("hr", "employee page", f"/en/hr/employees/{employee.pk}/"),
        ("hr", "leave episode page", f"/en/hr/episodes/{episode.pk}/"),
        ("hr", "episode, replacement search", f"/en/hr/episodes/{episode.pk}/?find=%D0%90%D1%85"),
        ("hr", "return plan page", f"/en/hr/episodes/{episode.pk}/return-plan/"),
        ("head", "home (head)", "/en/home/"),
        ("analyst", "home (analyst)", "/en/home/"),
        ("administrator", "home (administrator)", "/en/home/"),
        ("employee", "home (employee)", "/en/home/"),
        ("employee", "my leave", "/en/me/"),
        ("employee", "my return plan", f"/en/me/return-plan/{hers.pk}/"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--in-body", type=int, default=4_000, help="employees of the HR officer's body")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("KOPIR_VAR_DIR", tempfile.mkdtemp(prefix="kopir-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopir.web.settings.dev")
    os.environ["DJANGO_DEBUG"] = "true"  # counts queries; the timings include that small cost
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    import hr_world  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    today = timezone.localdate()
    world = hr_world.reuse() or hr_world.build(employees=args.employees, in_body=args.in_body, today=today)
    print(f"{args.employees:,} employees built in bulk in {time.perf_counter() - began:.1f} s; "
          f"the HR officer's body has {args.in_body:,}; {args.runs} requests a page")  # fmt: skip
    clients = {}
    for role, user in world["users"].items():
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        clients[role].force_login(user)
    print(f"{'page':36s} {'p50 ms':>8s} {'p95 ms':>8s} {'queries':>8s}")
    for role, name, url in _pages(world, args.in_body):
        figures = _time(clients[role], url, args.runs)
        if figures is None:
            print(f"{name:36s} {'(no such page)':>26s}")
            continue
        p50, p95, queries = figures
        mark = "" if p95 <= GOAL_MS else f"  over {GOAL_MS} ms"
        print(f"{name:36s} {p50:8.1f} {p95:8.1f} {queries:8d}{mark}")


if __name__ == "__main__":
    main()
