"""The HR officer's main pages on a national-size demo: latency and queries per page.

Builds the demo data (100,000 employees by default) into a fresh SQLite file in a temporary
``KOPIR_VAR_DIR``, signs in as the demo HR officer and times the pages she uses most. Prints
figures; never passes or fails. Run: ``.venv/bin/python benchmarks/hr_lists.py [--employees N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time


def _time(client, url: str, runs: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection, reset_queries  # noqa: PLC0415

    durations, queries = [], 0
    for _ in range(runs):
        reset_queries()
        began = time.perf_counter()
        response = client.get(url)
        durations.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101
        queries = len(connection.queries)
    durations.sort()
    return statistics.median(durations) * 1000, durations[int(len(durations) * 0.95) - 1] * 1000, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    os.environ["KOPIR_VAR_DIR"] = tempfile.mkdtemp(prefix="kopir-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopir.web.settings.dev")
    os.environ["DJANGO_DEBUG"] = "true"  # counts queries; the timings include that small cost
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from kopir.accounts.models import User  # noqa: PLC0415
    from kopir.cases.models import Employee, LeaveEpisode  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    call_command("demo", employees=args.employees, verbosity=0)
    print(f"demo data: {args.employees:,} employees built in {time.perf_counter() - began:.1f} s")
    officer = User.objects.get(username="hr")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    in_body = Employee.objects.filter(body=officer.body).count()
    episode = LeaveEpisode.objects.filter(employee__body=officer.body).first()
    employee = Employee.objects.filter(body=officer.body).first()
    print(f"the HR officer's body has {in_body:,} employees; {args.runs} requests per page")
    pages = {
        "employee list, first page": "/en/hr/",
        "employee list, last page": f"/en/hr/?page={max(1, (in_body + 49) // 50)}",
        "employee list, surname search": "/en/hr/?q=%D0%90",
        "employee page": f"/en/hr/employees/{employee.pk}/" if employee else "/en/hr/",
        "leave episode page": f"/en/hr/episodes/{episode.pk}/" if episode else "/en/hr/",
    }
    for name, url in pages.items():
        p50, p95, queries = _time(client, url, args.runs)
        print(f"{name:32s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries")


if __name__ == "__main__":
    main()
