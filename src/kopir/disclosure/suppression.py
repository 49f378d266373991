"""Primary and complementary suppression of one table of counts (or of persons behind money cells).

Primary suppression hides the small cells themselves. Complementary suppression then hides other
cells so that no hidden one can be got back by subtraction: in any line (see `tables`) with exactly
one hidden cell, the smallest other non-zero cell is hidden too, a non-margin one if there is any,
until nothing changes. That heuristic is the one of the domain doc (A.6, rule 4); it is not enough
on its own (a hidden cell can still be pinned down by several lines together, or by the bounds a
reader knows: a primary cell lies in 1..threshold-1), so `kopir.disclosure.audit` checks the result
with linear programming and asks for more cells until every hidden one keeps a range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kopir.disclosure.tables import Line, Place


@dataclass
class Suppression:
    """Which places of a table are hidden, and why (``primary`` wins over ``secondary``)."""

    primary: set[Place] = field(default_factory=set)
    secondary: set[Place] = field(default_factory=set)

    @property
    def hidden(self) -> set[Place]:
        return self.primary | self.secondary


def small_counts(values: Mapping[Place, int], threshold: int) -> set[Place]:
    """Counts 1..threshold-1: a true zero is shown, it singles nobody out."""
    return {place for place, value in values.items() if 0 < value < threshold}


def complete(values: Mapping[Place, int], lines: Iterable[Line], suppression: Suppression) -> Suppression:
    """Complementary suppression to a fixed point: no line is left with exactly one hidden cell."""
    lines = list(lines)
    hidden = suppression.hidden
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(place in hidden for place in line.places()) != 1:
                continue
            partner = smallest_shown(values, line, hidden)
            if partner is not None:
                suppression.secondary.add(partner)
                hidden.add(partner)
                changed = True
    return suppression


def smallest_shown(values: Mapping[Place, int], line: Line, hidden: set[Place]) -> Place | None:
    """The line's smallest shown non-zero cell, a member before the margin; None when there is none."""
    for candidates in (line.members, (line.margin,)):
        shown = [place for place in candidates if place not in hidden and values[place] != 0]
        if shown:
            return min(shown, key=lambda place: (values[place], place))
    return None
