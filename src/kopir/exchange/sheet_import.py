"""Importing a workbook (XLSX) or two CSV files: the JSON Lines import's checks, reported by cell.

The sheets are turned into the two JSON Lines files, line for person, and `import_records` does
the rest: the same checks, the same all-or-nothing transaction, the same idempotence. Each of its
problems is then moved to the cell its value came from (sheet, row, column letter and name); a
problem met while reading (a formula, an unknown column, a row before any employee) is reported the
same way, and then nothing is written even if the records themselves are sound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import simplejson
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kopir.accounts.models import User
from kopir.exchange import problems as p
from kopir.exchange.importing import ImportResult, import_records
from kopir.exchange.records import BODIES_FILE, EMPLOYEES_FILE
from kopir.exchange.sheet_layout import (
    BODIES_SHEET,
    EMPLOYEES_SHEET,
    SHEET_COLUMNS,
    Built,
    RowFault,
    body_built,
    employees_built,
)
from kopir.exchange.sheet_reading import Sheet, SheetFault, WorkbookRefused, read_csv, read_workbook

READING_REASONS = {
    "unknown_field": p.Reason("unknown_field", _("Unknown column: the format has no column of this name.")),
    "duplicate_key": p.Reason("duplicate_key", _("This column is written twice; keep one.")),
    "formula": p.Reason("formula", _("A formula: write the value itself (Kopir does not compute formulas).")),
    "cell_too_long": p.Reason("cell_too_long", _("This cell is too long.")),
    "no_column": p.Reason("no_column", _("A value in a column without a name in the first row.")),
    "empty_sheet": p.Reason("empty_sheet", _("The sheet is empty: its first row must name the columns.")),
    "missing_sheet": p.Reason("missing_sheet", _("The workbook has no sheet of this name.")),
    "not_a_workbook": p.Reason("not_a_workbook", _("Not an XLSX workbook (or a damaged one).")),
    "unpacked_too_large": p.Reason(
        "unpacked_too_large", _("The workbook unpacks to more than %(limit)s bytes (a zip bomb?).")
    ),
    "too_many_rows": p.Reason("too_many_rows", _("More than %(limit)s rows.")),
    "not_utf8": p.NOT_UTF8_LINE,
    "not_choice": p.Reason(
        "not_choice", _("Must be one of: employee, appointment, child, segment, return, separation.")
    ),
    "row_before_employee": p.Reason(
        "row_before_employee", _("This row comes before any employee row: put it under its employee.")
    ),
    "duplicate_row": p.Reason("duplicate_row", _("She already has a row of this kind for this leave or career.")),
    "empty_workbook": p.Reason("empty_workbook", _("Both sheets are empty: there is nothing to import.")),
}
ROW_TWINS = {
    p.DUPLICATE_CODE.code: p.Reason(p.DUPLICATE_CODE.code, _("This body code is already in row %(line)s.")),
    p.DUPLICATE_REF.code: p.Reason(
        p.DUPLICATE_REF.code, _("This reference is already used for the body in row %(line)s.")
    ),
    p.DUPLICATE_IIN.code: p.Reason(p.DUPLICATE_IIN.code, _("This IIN is already in row %(line)s.")),
}
"""The JSON Lines reasons that name another line, naming its row instead."""


@dataclass(frozen=True)
class CellProblem:
    """One rejected cell: sheet, row (1 is the header, 0 the whole sheet), column letter and name."""

    sheet: str
    row: int
    column: str
    field: str
    reason: p.Reason
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str) -> str:
        return p.Problem("", self.row, self.field, self.reason, self.params).message(lang)

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "code": self.reason.code,
            "message": self.message(lang),
        }


@dataclass
class SheetImportResult:
    problems: list[CellProblem] = field(default_factory=list)
    records: ImportResult | None = None

    @property
    def accepted(self) -> bool:
        return not self.problems and self.records is not None and self.records.accepted

    def summary(self) -> dict[str, Any]:
        assert self.records is not None  # noqa: S101 - only asked of an accepted import
        return self.records.summary()


def sheets_report(problems: list[CellProblem], lang: str) -> dict[str, Any]:
    """The error report, as the JSON Lines one: the first `MAX_REPORTED` by sheet and row, and how many more."""
    ordered = sorted(problems, key=lambda c: (c.sheet != BODIES_SHEET, c.sheet, c.row, len(c.column), c.column))
    shown = [problem.as_dict(lang) for problem in ordered[: p.MAX_REPORTED]]
    document: dict[str, Any] = {"errors": shown, "total": len(ordered)}
    if len(ordered) > len(shown):
        document["more"] = p.more_problems(len(ordered) - len(shown), lang)
    return document


def _letters(sheet: Sheet | None) -> dict[str, str]:
    return {} if sheet is None else sheet.letters


def _jsonl(built: list[Built]) -> bytes:
    return "".join(simplejson.dumps(b.value, use_decimal=True, ensure_ascii=False) + "\n" for b in built).encode()


def _located(problem: p.Problem, built: dict[str, list[Built]], letters: dict[str, dict[str, str]]) -> CellProblem:
    sheet = BODIES_SHEET if problem.file == BODIES_FILE else EMPLOYEES_SHEET
    if problem.line == 0 or problem.line > len(built[sheet]):
        return CellProblem(sheet, 0, "", "", problem.reason, problem.params)
    row, column = built[sheet][problem.line - 1].cell_of(problem.path)
    params = tuple(
        (name, str(built[sheet][int(value) - 1].first_row) if name == "line" and value.isdigit() else value)
        for name, value in problem.params
    )
    reason = ROW_TWINS.get(problem.reason.code, problem.reason)
    return CellProblem(sheet, row, letters[sheet].get(column, ""), column, reason, params)


def import_sheets(
    sheets: dict[str, Sheet],
    faults: list[SheetFault],
    *,
    dry_run: bool,
    actor: User | None,
    progress: Callable[[int], None] | None = None,
) -> SheetImportResult:
    """Check the sheets as the JSON Lines import checks its files; write only if nothing is wrong."""
    row_faults: list[RowFault] = []
    bodies = [body_built(number, row) for number, row in sheets[BODIES_SHEET].rows] if BODIES_SHEET in sheets else []
    employees_sheet = sheets.get(EMPLOYEES_SHEET)
    employees = list(employees_built(iter(employees_sheet.rows), row_faults)) if employees_sheet else []
    letters = {name: _letters(sheets.get(name)) for name in SHEET_COLUMNS}
    result = SheetImportResult()
    for fault in faults:
        letter_field = next((n for n, letter in letters.get(fault.sheet, {}).items() if letter == fault.column), "")
        reason = READING_REASONS[fault.code]
        result.problems.append(CellProblem(fault.sheet, fault.row, fault.column, letter_field, reason, fault.params))
    for row_fault in row_faults:
        letter = letters[EMPLOYEES_SHEET].get(row_fault.column, "")
        reason = READING_REASONS[row_fault.code]
        result.problems.append(CellProblem(EMPLOYEES_SHEET, row_fault.row, letter, row_fault.column, reason))
    if not bodies and not employees:  # nothing to check beyond what reading found
        if not result.problems:
            result.problems.append(CellProblem("", 0, "", "", READING_REASONS["empty_workbook"]))
        return result
    result.records = import_records(
        _jsonl(bodies),
        _jsonl(employees),
        dry_run=dry_run or bool(result.problems),
        actor=actor,
        progress=progress,
    )
    built = {BODIES_SHEET: bodies, EMPLOYEES_SHEET: employees}
    result.problems += [_located(problem, built, letters) for problem in result.records.problems]
    return result


def import_workbook(data: bytes, *, dry_run: bool, actor: User | None) -> SheetImportResult:
    """An XLSX workbook's bodies and employees sheets, all or nothing."""
    faults: list[SheetFault] = []
    try:
        sheets = read_workbook(data, faults)
    except WorkbookRefused as refused:
        fault = refused.fault
        return SheetImportResult([CellProblem("", 0, "", "", READING_REASONS[fault.code], fault.params)])
    return import_sheets(sheets, faults, dry_run=dry_run, actor=actor)


