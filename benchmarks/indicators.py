"""All the indicators on 1,000,000 leave episodes: extraction, computation, end to end, peak memory.

Prints figures; never passes or fails. Run:
``.venv/bin/python benchmarks/indicators.py [--episodes N] [--seed S]`` (SQLite file in a temporary
``KOPIR_VAR_DIR``), or with ``DATABASE_URL=postgres://.../kopir_indicators_bench`` for PostgreSQL
(the database must exist; its tables are emptied first). The build is slow (most of an hour at
1,000,000 episodes); ``--measure`` measures again on the database built before. ``--orm`` also
measures the ORM's chunked extraction (the path SQLite takes) for the ratio in the same run, and
``--workers N`` the computation split by region on a local Dask cluster of N processes.

1. migrates and fills the database with bulk inserts (seeded): 500 bodies in 20 regions, one
   employee per episode plus 20 % who never took leave, each episode with a maternity segment and
   most with a childcare one, returns, separations, pay history and appointments;
2. computes the indicators of one year in a *fresh process*, so that its peak resident memory
   (``VmHWM``) is that of the computation, not of the build; prints extraction, computation and
   their sum (end to end), the number of cells and the load average (the machine may be shared);
   the memory of the processes below it (the reading processes and their fork server), sampled
   from /proc; then the extraction again in the same process, as the job worker runs it (its fork
   server already running: the worker starts it when it starts, decisions 0041 and 0042).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

YEAR = 2025
BATCH = 20_000


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopir.web.settings.dev")
    import django  # noqa: PLC0415

    django.setup()


def build(episodes: int, seed: int) -> None:  # noqa: C901, PLR0915 - one linear script
    import numpy as np  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection, transaction  # noqa: PLC0415

    from kopir.cases import models as m  # noqa: PLC0415
    from kopir.organisation.models import Position, StateBody  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    for model in (
        m.FollowUp, m.Separation, m.ReturnToWork, m.LeaveSegment, m.LeaveEpisode, m.Child,
        m.Appointment, m.PayRecord, m.Employee, Position,
    ):  # fmt: skip
        model.objects.all().delete()
    StateBody.objects.filter(parent__isnull=False).delete()
    StateBody.objects.all().delete()
    rng = np.random.default_rng(seed)
    began = time.perf_counter()
    regions = [f"KZ-{10 + i}" for i in range(20)]
    bodies = StateBody.objects.bulk_create(
        StateBody(
            code=f"B{i:04d}",
            name_kk="b",
            name_ru="b",
            name_en="b",
            level="regional",
            region_iso=regions[i % 20],
            region_kato="0",
        )
        for i in range(500)
    )
    levels = ["specialist"] * 6 + ["head_of_sector", "deputy_head", "head_of_structural_unit", "corps_a"]
    positions = Position.objects.bulk_create(
        Position(body=b, name_kk="p", name_ru="p", name_en="p", corps="B", category=f"C-{1 + j % 5}",
                 managerial_level=levels[j])
        for b in bodies for j in range(10)
    )  # fmt: skip
    n_employees = int(episodes * 1.2)
    sex = np.where(rng.random(n_employees) < 0.93, "female", "male")
    post = rng.integers(0, len(positions), n_employees)
    hired = rng.integers(0, 15 * 365, n_employees)
    base = date(2008, 1, 1)
    with transaction.atomic():
        for start in range(0, n_employees, BATCH):
            m.Employee.objects.bulk_create(
                m.Employee(
                    body_id=positions[post[i]].body_id, position_id=positions[post[i]].pk, surname="S", given_name="G",
                    sex=sex[i], birth_date=date(1990, 1, 1), iin_encrypted="x", iin_digest=f"d{i}", iin_masked="x",
                    hired_on=base + timedelta(days=int(hired[i])),
                )
                for i in range(start, min(start + BATCH, n_employees))
            )  # fmt: skip
    employee_ids = np.array(m.Employee.objects.order_by("id").values_list("id", flat=True))
    print(f"built {n_employees:,} employees in {time.perf_counter() - began:.0f} s", flush=True)
    birth = rng.integers(0, 6 * 365, episodes)  # births 2020-2025
    childcare_days = rng.integers(0, 3 * 365 - 56, episodes)
    outcome = rng.random(episodes)  # < 0.7 returned, < 0.8 separated, else open or overdue
    born = date(2020, 1, 1)
    with transaction.atomic():
        for start in range(0, episodes, BATCH):
            rows = range(start, min(start + BATCH, episodes))
            children = m.Child.objects.bulk_create(
                m.Child(parent_id=int(employee_ids[i]), birth_date=born + timedelta(days=int(birth[i])), birth_order=1)
                for i in rows
            )
            eps = m.LeaveEpisode.objects.bulk_create(
                m.LeaveEpisode(
                    employee_id=int(employee_ids[i]), child=c, kind="birth", opened_on=c.birth_date - timedelta(days=80)
                )
                for i, c in zip(rows, children, strict=True)
            )
            segments, returns, separations = [], [], []
            for i, e, c in zip(rows, eps, children, strict=True):
                maternity_end = c.birth_date + timedelta(days=55)
                segments.append(
                    m.LeaveSegment(
                        episode=e,
                        kind="maternity",
                        planned_start=c.birth_date - timedelta(days=70),
                        planned_end=maternity_end,
                    )
                )
                end = maternity_end
                if childcare_days[i] > 0:
                    end = maternity_end + timedelta(days=int(childcare_days[i]))
                    segments.append(
                        m.LeaveSegment(
                            episode=e,
                            kind="childcare",
                            planned_start=maternity_end + timedelta(days=1),
                            planned_end=end,
                        )
                    )
                back = end + timedelta(days=1)
                if outcome[i] < 0.7 and back <= date(YEAR, 12, 31):
                    returns.append(
                        m.ReturnToWork(
                            episode=e,
                            first_working_day=back,
                            mode="same_post" if outcome[i] < 0.6 else "part_time",
                            position_id=positions[post[i]].pk,
                            monthly_salary=Decimal(300_000),
                        )
                    )
                    if outcome[i] < 0.1:
                        separations.append(
                            m.Separation(
                                employee_id=int(employee_ids[i]),
                                date=back + timedelta(days=200),
                                during_leave=False,
                                reason="resignation",
                                destination="private_sector",
                            )
                        )
                elif outcome[i] < 0.8:
                    separations.append(
                        m.Separation(
                            employee_id=int(employee_ids[i]),
                            episode=e,
                            date=c.birth_date + timedelta(days=200),
                            during_leave=True,
                            reason="resignation",
                            destination="unknown",
                        )
                    )
            m.LeaveSegment.objects.bulk_create(segments)
            m.ReturnToWork.objects.bulk_create(returns)
            m.Separation.objects.bulk_create(separations)
    print(f"built {episodes:,} episodes in {time.perf_counter() - began:.0f} s", flush=True)
    with transaction.atomic():
        for start in range(0, n_employees, BATCH):
            rows = range(start, min(start + BATCH, n_employees))
            m.PayRecord.objects.bulk_create(
                m.PayRecord(
                    employee_id=int(employee_ids[i]),
                    effective_from=base + timedelta(days=int(hired[i])),
                    monthly_salary=Decimal(250_000 + 1000 * (i % 200)),
                )
                for i in rows
            )
            m.PayRecord.objects.bulk_create(
                m.PayRecord(
                    employee_id=int(employee_ids[i]),
                    effective_from=date(2023, 1, 1) + timedelta(days=i % 700),
                    monthly_salary=Decimal(300_000 + 1000 * (i % 200)),
                )
                for i in rows
                if i % 3 == 0 and hired[i] < 15 * 365 - 800
            )
            m.Appointment.objects.bulk_create(
                m.Appointment(
                    employee_id=int(employee_ids[i]),
                    position_id=positions[post[i]].pk,
                    starts_on=date(2022, 1, 1) + timedelta(days=i % 1400),
                    kind="promotion",
                )
                for i in rows
                if i % 10 == 0
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"database built in {time.perf_counter() - began:.0f} s", flush=True)


def _peak_kib() -> int:
    """This process's peak resident memory in KiB: VmHWM (reset by exec, unlike ru_maxrss, which a
    child started by fork keeps from its parent), else ru_maxrss."""
    return _status_kib("self", "VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _descendants(pid: str) -> list[str]:
    """The processes below `pid`, children of children included (the reading processes are the fork
    server's children, not this process's)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:  # a thread or a process that has just ended
            continue
        for child in children:
            found += [child, *_descendants(child)]
    return found


