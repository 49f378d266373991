"""Cells to JSON and back: how a run's exact cells are stored and printed (Decimals as strings).

A run stores its cells grouped by *place*: ``all`` for the country, ``region:KZ-11`` for a
region, a body's code for a body. A page then reads one place's cells out of the JSON in the
database (a key lookup), not the whole year's few hundred thousand.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from kopir.statistics.cells import ALL, Cell

REGION = "region:"


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


def place_of(cell: Cell) -> str:
    """Where a cell is stored: its body, else its region, else the country."""
    if cell.body != ALL:
        return cell.body
    return ALL if cell.region == ALL else f"{REGION}{cell.region}"


def cells_by_place(cells: list[Cell]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for cell in cells:
        grouped.setdefault(place_of(cell), []).append(cell_to_json(cell))
    return grouped