def import_csv(
    bodies: bytes | None, employees: bytes | None, *, dry_run: bool, actor: User | None
) -> SheetImportResult:
    """Two CSV files, one per sheet (either may be left out when Kopir already holds what it would say)."""
    faults: list[SheetFault] = []
    sheets = {
        name: read_csv(name, data, faults)
        for name, data in ((BODIES_SHEET, bodies), (EMPLOYEES_SHEET, employees))
        if data is not None
    }
    return import_sheets(sheets, faults, dry_run=dry_run, actor=actor)


def import_spreadsheet(path: Path, *, dry_run: bool, actor: User | None = None) -> SheetImportResult | None:
    """`path` as the command line gives it: a workbook, or a directory of two CSV files and no JSON Lines;
    None for a directory of JSON Lines (the JSON Lines import's own)."""
    if path.is_dir():
        csv_files = [path / f"{name}.csv" for name in (BODIES_SHEET, EMPLOYEES_SHEET)]
        if (path / BODIES_FILE).exists() or (path / EMPLOYEES_FILE).exists() or not any(f.exists() for f in csv_files):
            return None
        bodies, employees = (f.read_bytes() if f.is_file() else None for f in csv_files)
        return import_csv(bodies, employees, dry_run=dry_run, actor=actor)
    if path.stat().st_size > settings.KOPIR_RECORDS_UPLOAD_MAX_BYTES:
        limit = str(settings.KOPIR_RECORDS_UPLOAD_MAX_BYTES)
        return SheetImportResult([CellProblem("", 0, "", "", p.TOO_LARGE, (("limit", limit),))])
    return import_workbook(path.read_bytes(), dry_run=dry_run, actor=actor)
