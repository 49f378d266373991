"""Cells as stored in a release and as the contract writes them (cells.csv, cells.json, metadata.json)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from kopir.publication.models import Release
from kopir.statistics.cells import Cell

CONTRACT_FIELDS = (
    "indicator",
    "period",
    "sex",
    "region",
    "body",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "status",
)


def stored(cell: Cell) -> dict[str, Any]:
    """A cell for the release's JSON field: exact decimals kept as text, the kind kept for readers."""
    record: dict[str, Any] = {name: getattr(cell, name) for name in CONTRACT_FIELDS}
    if isinstance(cell.value, Decimal):
        record["value"] = str(cell.value)
    record["kind"] = cell.kind
    return record


def contract_row(record: dict[str, Any]) -> dict[str, Any]:
    """One object of cells.json: the contract's fields, numbers as exact numbers, None where suppressed."""
    row = {name: record[name] for name in CONTRACT_FIELDS}
    if isinstance(row["value"], str):
        row["value"] = Decimal(row["value"])
    return row


def cells_csv(release: Release) -> str:
    """cells.csv: one row per cell, the contract's columns, empty where suppressed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CONTRACT_FIELDS)
    for record in release.cells:
        row = contract_row(record)
        writer.writerow(["" if row[name] is None else row[name] for name in CONTRACT_FIELDS])
    return buffer.getvalue()


def metadata(release: Release) -> dict[str, Any]:
    """metadata.json: the release, its cut-off, the policy with every threshold, the methodology."""
    return {
        "release": release.pk,
        "created_at": release.created_at.isoformat(),
        "cut_off": release.cut_off.isoformat(),
        "year": release.year,
        "replaces": release.replaces_id,
        "policy": {"name": release.policy_name, "version": release.policy_version, **release.policy_settings},
        "methodology_version": release.methodology_version,
        "indicators": release.indicators,
        "noise": release.noise,
        "protection": release.protection,
    }