def _status_kib(pid: str, field: str) -> int:
    """A memory figure of /proc/PID/status in KiB; 0 for a process that has just ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(next((line.split()[1] for line in status.splitlines() if line.startswith(f"{field}:")), "0"))


def _pss_kib(pid: str) -> int:
    """The proportional memory of a process (PSS: shared pages split among their sharers); 0 if it has ended."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return int(next(line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")))


class _TreeSampler(threading.Thread):
    """Every 20 ms: the PSS of this process and every process below it together (its largest sum),
    and the peak resident memory (VmHWM) of each process below it (the last value seen, a high-water mark)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kib = 0
        self.below_peak_kib: dict[str, int] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.02):
            below = _descendants("self")
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid) for pid in ["self", *below]))
            for pid in below:
                self.below_peak_kib[pid] = max(self.below_peak_kib.get(pid, 0), _status_kib(pid, "VmHWM"))


def compute(year: int, *, orm: bool) -> None:
    """Extraction and computation in this fresh process; `orm` reads through the ORM's chunks instead."""
    from django.db import connection  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from kopir.statistics import reading  # noqa: PLC0415
    from kopir.statistics.engine import compute as compute_all  # noqa: PLC0415
    from kopir.statistics.extract import extract  # noqa: PLC0415

    if orm:
        reading.BULK_VENDORS = ()
    path = "bulk (COPY into Arrow)" if connection.vendor in reading.BULK_VENDORS else "ORM chunks"
    before = _peak_kib()
    sampler = _TreeSampler()
    sampler.start()
    began = time.perf_counter()
    records = extract()
    extracted = time.perf_counter()
    sampler.stopped.set()
    cells = compute_all(records, year, timezone.localdate())
    done = time.perf_counter()
    peak = _peak_kib()
    sizes = (len(records.episodes.employee), len(records.segments.episode), len(records.employees.sex))
    print(f"database: {connection.vendor}; extraction path: {path}; load average: {_load()}")
    print("episodes: {:,}; segments: {:,}; employees: {:,}".format(*sizes))
    print(f"extraction: {extracted - began:.1f} s")
    print(f"computation of all indicators: {done - extracted:.1f} s ({len(cells):,} cells)")
    print(f"end to end: {done - began:.1f} s")
    print(f"peak resident memory: {peak / 1024:.0f} MB (of which {before / 1024:.0f} MB before extraction)", flush=True)
    below = sampler.below_peak_kib
    if below:  # the queries ran in reading processes (and their fork server): their memory counts too
        largest = max(below.values())
        print(f"processes below this one during extraction: {len(below)}; the largest peak {largest / 1024:.0f} MB")
    tree = sampler.peak_kib
    print(f"peak of this process and the processes below it together during extraction (PSS): {tree / 1024:.0f} MB")
    print(f"peak memory overall: {max(peak, tree) / 1024:.0f} MB", flush=True)
    del records
    again = time.perf_counter()
    extract()
    seconds = time.perf_counter() - again
    print(f"extraction again in this process (as in the job worker, its fork server running): {seconds:.1f} s")


