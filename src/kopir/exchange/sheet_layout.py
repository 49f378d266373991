"""The spreadsheet form of the records format: two sheets, their columns, and the way between rows and
the JSON objects of `bodies.jsonl` and `employees.jsonl` (issue 18, decision 0022).

- **bodies**: one row per body; the names are three columns (``name_kk``, ``name_ru``, ``name_en``).
- **employees**: an ``employee`` row starts a person; the rows under it, until the next ``employee``
  row, are hers: ``appointment``, ``child``, ``segment`` and ``return`` (an episode is named by its
  child's birth date, ``child_birth_date``, as in the JSON format) and ``separation``. The ``row``
  column says which; each kind fills its own columns and leaves the others empty.

A workbook is read by turning each person back into the JSON object the JSON Lines import checks,
and remembering for every JSON path the row and column it came from: the same checks and the same
all-or-nothing write serve both forms, and each problem is reported at its cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

BODIES_SHEET = "bodies"
EMPLOYEES_SHEET = "employees"
ROW_COLUMN = "row"
BODY_COLUMNS = ("code", "name_kk", "name_ru", "name_en", "parent", "level", "region")
EMPLOYEE = "employee"
KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    EMPLOYEE: ("ref", "iin", "sex", "birth_date", "body"),
    "appointment": ("from", "to", "body", "position", "corps", "category", "managerial_level", "monthly_pay"),
    "child": ("birth_date", "adopted"),
    "segment": ("child_birth_date", "kind", "start", "end"),
    "return": ("child_birth_date", "date", "mode"),
    "separation": ("date", "reason", "destination"),
}
EMPLOYEE_COLUMNS = (ROW_COLUMN, *dict.fromkeys(c for columns in KIND_COLUMNS.values() for c in columns))
SHEET_COLUMNS = {BODIES_SHEET: BODY_COLUMNS, EMPLOYEES_SHEET: EMPLOYEE_COLUMNS}
TEXT_COLUMNS = frozenset({"code", "ref", "iin", "body", "parent", "category", "position", "region"})
"""Columns a spreadsheet must keep as text (an IIN or a reference typed as a number loses its zeros)."""
DATE_COLUMNS = frozenset({"birth_date", "from", "to", "child_birth_date", "start", "end", "date"})
AMOUNT_COLUMNS = frozenset({"monthly_pay"})
BOOLEAN_COLUMNS = frozenset({"adopted"})
NULLABLE_COLUMNS = frozenset({"to", "parent"})
"""Empty means null here (a current appointment, a body without a parent); elsewhere empty is missing."""
Location = tuple[int, str]
"""A cell: the row's number in its sheet and the column's name."""


@dataclass
class Built:
    """One JSON object made from rows, and where each of its paths came from."""

    value: dict[str, Any]
    first_row: int
    cells: dict[str, Location] = field(default_factory=dict)

    def cell_of(self, path: str) -> Location:
        """The cell of a JSON path, or of its nearest enclosing path (the row of a whole list item)."""
        while path:
            if path in self.cells:
                return self.cells[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.cells.get("", (self.first_row, ROW_COLUMN))


@dataclass(frozen=True)
class RowFault:
    """A row the layout cannot place: before any employee, an unknown kind, a second return."""

    row: int
    column: str
    code: str


def body_built(number: int, row: dict[str, Any]) -> Built:
    """A bodies row as the JSON object of a `bodies.jsonl` line, unknown columns kept (and so rejected)."""
    value: dict[str, Any] = {"name": {}}
    built = Built(value, number, {"": (number, "code")})
    for column in BODY_COLUMNS:
        built.cells[column] = (number, column)
    for column, cell in row.items():
        if cell is None and column not in NULLABLE_COLUMNS:
            continue
        if column.startswith("name_") and column[5:] in ("kk", "ru", "en"):
            value["name"][column[5:]] = cell
            built.cells[f"name.{column[5:]}"] = (number, column)
        else:
            value[column] = cell
            built.cells[column] = (number, column)
    built.cells.update({f"name.{lang}": (number, f"name_{lang}") for lang in ("kk", "ru", "en")})
    built.cells["name"] = (number, "name_kk")
    return built


def _filled(row: dict[str, Any], kind: str) -> dict[str, Any]:
    """The columns with a value (the kind's own or not: another kind's is rejected as unknown), and
    the kind's nullable columns as null when empty; an empty required column is left out (missing)."""
    own = KIND_COLUMNS[kind]
    return {c: v for c, v in row.items() if c != ROW_COLUMN and (v is not None or (c in own and c in NULLABLE_COLUMNS))}


