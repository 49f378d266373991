"""The contract's guarantees checked on protected cells: the last gate before a release is stored.

Suppression is built to meet them; this check is independent of how, so a bug in the pipeline (or
a policy with a broken setting) stops the release instead of publishing a small count.
"""

from __future__ import annotations

from collections.abc import Iterable

from kopir.disclosure.policy import Policy
from kopir.statistics.cells import Cell


class GuaranteeBroken(RuntimeError):
    """A protected cell breaks one of the contract's guarantees."""


def check_guarantees(cells: Iterable[Cell], policy: Policy) -> None:
    """No shown count in 1..threshold-1 (values and the counts behind rates), no rate over a
    denominator below its minimum, no cell still exact; raises `GuaranteeBroken` naming the cell."""
    threshold = policy.primary_threshold
    for cell in cells:
        if cell.status == "exact":
            raise GuaranteeBroken(f"{cell.key()} is still exact")
        if cell.status.startswith("suppressed") and cell.value is not None:
            raise GuaranteeBroken(f"{cell.key()} is suppressed but has a value")
        counts = [cell.numerator, cell.denominator] if cell.kind != "money" else []
        if cell.kind == "count":
            counts.append(int(cell.value) if cell.value is not None else None)
        if any(count is not None and 0 < count < threshold for count in counts):
            raise GuaranteeBroken(f"{cell.key()} shows a count below {threshold}")
        low_denominator = cell.denominator is None or cell.denominator < policy.rate_min_denominator
        if cell.kind == "rate" and cell.value is not None and low_denominator:
            raise GuaranteeBroken(f"{cell.key()} shows a rate over a denominator below the minimum")
