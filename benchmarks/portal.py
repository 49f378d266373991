"""The public statistics portal on a large release: time to protect and publish it, then page latency.

Builds exact cells for many bodies (tests/publication/sample.py: every indicator the portal draws,
with margins), publishes them under sdc-v1 (roll-up, suppression audited by linear programming) into
a fresh SQLite file in a temporary ``KOPIR_VAR_DIR``, and times the portal's pages and the open-data
downloads (p50 and p95 over ``--runs`` requests, after one warm-up). Prints figures; never passes or
fails. Run: ``.venv/bin/python benchmarks/portal.py [--regions 10] [--bodies 30] [--runs 50]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _time(client, url: str, runs: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    client.get(url)  # warm-up: the release's figures are indexed once per process
    durations, size = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        durations.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101
        size = len(response.content)
    durations.sort()
    return statistics.median(durations) * 1000, durations[max(0, int(len(durations) * 0.95) - 1)] * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--bodies", type=int, default=30, help="bodies per region")
    parser.add_argument("--runs", type=int, default=50)
    arguments = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.environ["KOPIR_VAR_DIR"] = tempfile.mkdtemp(prefix="kopir-portal-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kopir.web.settings.dev"
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    from kopir.disclosure import BodyNode, load_policy  # noqa: PLC0415
    from kopir.publication.services import publish_release  # noqa: PLC0415
    from tests.publication.sample import bodies_of, exact_cells  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)
    bodies = bodies_of(arguments.regions, arguments.bodies)
    cells = exact_cells(2025, bodies)
    hierarchy = {code: BodyNode(None, region) for code, region in bodies.items()}
    began = time.perf_counter()
    release = publish_release(cells, year=2025, cut_off=date(2026, 3, 1), policy=load_policy(), bodies=hierarchy)
    publish = time.perf_counter() - began
    hidden = sum(record["status"].startswith("suppressed") for record in release.cells)
    print(f"bodies {len(bodies)}, exact cells {len(cells)}, published cells {len(release.cells)} ({hidden} suppressed)")
    print(f"protect and publish: {publish:.1f} s")
    client = Client(HTTP_HOST="127.0.0.1")
    body = next(record["body"] for record in release.cells if record["body"] not in ("all", "other"))
    pages = [
        "/en/statistics/",
        "/ru/statistics/",
        "/kk/statistics/",
        f"/en/statistics/gri/{body}/",
        f"/en/statistics/releases/{release.pk}.xlsx",
        f"/api/v1/open-data/releases/{release.pk}",
        f"/api/v1/open-data/releases/{release.pk}.csv",
    ]
    print(f"{'page':48} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9}")
    for url in pages:
        p50, p95, size = _time(client, url, arguments.runs)
        print(f"{url:48} {p50:8.1f} {p95:8.1f} {size:9d}")


if __name__ == "__main__":
    main()
