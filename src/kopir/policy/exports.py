"""Downloads of a run's tables: each table as CSV, all of them as one Excel workbook.

The rows are the page's tables (`kopir.policy.presentation`), with the headers in the language the
analyst asked for (the address's language) and the amounts as plain numbers in tenge, not rounded to
billions: a download is for further work, where the page's rounding would lose money. The workbook is
written as `kopir.publication.exports` writes its own (openpyxl, one sheet per table, saved to bytes),
each sheet named in the analyst's language within Excel's rules for a sheet's name (`sheet_name`).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from kopir.policy.presentation import DIMENSIONS, cost_tables, group_name, payment_name, range_heading
from kopir.rules.law import Language

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COST_TABLES = {
    "cost-by-year": gettext_lazy("Cost by year"),
    "cost-by-payment": gettext_lazy("Cost by payment"),
    "cost-by-payment-and-year": gettext_lazy("Each payment by year"),
}
GROUP_TABLES = {dimension.replace("_", "-"): title for dimension, title in DIMENSIONS.items()}
ABOUT_SHEET = gettext_lazy("Reform")
SHEETS = {  # the tables' names, short enough for a sheet's tab in each language
    **COST_TABLES,
    "income-decile": gettext_lazy("By income decile"),
    "region": DIMENSIONS["region"],
    "birth-order": DIMENSIONS["birth_order"],
}
SHEET_NAME_LIMIT = 31  # Excel refuses a longer name, and any of the characters below
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str) -> str:
    """`name` as Excel takes it for a sheet (a translation that breaks a rule still gives a workbook)."""
    return NOT_IN_SHEET_NAMES.sub("", name)[:SHEET_NAME_LIMIT].strip()


def tables_of(document: dict[str, Any]) -> list[tuple[str, str]]:
    """The tables a run's document holds, as (id, name in the page's language)."""
    groups = [(key, str(name)) for key, name in GROUP_TABLES.items() if key.replace("-", "_") in document["by"]]
    return [(key, str(name)) for key, name in COST_TABLES.items()] + groups


def _range_columns(document: dict[str, Any], language: Language) -> list[str]:
    heading = range_heading(document, language)
    if heading is None:
        return []
    return [_("%(range)s, low, tenge") % {"range": heading}, _("%(range)s, high, tenge") % {"range": heading}]


def _ends(found: dict[str, float] | None, columns: list[str]) -> list[Any]:
    """A row's range cells: none when the run has no range, empty cells when this row has none."""
    if not columns:
        return []
    return [None, None] if found is None else [found["low"], found["high"]]


def _cost_rows(document: dict[str, Any], table: str, language: Language) -> list[list[Any]]:
    amounts = [_("Today's law, tenge"), _("With the reform, tenge"), _("Change, tenge")]
    ranged = _range_columns(document, language)
    tables = cost_tables(document)
    if table == "cost-by-year":
        rows = [[_("Year"), *amounts, *ranged]]
        rows += [
            [r["year"], r["baseline"], r["reform"], r["change"], *_ends(r["range"], ranged)] for r in tables["years"]
        ]
        return rows
    if table == "cost-by-payment":
        rows = [[_("Payment"), *amounts, *ranged]]
        rows += [
            [r["name"], r["baseline"], r["reform"], r["change"], *_ends(r["range"], ranged)] for r in tables["payments"]
        ]
        total = tables["total"]
        rows.append(
            [_("All payments"), total["baseline"], total["reform"], total["change"], *_ends(total["range"], ranged)]
        )
        return rows
    rows = [[_("Payment"), _("Year"), *amounts]]
    rows += [
        [payment_name(r["payment"]), r["year"], r["baseline"], r["reform"], r["change"]]
        for r in document["cost_by_payment_and_year"]
    ]
    return rows


def _group_rows(document: dict[str, Any], table: str, language: Language) -> list[list[Any]]:
    dimension = table.replace("-", "_")
    heading = [
        _("Group"),
        _("Births"),
        _("Average today, tenge"),
        _("Average with the reform, tenge"),
        _("Change, tenge"),
        _("Share paid more"),
        _("Share paid less"),
    ]
    keys = ("births", "average_baseline", "average_reform", "average_change", "winners_share", "losers_share")
    return [heading] + [
        [group_name(dimension, row["group"], language), *(row[key] for key in keys)]
        for row in document["by"][dimension]
    ]


def table_rows(document: dict[str, Any], table: str, language: Language) -> list[list[Any]]:
    """One table as rows, the header first; `table` is one of `tables_of(document)`'s ids."""
    if table in COST_TABLES:
        return _cost_rows(document, table, language)
    return _group_rows(document, table, language)


def run_csv(document: dict[str, Any], table: str, language: Language) -> str:
    buffer = io.StringIO()
    rows = table_rows(document, table, language)
    csv.writer(buffer, lineterminator="\n").writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def run_workbook(document: dict[str, Any], language: Language) -> bytes:
    """A sheet of the reform (what was costed, on what) and one sheet per table, named in `language`."""
    book = Workbook()
    about = book.active
    about.title = sheet_name(str(ABOUT_SHEET))
    reform = document["reform"]
    about.append([_("Reform"), reform["title"][language]])
    about.append([_("Description"), reform.get("description", {}).get(language, "")])
    about.append([_("Persons simulated"), document["persons_simulated"]])
    about.append([_("Births represented"), document["births_represented"]])
    about.append([_("Seed"), document["seed"]])
    for table, _name in tables_of(document):
        sheet = book.create_sheet(sheet_name(str(SHEETS[table])))
        for row in table_rows(document, table, language):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
