"""Cells to JSON and back: how a run's exact cells are stored and printed (Decimals as strings)."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from kopir.statistics.cells import Cell


def cell_to_json(cell: Cell) -> dict[str, Any]:
    data = asdict(cell)
    if isinstance(cell.value, Decimal):
        data["value"] = str(cell.value)
    return data


def cell_from_json(data: dict[str, Any]) -> Cell:
    value = data["value"]
    if isinstance(value, str):
        value = Decimal(value)
    return Cell(**{**data, "value": value})