def compute_on_cluster(year: int, workers: int) -> None:
    """The same computation split by region on a local Dask cluster of `workers` processes."""
    from django.utils import timezone  # noqa: PLC0415

    from kopir.cluster import cluster_client  # noqa: PLC0415
    from kopir.statistics.extract import extract  # noqa: PLC0415
    from kopir.statistics.regional import compute_by_region  # noqa: PLC0415

    records = extract()
    with cluster_client(workers=workers) as client:
        began = time.perf_counter()
        cells = compute_by_region(records, year, timezone.localdate(), client)
        done = time.perf_counter()
    print(f"computation split by region on {workers} local workers: {done - began:.1f} s ({len(cells):,} cells)")


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--measure", action="store_true", help="measure only, on the database built before")
    parser.add_argument("--orm", action="store_true", help="also measure the ORM's extraction, for the ratio")
    parser.add_argument("--workers", type=int, default=0, help="also compute split by region on N local workers")
    parser.add_argument("--compute-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--orm-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cluster-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ and "KOPIR_VAR_DIR" not in os.environ:
        os.environ["KOPIR_VAR_DIR"] = tempfile.mkdtemp(prefix="kopir-bench-")
    _setup()
    if args.compute_only or args.orm_only:
        compute(YEAR, orm=args.orm_only)
        return
    if args.cluster_only:
        compute_on_cluster(YEAR, args.workers)
        return
    if not args.measure:
        build(args.episodes, args.seed)
    steps = [["--compute-only"]]
    steps += [["--orm-only"]] if args.orm else []
    steps += [["--cluster-only", "--workers", str(args.workers)]] if args.workers else []
    for step in steps:  # each in a fresh process, so that its peak memory is its own
        subprocess.run([sys.executable, __file__, *step], check=True, env=os.environ)  # noqa: S603


if __name__ == "__main__":
    main()
