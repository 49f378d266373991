"""What the access log's hash chain costs on PostgreSQL: sealing after commit against a lock held to commit.

Prints figures; never passes or fails. Run (a PostgreSQL server of your own, or your own database name)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kopir_audit_bench .venv/bin/python benchmarks/access_log_chain.py

1. migrates the database named by ``DATABASE_URL`` (created if missing);
2. for each design, ``--threads`` threads serve "requests" for ``--duration`` seconds: a transaction
   that writes one access-log row and then works ``--work-ms`` more (rendering the page) before it
   commits, as every page showing personal data does under ``ATOMIC_REQUESTS``:
   - ``seal``: the design taken (decision 0015): the row is written without a lock and sealed
     after the commit under a short advisory lock;
   - ``lock``: the design not taken: ``pg_advisory_xact_lock``, read the head, write the row with
     its hash; the lock is held until the request's transaction commits;
3. adds ``--fill`` rows in bulk, times their writing and seal, then checks the whole chain (``access_chain.verify``)
   and times it.

For each design it prints requests/s and p50/p95 latency in ms; then verify's rows per second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopir.web.settings.dev")


def _serve(design: str, threads: int, duration: float, work: float) -> list[float]:
    from django.db import connection, connections, transaction  # noqa: PLC0415

    from kopir.accounts import access_chain  # noqa: PLC0415
    from kopir.accounts.models import AccessAction, AccessLog, User  # noqa: PLC0415
    from kopir.accounts.services import access_log_record  # noqa: PLC0415

    latencies: list[float] = []
    deadline = time.monotonic() + duration

    def locked_write() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [access_chain.CHAIN_LOCK])
        access_log_record(actor=None, action=AccessAction.READ, record=User(pk=0), subject_id=1)

    def worker() -> None:
        mine = []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            with transaction.atomic():
                if design == "lock":
                    locked_write()
                else:
                    access_log_record(actor=None, action=AccessAction.READ, record=User(pk=0), subject_id=1)
                time.sleep(work)  # the rest of the request, inside its transaction
            mine.append(time.perf_counter() - start)
        latencies.extend(mine)
        connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    access_chain.seal(AccessLog)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--work-ms", type=float, default=20.0)
    parser.add_argument("--fill", type=int, default=50_000, help="rows added in bulk before verify")
    options = parser.parse_args()
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from kopir.accounts import access_chain  # noqa: PLC0415
    from kopir.accounts.models import AccessLog  # noqa: PLC0415

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database of your own.")
    call_command("migrate", interactive=False, verbosity=0)
    print(f"{options.threads} threads, {options.work_ms:.0f} ms of work after the log row")
    for design in ("seal", "lock"):
        latencies = _serve(design, options.threads, options.duration, options.work_ms / 1000)
        cuts = statistics.quantiles(latencies, n=20)
        print(
            f"{design:5} {len(latencies) / options.duration:8.1f} requests/s  "
            f"p50 {statistics.median(latencies) * 1000:7.1f} ms  p95 {cuts[18] * 1000:7.1f} ms"
        )
    from kopir.accounts.models import AccessAction  # noqa: PLC0415

    rows = [
        AccessLog(action=AccessAction.READ, record_type="cases.employee", record_id=str(n)) for n in range(options.fill)
    ]
    start = time.perf_counter()
    AccessLog.objects.bulk_create(rows, batch_size=5000)  # in autocommit: sealed as soon as written
    elapsed = time.perf_counter() - start
    print(f"bulk write and seal: {len(rows)} rows in {elapsed:.2f} s ({len(rows) / elapsed:,.0f} rows/s)")
    start = time.perf_counter()
    verdict = access_chain.verify(AccessLog)
    elapsed = time.perf_counter() - start
    print(
        f"verify: {verdict.rows} rows intact={verdict.intact} in {elapsed:.2f} s ({verdict.rows / elapsed:,.0f} rows/s)"
    )


if __name__ == "__main__":
    main()
