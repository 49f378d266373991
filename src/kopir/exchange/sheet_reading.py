"""Reading an XLSX workbook or CSV files within limits, cell by cell, without trusting them.

An XLSX file is a zip archive of XML: before openpyxl opens it, the archive's declared sizes are
checked (Python's zipfile never inflates an entry beyond its declared size, so the declared total
bounds the work: a zip bomb is refused before it is inflated), XML is parsed with defusedxml (no
entity expansion), the sheets are streamed (``read_only``), and a sheet with more rows than
`MAX_ROWS` is refused at the first row too many. A formula is refused at its cell: Kopir does not
evaluate formulas, and a cached result may be stale or forged. Cells become the JSON values the
records format expects: a date cell its ISO date, a whole number an int, text stays text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from kopir.exchange.sheet_layout import AMOUNT_COLUMNS, BOOLEAN_COLUMNS, SHEET_COLUMNS

MAX_ROWS = 2_000_000
"""Far above 200,000 employees with their histories (the upload limit's size), far below a bomb."""
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
"""The archive's declared unpacked size: an honest workbook of the largest upload is well under it."""
MAX_ENTRIES = 1000
MAX_CELL_CHARACTERS = 32_767
"""Excel's own limit for a cell; a CSV field beyond it is refused."""
REFUSED = ""
"""The name of a column whose header was refused."""


@dataclass(frozen=True)
class SheetFault:
    """A problem found while reading, at a cell (row 1 is the header; row 0 is the whole sheet)."""

    sheet: str
    row: int
    column: str
    code: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass
class Sheet:
    """A sheet's rows as {column: JSON value}, numbered as the spreadsheet numbers them."""

    name: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)
    """Each named column's letter (A, B, …), as the header placed it."""


class WorkbookRefused(Exception):
    """The whole file is refused (not a workbook, too large unpacked): nothing in it is read."""

    def __init__(self, fault: SheetFault) -> None:
        super().__init__(fault.code)
        self.fault = fault


def _text_value(value: str, column: str) -> Any:
    """Text as CSV gives every cell: an amount or a true/false where the column wants one, else the text."""
    if column in AMOUNT_COLUMNS:
        try:
            return Decimal(value.strip()) if value.strip() else None
        except InvalidOperation:
            return value
    if column in BOOLEAN_COLUMNS and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value


def _cell_value(value: Any, column: str) -> Any:
    """A cell as the JSON format's value: dates as ISO text, whole floats as ints, empty as None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return int(value) if value.is_integer() else Decimal(repr(value))
    return _text_value(value, column) if isinstance(value, str) else value


def _header(sheet: str, cells: list[Any], faults: list[SheetFault]) -> list[str | None]:
    """The header's column names (None where blank); an unknown or repeated name is a fault at its cell,
    and its column (`REFUSED`) is skipped without a fault for each of its values."""
    known, seen = SHEET_COLUMNS[sheet], set()
    names: list[str | None] = []
    for index, cell in enumerate(cells):
        name = cell.strip() if isinstance(cell, str) else cell
        if name is None or name == "":
            names.append(None)
            continue
        letter = column_letter(index)
        if name not in known:
            faults.append(SheetFault(sheet, 1, letter, "unknown_field"))
            names.append(REFUSED)
        elif name in seen:
            faults.append(SheetFault(sheet, 1, letter, "duplicate_key"))
            names.append(REFUSED)
        else:
            seen.add(name)
            names.append(str(name))
    return names


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _data_row(
    sheet: Sheet, number: int, cells: list[tuple[Any, bool]], header: list[str | None], faults: list[SheetFault]
) -> None:
    row: dict[str, Any] = {}
    for index, (value, formula) in enumerate(cells):
        column = header[index] if index < len(header) else None
        if formula:
            faults.append(SheetFault(sheet.name, number, column_letter(index), "formula"))
        elif isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
            faults.append(SheetFault(sheet.name, number, column_letter(index), "cell_too_long"))
        elif column:
            row[column] = _cell_value(value, column)
        elif column is None and value not in (None, ""):
            faults.append(SheetFault(sheet.name, number, column_letter(index), "no_column"))
    if any(value is not None for value in row.values()):
        sheet.rows.append((number, row))


def _rows(name: str, raw: Iterator[list[tuple[Any, bool]]], faults: list[SheetFault]) -> Sheet:
    """Rows of (value, is_formula) into a Sheet; blank rows are skipped, formulas refused at their cell."""
    sheet = Sheet(name)
    header: list[str | None] | None = None
    for number, cells in enumerate(raw, start=1):
        if number > MAX_ROWS:
            faults.append(SheetFault(name, number, "A", "too_many_rows", (("limit", str(MAX_ROWS)),)))
            break
        if header is None:
            header = _header(name, [value for value, _ in cells], faults)
            sheet.letters = {column: column_letter(i) for i, column in enumerate(header) if column}
        else:
            _data_row(sheet, number, cells, header, faults)
    if header is None:
        faults.append(SheetFault(name, 0, "", "empty_sheet"))
    return sheet


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookRefused(SheetFault("", 0, "", "not_a_workbook")) from None
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookRefused(SheetFault("", 0, "", "unpacked_too_large", (("limit", str(MAX_UNPACKED_BYTES)),)))


def read_workbook(data: bytes, faults: list[SheetFault]) -> dict[str, Sheet]:
    """The bodies and employees sheets of an XLSX workbook (other sheets, such as the guide, are ignored)."""
    import openpyxl  # noqa: PLC0415 - only when a workbook comes
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    _check_archive(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, SyntaxError):
        # SyntaxError: xml.etree's ParseError; ValueError: defusedxml's refusals of entities
        raise WorkbookRefused(SheetFault("", 0, "", "not_a_workbook")) from None
    sheets = {}
    try:
        for name in SHEET_COLUMNS:
            if name not in workbook.sheetnames:
                faults.append(SheetFault(name, 0, "", "missing_sheet"))
                continue
            cells = (
                [(cell.value, getattr(cell, "data_type", None) == "f") for cell in row]
                for row in workbook[name].iter_rows()
            )
            sheets[name] = _rows(name, cells, faults)
    except (KeyError, ValueError, TypeError, SyntaxError, zipfile.BadZipFile, OSError):
        raise WorkbookRefused(SheetFault("", 0, "", "not_a_workbook")) from None
    finally:
        workbook.close()
    return sheets


def read_csv(name: str, data: bytes, faults: list[SheetFault]) -> Sheet:
    """One sheet from a UTF-8 CSV file (comma or semicolon, as spreadsheets save it in kk/ru locales)."""
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        faults.append(SheetFault(name, text_row(data, error.start), "", "not_utf8", (("column", "1"),)))
        return Sheet(name)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _rows(name, ([(value, False) for value in row] for row in reader), faults)
    except csv.Error:  # a field beyond csv's own limit, a NUL byte
        faults.append(SheetFault(name, reader.line_num, "", "cell_too_long"))
        return Sheet(name)


def text_row(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
