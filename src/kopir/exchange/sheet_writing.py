"""Workbooks out: the template an HR office fills in (kk/ru/en), and the export of every record.

Both have the layout `sheet_layout` reads: the column names in the first row (the same in every
language, as the JSON format's field names are), a note on each header cell and a guide sheet that
describe the columns in the chosen language. Text columns are formatted as text, so that an IIN or a
reference keeps its leading zeros; dates are real dates. The export streams (``write_only``), so a
national set of records does not sit in memory as cells.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from kopir.exchange.exporting import body_records, employee_records, export_logged
from kopir.exchange.sheet_layout import (
    BODIES_SHEET,
    DATE_COLUMNS,
    EMPLOYEES_SHEET,
    KIND_COLUMNS,
    ROW_COLUMN,
    SHEET_COLUMNS,
    TEXT_COLUMNS,
    body_row,
    employee_rows,
)
from kopir.exchange.sheet_reading import column_letter

DESCRIPTIONS = {
    "code": gettext_lazy("The body's code, unique (for example KZ-71-MF)."),
    "name_kk": gettext_lazy("The body's name in Kazakh."),
    "name_ru": gettext_lazy("The body's name in Russian."),
    "name_en": gettext_lazy("The body's name in English."),
    "parent": gettext_lazy("The code of the body above it, or empty."),
    "level": gettext_lazy("central, regional, district or rural."),
    "region": gettext_lazy("The region's ISO 3166-2 code (for example KZ-75)."),
    ROW_COLUMN: gettext_lazy(
        "What the row is: employee (starts a person), then her appointment, child, segment, return, separation rows."
    ),
    "ref": gettext_lazy("Employee row: the body's own reference for the person, unique in the body."),
    "iin": gettext_lazy("Employee row: the IIN, 12 digits, as text."),
    "sex": gettext_lazy("Employee row: F or M."),
    "birth_date": gettext_lazy("Employee row: her date of birth. Child row: the child's date of birth."),
    "body": gettext_lazy("Employee row: her body's code. Appointment row: the body of the post."),
    "from": gettext_lazy("Appointment row: the first day in the post."),
    "to": gettext_lazy("Appointment row: the last day in the post; empty for the current post."),
    "position": gettext_lazy("Appointment row: the post's name."),
    "corps": gettext_lazy("Appointment row: political, A or B."),
    "category": gettext_lazy("Appointment row: the post's category (for example C-4)."),
    "managerial_level": gettext_lazy(
        "Appointment row: political, corps_a, head_of_central_department, head_of_unit, deputy_head, "
        "head_of_sector or specialist."
    ),
    "monthly_pay": gettext_lazy("Appointment row: the monthly pay in tenge."),
    "adopted": gettext_lazy("Child row: TRUE if adopted, else FALSE."),
    "child_birth_date": gettext_lazy("Segment and return rows: the birth date of the child the leave is for."),
    "kind": gettext_lazy("Segment row: maternity, adoption, annual or childcare."),
    "start": gettext_lazy("Segment row: the first day of the leave segment."),
    "end": gettext_lazy("Segment row: the last day of the leave segment."),
    "date": gettext_lazy("Return row: the first working day after the leave. Separation row: the day she left."),
    "mode": gettext_lazy("Return row: same_post, equivalent_post, lower_post, part_time, phased or remote."),
    "reason": gettext_lazy(
        "Separation row: resignation, reorganisation, fixed_term_end, dismissal, transfer, retirement, death or other."
    ),
    "destination": gettext_lazy("Separation row: state_body, private_sector, not_working or unknown."),
}
HEADER_FONT = Font(bold=True)


def _cell_out(sheet: Any, column: str, value: Any) -> Any:
    """A value as a cell: ISO dates as real dates, the rest as it is (None empty)."""
    if column in DATE_COLUMNS and isinstance(value, str):
        try:
            cell = WriteOnlyCell(sheet, value=date.fromisoformat(value))
        except ValueError:
            return value
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def _header(sheet: Any, name: str, *, notes: bool) -> None:
    columns = SHEET_COLUMNS[name]
    if notes:
        sheet.append(list(columns))
        for index, column in enumerate(columns):
            cell = sheet.cell(row=1, column=index + 1)
            cell.font = HEADER_FONT
            cell.comment = Comment(str(DESCRIPTIONS[column]), "Kopir")
            width = max(len(column) + 4, 14)
            sheet.column_dimensions[column_letter(index)].width = width
            if column in TEXT_COLUMNS:
                sheet.column_dimensions[column_letter(index)].number_format = "@"
        sheet.freeze_panes = "A2"
    else:
        sheet.append(list(columns))


def _guide(book: Workbook) -> None:
    guide = book.create_sheet(_("Columns"))
    guide.append([_("Sheet"), _("Column"), _("What to write")])
    for name, columns in SHEET_COLUMNS.items():
        for column in columns:
            guide.append([name, column, str(DESCRIPTIONS[column])])
    guide.column_dimensions["C"].width = 100


def workbook_template(lang: str) -> bytes:
    """An empty workbook to fill in: the two sheets with their columns, described in `lang`."""
    with translation.override(lang):
        book = Workbook()
        first = book.active
        assert first is not None  # noqa: S101 - a new workbook has one sheet
        first.title = BODIES_SHEET
        _header(first, BODIES_SHEET, notes=True)
        people = book.create_sheet(EMPLOYEES_SHEET)
        _header(people, EMPLOYEES_SHEET, notes=True)
        kinds = DataValidation(type="list", formula1='"' + ",".join(KIND_COLUMNS) + '"', allow_blank=True)
        people.add_data_validation(kinds)
        kinds.add("A2:A1048576")
        _guide(book)
        out = io.BytesIO()
        book.save(out)
    return out.getvalue()


def write_workbook(
    out: IO[bytes], bodies: Iterable[dict[str, Any]], employees: Iterable[dict[str, Any]], lang: str
) -> int:
    """The records (as their JSON objects) in the template's layout; returns how many employees."""
    with translation.override(lang):
        book = Workbook(write_only=True)
        body_sheet = book.create_sheet(BODIES_SHEET)
        _header(body_sheet, BODIES_SHEET, notes=False)
        for body in bodies:
            row = body_row(body)
            body_sheet.append([_cell_out(body_sheet, c, row.get(c)) for c in SHEET_COLUMNS[BODIES_SHEET]])
        people = book.create_sheet(EMPLOYEES_SHEET)
        _header(people, EMPLOYEES_SHEET, notes=False)
        count = 0
        for person in employees:
            count += 1
            for row in employee_rows(person):
                people.append([_cell_out(people, c, row.get(c)) for c in SHEET_COLUMNS[EMPLOYEES_SHEET]])
        _guide(book)
        book.save(out)
    return count


def export_workbook(out: IO[bytes], *, lang: str, actor: Any = None) -> tuple[int, int]:
    """Every body and employee Kopir holds, as `kopir records export` writes them, in one workbook."""
    bodies = [body.to_json() for body in body_records()]
    count = write_workbook(out, bodies, (record.to_json() for record in employee_records()), lang)
    export_logged(actor, f"records export (XLSX): {count} employees")
    return len(bodies), count
