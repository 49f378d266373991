"""``kopir records import DIR|WORKBOOK.xlsx [--dry-run]``, ``kopir records export DIR [--xlsx]`` and
``kopir records template FILE.xlsx --lang kk|ru|en``.

A directory holds ``bodies.jsonl`` and ``employees.jsonl``, or else ``bodies.csv`` and
``employees.csv``; a workbook holds both sheets (decision 0022). The report of a spreadsheet names
sheet, row and column instead of file, line and field.

Bad input exits with status 2 and the report (every rejected line: file, line, field, reason,
in ``--lang``) as JSON on standard error; nothing is written then. Django is set up only when a
command runs, as for ``kopir demo``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kopir.command_setup import django_ready

EXIT_INVALID = 2
LANGUAGES = ("kk", "ru", "en")


@click.group()
def records() -> None:
    """Import a state body's personnel and leave records, or export them (JSON Lines)."""


@records.command(name="import")
@click.argument("directory", type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check everything and write nothing.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the report.")
def import_command(directory: Path, dry_run: bool, lang: str) -> None:
    """Import bodies.jsonl and employees.jsonl (or bodies.csv and employees.csv) from DIRECTORY, or an XLSX
    workbook: all or nothing."""
    django_ready()
    from kopir.exchange.sheet_import import import_spreadsheet, sheets_report  # noqa: PLC0415 - needs Django

    spreadsheet = import_spreadsheet(directory, dry_run=dry_run)
    if spreadsheet is not None:
        if not spreadsheet.accepted:
            click.echo(json.dumps(sheets_report(spreadsheet.problems, lang), ensure_ascii=False, indent=2), err=True)
            sys.exit(EXIT_INVALID)
        click.echo(json.dumps(spreadsheet.summary(), ensure_ascii=False))
        return
    from kopir.exchange.importing import import_records  # noqa: PLC0415 - needs Django
    from kopir.exchange.lines import counted_lines, read_directory  # noqa: PLC0415
    from kopir.exchange.problems import report  # noqa: PLC0415

    bodies, employees = read_directory(directory)
    lines = counted_lines(employees)
    with click.progressbar(length=lines, label="Importing employees", file=sys.stderr) as bar:
        result = import_records(bodies, employees, dry_run=dry_run, actor=None, progress=bar.update)
    if not result.accepted:
        click.echo(json.dumps(report(result.problems, lang), ensure_ascii=False, indent=2), err=True)
        sys.exit(EXIT_INVALID)
    click.echo(json.dumps(result.summary(), ensure_ascii=False))


@records.command(name="export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--xlsx", is_flag=True, help="Write one workbook, records.xlsx, instead of the JSON Lines files.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of its guide.")
def export_command(directory: Path, xlsx: bool, lang: str) -> None:
    """Write every body and employee to bodies.jsonl and employees.jsonl (or records.xlsx) in DIRECTORY."""
    django_ready()
    if xlsx:
        from kopir.exchange.sheet_writing import export_workbook  # noqa: PLC0415 - needs Django

        directory.mkdir(parents=True, exist_ok=True)
        with (directory / "records.xlsx").open("wb") as out:
            bodies, employees = export_workbook(out, lang=lang)
        click.echo(json.dumps({"bodies": bodies, "employees": employees}))
        return
    from kopir.cases.models import Employee  # noqa: PLC0415 - needs Django
    from kopir.exchange.exporting import export_records  # noqa: PLC0415

    with click.progressbar(length=Employee.objects.count(), label="Exporting employees", file=sys.stderr) as bar:
        bodies, employees = export_records(directory, progress=bar.update)
    click.echo(json.dumps({"bodies": bodies, "employees": employees}))


@records.command(name="template")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the guide.")
def template_command(file: Path, lang: str) -> None:
    """Write an empty workbook to fill in, its columns described in LANG."""
    django_ready(migrate=False)
    from kopir.exchange.sheet_writing import workbook_template  # noqa: PLC0415 - needs Django

    file.write_bytes(workbook_template(lang))
