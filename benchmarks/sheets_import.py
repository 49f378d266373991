"""How fast a workbook of records is written, checked and imported, beside the same records as JSON Lines.

Prints figures; never passes or fails. Run: ``.venv/bin/python benchmarks/sheets_import.py``
(options: ``--employees 20000 --seed 2026``). The records are those of ``records_import.py``'s
generator (20 bodies; careers, children, leave, returns, separations). In a fresh SQLite database (a
temporary ``KOPIR_VAR_DIR``, the development settings) it times: the workbook written from the JSON
objects (``write_workbook``), its size; a dry run of the workbook (read, turned into lines, checked);
the import; the XLSX export; and, for comparison, a dry run of the same records as two CSV files and as
JSON Lines.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def _csv(rows: list[dict[str, object]], columns: tuple[str, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            ["" if row.get(c) is None else str(row[c]).lower() if isinstance(row[c], bool) else row[c] for c in columns]
        )
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kopir-sheets-") as work:
        os.environ |= {
            "KOPIR_VAR_DIR": work,
            "DJANGO_SETTINGS_MODULE": "kopir.web.settings.dev",
            "DATABASE_URL": f"sqlite:///{work}/kopir.sqlite3",
        }
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import django  # noqa: PLC0415 - set up for this run's own database
        from django.core.management import call_command  # noqa: PLC0415

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        from kopir.exchange.importing import import_records  # noqa: PLC0415
        from kopir.exchange.sheet_import import import_csv, import_workbook  # noqa: PLC0415
        from kopir.exchange.sheet_layout import (  # noqa: PLC0415
            BODIES_SHEET,
            EMPLOYEES_SHEET,
            SHEET_COLUMNS,
            body_row,
            employee_rows,
        )
        from kopir.exchange.sheet_writing import export_workbook, write_workbook  # noqa: PLC0415
        from records_import import generate  # noqa: PLC0415 - the same generator as the JSON Lines benchmark

        files = Path(work)
        generate(files, arguments.employees, arguments.seed)
        bodies = [json.loads(line) for line in (files / "bodies.jsonl").read_text().splitlines()]
        people = [json.loads(line) for line in (files / "employees.jsonl").read_text().splitlines()]
        figures = {}

        def timed(name: str, work_to_do: object) -> object:
            began = time.perf_counter()
            result = work_to_do()  # type: ignore[operator]
            figures[name] = round(time.perf_counter() - began, 1)
            return result

        out = io.BytesIO()
        timed("write workbook", lambda: write_workbook(out, bodies, people, "en"))
        workbook = out.getvalue()
        jsonl = (files / "bodies.jsonl").read_bytes(), (files / "employees.jsonl").read_bytes()
        body_csv = _csv([body_row(b) for b in bodies], SHEET_COLUMNS[BODIES_SHEET])
        people_csv = _csv([r for p in people for r in employee_rows(p)], SHEET_COLUMNS[EMPLOYEES_SHEET])
        timed("CSV dry run", lambda: import_csv(body_csv, people_csv, dry_run=True, actor=None))
        dry = timed("workbook dry run", lambda: import_workbook(workbook, dry_run=True, actor=None))
        timed("JSON Lines dry run", lambda: import_records(*jsonl, dry_run=True, actor=None))
        done = timed("workbook import", lambda: import_workbook(workbook, dry_run=False, actor=None))
        timed("XLSX export", lambda: export_workbook(io.BytesIO(), lang="en"))
        print(f"{arguments.employees} employees, workbook {len(workbook) / 1e6:.1f} MB")
        print(f"accepted: dry run {dry.accepted}, import {done.accepted}")  # type: ignore[attr-defined]
        for name, seconds in figures.items():
            print(f"{name:>20}: {seconds:7.1f} s  {arguments.employees / max(seconds, 0.1):9.0f} employees/s")


if __name__ == "__main__":
    main()
