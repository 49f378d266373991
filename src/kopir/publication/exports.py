"""Downloads: a release as an Excel workbook, and a body's GRI 401-3 table as CSV or Excel."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kopir.publication.gri import GriLine
from kopir.publication.models import Release
from kopir.publication.records import CONTRACT_FIELDS, contract_row, metadata

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def release_workbook(release: Release) -> bytes:
    """Sheet "cells" (the contract's columns, empty where suppressed) and sheet "metadata"."""
    book = Workbook()
    cells = book.active
    cells.title = "cells"
    cells.append(list(CONTRACT_FIELDS))
    for record in release.cells:
        row = contract_row(record)
        cells.append([_excel(row[name]) for name in CONTRACT_FIELDS])
    about = book.create_sheet("metadata")
    document = metadata(release)
    for key in ("release", "created_at", "cut_off", "year", "replaces", "methodology_version"):
        about.append([key, _excel(document[key])])
    for key, value in document["policy"].items():
        about.append([f"policy.{key}", _excel(value)])
    return _save(book)


def gri_rows(lines: list[GriLine]) -> list[list[Any]]:
    """The GRI table as rows: item, disclosure, women, men, all (empty where not shown)."""
    header: list[Any] = ["GRI", _("Disclosure"), _("Women"), _("Men"), _("All")]
    return [header] + [[line.item, str(line.label), *(_excel(f.value) for f in line.figures)] for line in lines]


def gri_csv(lines: list[GriLine]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [["" if value is None else value for value in row] for row in gri_rows(lines)]
    )
    return buffer.getvalue()


def gri_workbook(lines: list[GriLine], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "GRI 401-3"
    sheet.append([title])
    for row in gri_rows(lines):
        sheet.append(row)
    return _save(book)


def _excel(value: Any) -> Any:
    """Excel keeps numbers as floats; exact decimals go as numbers to one decimal place anyway."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
