"""A table of one indicator in one period, and its lines: the additivity a reader can exploit.

Cells of an indicator share a period and vary along sex, region, body and breakdown. Along each of
those dimensions a *line* is the cells that agree on every other dimension; when the line holds its
margin (the value ``all``, or the empty breakdown) the margin is the sum of the others. Those are
the equations an attacker can subtract along, so they are all that complementary suppression and the
audit need. Breakdowns are ``name=value``; each name is its own dimension, with categories that are
exhaustive and exclusive (the engine's duty), the empty breakdown being their total. The period is
not additive (a person on leave in two quarters counts in both), so it never forms a line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kopir.statistics.cells import ALL, Cell

# A cell's place within its table: (sex, region, body, breakdown)
Place = tuple[str, str, str, str]
ADDITIVE = ("sex", "region", "body")


def place_of(cell: Cell) -> Place:
    return (cell.sex, cell.region, cell.body, cell.breakdown)


def breakdown_name(breakdown: str) -> str:
    """``category`` for ``category=B-4``; the empty breakdown is every name's margin."""
    return breakdown.split("=", 1)[0]


@dataclass(frozen=True)
class Line:
    """Cells that add up: ``margin`` = sum of ``members`` (places within one table)."""

    margin: Place
    members: tuple[Place, ...]

    def places(self) -> tuple[Place, ...]:
        return (self.margin, *self.members)


def lines_of(places: Iterable[Place]) -> list[Line]:
    """Every line with a margin present, along each additive dimension and each breakdown name."""
    present = set(places)
    groups: dict[tuple[object, ...], list[Place]] = defaultdict(list)
    for place in present:
        for dimension in range(len(ADDITIVE)):
            if place[dimension] != ALL:
                rest = place[:dimension] + place[dimension + 1 :]
                groups[(dimension, rest)].append(place)
        if place[3]:
            groups[(3, breakdown_name(place[3]), place[:3])].append(place)
    lines = []
    for group, members in groups.items():
        margin = _margin_of(group, members[0])
        if margin in present:
            lines.append(Line(margin, tuple(sorted(members))))
    lines.sort(key=lambda line: line.places())
    return lines


def _margin_of(group: tuple[object, ...], member: Place) -> Place:
    dimension = group[0]
    if dimension == 3:
        return (member[0], member[1], member[2], "")
    margin = [ALL if number == dimension else value for number, value in enumerate(member)]
    return (margin[0], margin[1], margin[2], margin[3])


def split_tables(cells: Iterable[Cell]) -> Iterator[tuple[tuple[str, str], list[Cell]]]:
    """The cells grouped by (indicator, period), in a stable order."""
    tables: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for cell in cells:
        tables[(cell.indicator, cell.period)].append(cell)
    for key in sorted(tables):
        yield key, tables[key]
