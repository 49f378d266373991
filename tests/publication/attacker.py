"""The independent attacker of the property tests (tests/disclosure/tables.py) on a whole release:
for every hidden count, the least and greatest value the shown cells and the statuses allow."""

from __future__ import annotations

from kopir.disclosure import load_policy
from kopir.publication.models import Release
from tests.disclosure.tables import Point, feasible_ranges


def assert_no_hidden_count_recoverable(release: Release) -> int:
    """Each hidden count of each count table keeps a range of at least one unit; how many were checked."""
    threshold = load_policy().primary_threshold
    tables: dict[str, list[dict[str, object]]] = {}
    for record in release.cells:
        if record["kind"] == "count":
            tables.setdefault(str(record["indicator"]), []).append(record)
    checked = 0
    for records in tables.values():
        shown: dict[Point, int] = {}
        hidden: dict[Point, tuple[float, float | None]] = {}
        for record in records:
            point = (str(record["sex"]), str(record["region"]), str(record["body"]), str(record["breakdown"]))
            if record["status"] == "published":
                shown[point] = int(record["value"])  # type: ignore[call-overload]
            else:
                primary = record["status"] == "suppressed_primary"
                hidden[point] = (1.0, float(threshold - 1)) if primary else (float(threshold), None)
        for point, (low, high) in feasible_ranges(shown, hidden).items():
            assert high - low >= 1 - 1e-6, (record["indicator"], point, low, high)
            checked += 1
    return checked