def _place(built: Built, path: str, number: int, values: dict[str, Any], kind: str) -> None:
    built.cells[path] = (number, ROW_COLUMN)
    for column in (*KIND_COLUMNS[kind], *values):
        built.cells[f"{path}.{column}"] = (number, column)


def _episode(built: Built, number: int, child: Any) -> tuple[int, dict[str, Any]]:
    """The episode of the child born on `child` (first seen on this row if new)."""
    episodes = built.value["episodes"]
    for index, episode in enumerate(episodes):
        if episode["child_birth_date"] == child:
            return index, episode
    episodes.append({"child_birth_date": child, "segments": [], "return": None})
    index = len(episodes) - 1
    built.cells[f"episodes[{index}]"] = (number, ROW_COLUMN)
    built.cells[f"episodes[{index}].child_birth_date"] = (number, "child_birth_date")
    built.cells[f"episodes[{index}].segments"] = (number, ROW_COLUMN)
    return index, episodes[-1]


def _add(built: Built, number: int, kind: str, row: dict[str, Any]) -> RowFault | None:
    values = _filled(row, kind)
    person = built.value
    if kind in ("appointment", "child"):
        items = person["appointments" if kind == "appointment" else "children"]
        items.append(values)
        _place(
            built, f"{'appointments' if kind == 'appointment' else 'children'}[{len(items) - 1}]", number, values, kind
        )
        return None
    if kind == "separation":
        if person["separation"] is not None:
            return RowFault(number, ROW_COLUMN, "duplicate_row")
        person["separation"] = values
        _place(built, "separation", number, values, kind)
        return None
    index, episode = _episode(built, number, values.pop("child_birth_date", None))
    if kind == "segment":
        episode["segments"].append(values)
        _place(built, f"episodes[{index}].segments[{len(episode['segments']) - 1}]", number, values, kind)
        return None
    if episode["return"] is not None:
        return RowFault(number, ROW_COLUMN, "duplicate_row")
    episode["return"] = values
    _place(built, f"episodes[{index}].return", number, values, kind)
    return None


def employees_built(rows: Iterator[tuple[int, dict[str, Any]]], faults: list[RowFault]) -> Iterator[Built]:
    """Each person's JSON object from her `employee` row and the rows under it, in sheet order."""
    current: Built | None = None
    for number, row in rows:
        kind = row.get(ROW_COLUMN)
        if kind not in KIND_COLUMNS:
            faults.append(RowFault(number, ROW_COLUMN, "not_choice"))
            continue
        if kind == EMPLOYEE:
            if current is not None:
                yield current
            value = _filled(row, EMPLOYEE) | {"appointments": [], "children": [], "episodes": [], "separation": None}
            current = Built(value, number, {"": (number, ROW_COLUMN)})
            for column in (*KIND_COLUMNS[EMPLOYEE], *value):
                current.cells[column] = (number, column if column in EMPLOYEE_COLUMNS else ROW_COLUMN)
            continue
        if current is None:
            faults.append(RowFault(number, ROW_COLUMN, "row_before_employee"))
            continue
        fault = _add(current, number, str(kind), row)
        if fault is not None:
            faults.append(fault)
    if current is not None:
        yield current


def body_row(body: dict[str, Any]) -> dict[str, Any]:
    """A `bodies.jsonl` object as a bodies row (the export and the template's example)."""
    names = body.get("name") or {}
    return {
        "code": body["code"],
        **{f"name_{lang}": names.get(lang) for lang in ("kk", "ru", "en")},
        "parent": body.get("parent"),
        "level": body.get("level"),
        "region": body.get("region"),
    }


def employee_rows(person: dict[str, Any]) -> list[dict[str, Any]]:
    """An `employees.jsonl` object as its rows: the employee, then her career, children, leave, separation."""
    rows: list[dict[str, Any]] = [{ROW_COLUMN: EMPLOYEE, **{c: person.get(c) for c in KIND_COLUMNS[EMPLOYEE]}}]
    rows += [{ROW_COLUMN: "appointment", **a} for a in person.get("appointments") or []]
    rows += [{ROW_COLUMN: "child", **c} for c in person.get("children") or []]
    for episode in person.get("episodes") or []:
        child = episode.get("child_birth_date")
        rows += [{ROW_COLUMN: "segment", "child_birth_date": child, **s} for s in episode.get("segments") or []]
        if episode.get("return"):
            rows.append({ROW_COLUMN: "return", "child_birth_date": child, **episode["return"]})
    if person.get("separation"):
        rows.append({ROW_COLUMN: "separation", **person["separation"]})
    return rows
