"""How fast ``kopir records import`` loads 100,000 employees with their histories, and the export.

Prints figures; never passes or fails. Run: ``.venv/bin/python benchmarks/records_import.py``
(options: ``--employees 100000 --seed 2026 --postgres postgres://postgres@127.0.0.1:5432/NAME``).

1. generates ``bodies.jsonl`` and ``employees.jsonl`` (seeded: the same seed, the same files):
   20 bodies; each employee 1-3 appointments, and for most women and some men one or two
   children with leave episodes (maternity or adoption, annual, childcare in parts), a return
   or a separation;
2. for each database (a fresh SQLite file in a temporary ``KOPIR_VAR_DIR``; PostgreSQL with
   ``--postgres``, whose database is dropped and created first), in a fresh process: migrates,
   times a dry run (parse and check), the import (check and write, one transaction), a second
   import of the same files (idempotence: nothing new), and the export;
3. prints employees/s for each, and the rows written.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REGIONS = ["KZ-71", "KZ-75", "KZ-79", "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31"]
POSITIONS = [
    ("Chief expert", "B", "C-4", "specialist"),
    ("Expert", "B", "C-5", "specialist"),
    ("Head of sector", "B", "C-3", "head_of_sector"),
    ("Head of unit", "B", "C-2", "head_of_unit"),
    ("Deputy head", "B", "C-1", "deputy_head"),
]


def _bodies() -> list[dict[str, Any]]:
    bodies = []
    for index in range(20):
        region = REGIONS[index % len(REGIONS)]
        parent = None if index < 5 else f"KZ-B{index % 5:02d}"
        bodies.append(
            {
                "code": f"KZ-B{index:02d}",
                "name": {"kk": f"Орган {index}", "ru": f"Орган {index}", "en": f"Body {index}"},
                "parent": parent,
                "level": "central" if parent is None else "regional",
                "region": region,
            }
        )
    return bodies


def _iin(born: date, sex: str, serials: dict[tuple[date, str], int]) -> str:
    from kopir.reference import make_iin  # noqa: PLC0415 - pure, but keep the parent's imports light

    while True:
        serial = serials.get((born, sex), 0)
        serials[(born, sex)] = serial + 1
        try:
            return make_iin(born, "female" if sex == "F" else "male", serial)
        except ValueError:
            continue


def _employee(rng: random.Random, index: int, serials: dict[tuple[date, str], int]) -> dict[str, Any]:
    sex = "F" if rng.random() < 0.6 else "M"
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(35 * 365))
    body = f"KZ-B{rng.randrange(20):02d}"
    hired = born + timedelta(days=22 * 365 + rng.randrange(3000))
    appointments = []
    start = hired
    count = rng.randint(1, 3)
    for number in range(count):
        name, corps, category, level = POSITIONS[min(number + rng.randrange(2), len(POSITIONS) - 1)]
        end = None if number == count - 1 else start + timedelta(days=rng.randint(300, 2000))
        appointments.append(
            {
                "from": start.isoformat(),
                "to": end.isoformat() if end else None,
                "body": body,
                "position": name,
                "corps": corps,
                "category": category,
                "managerial_level": level,
                "monthly_pay": 200000 + 50000 * number + rng.randrange(100) * 1000,
            }
        )
        if end:
            start = end + timedelta(days=1)
    children, episodes, separation = [], [], None
    has_children = rng.random() < (0.7 if sex == "F" else 0.1)
    day = hired + timedelta(days=rng.randint(400, 2500))
    for _ in range(rng.randint(1, 2) if has_children else 0):
        if day > date(2026, 6, 1):
            break
        adopted = rng.random() < 0.03
        child = day + timedelta(days=70)
        children.append({"birth_date": child.isoformat(), "adopted": adopted})
        segments = []
        if sex == "F":
            first_end = day + timedelta(days=125)
            segments.append(
                {"kind": "adoption" if adopted else "maternity", "start": day.isoformat(), "end": first_end.isoformat()}
            )
            day = first_end + timedelta(days=1)
        care_end = min(day + timedelta(days=rng.randint(60, 900)), child + timedelta(days=3 * 365 - 2))
        segments.append({"kind": "childcare", "start": day.isoformat(), "end": care_end.isoformat()})
        back = care_end + timedelta(days=1)
        returned = back < date(2026, 11, 1) and rng.random() < 0.85
        episodes.append(
            {
                "child_birth_date": child.isoformat(),
                "segments": segments,
                "return": {"date": back.isoformat(), "mode": rng.choice(["same_post", "equivalent_post", "part_time"])}
                if returned
                else None,
            }
        )
        if not returned:
            if back < date(2026, 11, 1):
                separation = {"date": back.isoformat(), "reason": "resignation", "destination": "private_sector"}
            break
        day = back + timedelta(days=rng.randint(400, 1500))
    last_start = date.fromisoformat(appointments[-1]["from"])
    if any(e["return"] and date.fromisoformat(e["return"]["date"]) < last_start for e in episodes):
        del appointments[1:]  # a return needs a post that covers it: keep the one open appointment
        appointments[0]["to"] = None
    return {
        "ref": f"R{index:07d}",
        "iin": _iin(born, sex, serials),
        "sex": sex,
        "birth_date": born.isoformat(),
        "body": body,
        "appointments": appointments,
        "children": children,
        "episodes": episodes,
        "separation": separation,
    }


def generate(directory: Path, employees: int, seed: int) -> None:
    rng = random.Random(seed)
    serials: dict[tuple[date, str], int] = {}
    with (directory / "bodies.jsonl").open("w", encoding="utf-8") as out:
        for body in _bodies():
            out.write(json.dumps(body, ensure_ascii=False) + "\n")
    with (directory / "employees.jsonl").open("w", encoding="utf-8") as out:
        for index in range(employees):
            out.write(json.dumps(_employee(rng, index, serials), ensure_ascii=False) + "\n")


def _one(directory: Path, export_to: Path) -> None:
    """In a child process: migrate, then time the dry run, the import, the re-import and the export."""
    import django  # noqa: PLC0415 - the parent process never sets Django up
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection  # noqa: PLC0415

    from kopir.cases.models import Employee  # noqa: PLC0415
    from kopir.exchange.exporting import export_records  # noqa: PLC0415
    from kopir.exchange.importing import import_records  # noqa: PLC0415
    from kopir.exchange.lines import read_directory  # noqa: PLC0415

    files = read_directory(directory)
    figures: dict[str, Any] = {"database": connection.vendor}
    for step, dry_run in (("dry_run", True), ("import", False), ("reimport", False)):
        began = time.perf_counter()
        result = import_records(*files, dry_run=dry_run, actor=None)
        figures[step] = {"seconds": round(time.perf_counter() - began, 1), **result.summary()}
        if result.problems:
            figures[step]["problems"] = [p.as_dict("en") for p in result.problems[:5]]
    figures["employees_stored"] = Employee.objects.count()
    began = time.perf_counter()
    bodies, employees = export_records(export_to)
    figures["export"] = {"seconds": round(time.perf_counter() - began, 1), "employees": employees, "bodies": bodies}
    print(json.dumps(figures))


def _fresh_postgres(url: str) -> None:
    import psycopg  # noqa: PLC0415

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--postgres", help="a PostgreSQL URL whose database may be dropped and created")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        _one(Path(arguments.child[0]), Path(arguments.child[1]))
        return
    with tempfile.TemporaryDirectory(prefix="kopir-records-") as work:
        files = Path(work) / "in"
        files.mkdir()
        began = time.perf_counter()
        generate(files, arguments.employees, arguments.seed)
        size = sum(path.stat().st_size for path in files.iterdir())
        print(f"generated {arguments.employees} employees ({size / 1e6:.1f} MB) in {time.perf_counter() - began:.1f} s")
        databases = [f"sqlite:///{work}/kopir.sqlite3"] + ([arguments.postgres] if arguments.postgres else [])
        for url in databases:
            if url.startswith("postgres"):
                _fresh_postgres(url)
            env = os.environ | {
                "KOPIR_VAR_DIR": work,
                "DJANGO_SETTINGS_MODULE": "kopir.web.settings.dev",
                "DATABASE_URL": url,
            }
            output = subprocess.run(  # noqa: S603 - this script, fixed arguments
                [sys.executable, __file__, "--child", str(files), f"{work}/out-{len(url)}"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            figures = json.loads(output.splitlines()[-1])
            _print(figures, arguments.employees)


def _print(figures: dict[str, Any], employees: int) -> None:
    print(f"\n{figures['database']}: {figures['employees_stored']} employees stored")
    for step in ("dry_run", "import", "reimport"):
        seconds = figures[step]["seconds"]
        print(f"  {step:9} {seconds:7.1f} s  {employees / seconds:8.0f} employees/s  {figures[step]['employees']}")
        if "problems" in figures[step]:
            print(f"  problems: {figures[step]['problems']}")
    export = figures["export"]
    print(f"  export    {export['seconds']:7.1f} s  {export['employees'] / export['seconds']:8.0f} employees/s")


if __name__ == "__main__":
    main()
