"""Workbooks for the tests: the example records written into the downloadable template, or any rows."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook, load_workbook

from kopir.exchange.sheet_layout import BODIES_SHEET, EMPLOYEES_SHEET, SHEET_COLUMNS, body_row, employee_rows
from kopir.exchange.sheet_writing import workbook_template


def from_template(
    body_rows: list[dict[str, Any]],
    people: list[dict[str, Any]],
    *,
    lang: str = "en",
    extra: dict[str, Any] | None = None,
) -> bytes:
    """The template in `lang`, filled in as an HR officer would: one row per body, rows per person.

    `extra` adds columns the template does not have ({name: value for the first data row})."""
    book = load_workbook(io.BytesIO(workbook_template(lang)))
    for name, rows in ((BODIES_SHEET, [body_row(b) for b in body_rows]), (EMPLOYEES_SHEET, _rows(people))):
        sheet = book[name]
        columns = list(SHEET_COLUMNS[name])
        for index, (column, value) in enumerate((extra or {}).get(name, {}).items()):
            sheet.cell(row=1, column=len(columns) + 1 + index, value=column)
            sheet.cell(row=2, column=len(columns) + 1 + index, value=value)
        for number, row in enumerate(rows, start=2):
            for index, column in enumerate(columns, start=1):
                if row.get(column) is not None:
                    sheet.cell(row=number, column=index, value=row[column])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for person in people for row in employee_rows(person)]


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook with exactly these sheets and cells (the first row of each is its header)."""
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cells(result: Any) -> set[tuple[str, int, str, str]]:
    """(sheet, row, column name, code) of each problem."""
    return {(c.sheet, c.row, c.field, c.reason.code) for c in result.problems}
