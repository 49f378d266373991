"""The whole policy on a release's cells: exact cells in, protected cells (with a status) out.

Order: time granularity, roll-up of small bodies, optional noise, then per table primary suppression,
complementary suppression checked by the audit, and last optional rounding. Each table is one
indicator in one period; a rate is protected through the two count tables behind it (numerators and
denominators), so that hiding a rate also hides the counts that would give it back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from kopir.disclosure.audit import Bounds, lines_by_place, ranges
from kopir.disclosure.noise import NoiseScale, add_noise, noise_scale
from kopir.disclosure.policy import Policy
from kopir.disclosure.rollup import BodyNode, roll_up
from kopir.disclosure.rounding import round_to_base
from kopir.disclosure.suppression import Suppression, complete, small_counts, smallest_shown
from kopir.disclosure.tables import Line, Place, lines_of, place_of, split_tables
from kopir.statistics.cells import ALL, Cell, Status

QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
NARROWEST = 1.0 - 1e-6  # a hidden cell must keep a range of at least one unit


class TableError(ValueError):
    """A table mixes kinds, or a cell's figures do not fit its kind."""


class Unprotectable(ValueError):
    """Hidden cells stay pinned down with nothing left to hide beside them (a small margin made of
    as many small counts as its value): the table is published coarser, or withheld."""


@dataclass
class Protected:
    """The protected cells, and the noise of each table in the differential-privacy mode."""

    cells: list[Cell]
    noise: dict[str, dict[str, float | int]] = field(default_factory=dict)
    withheld: list[str] = field(default_factory=list)  # "indicator@period" of tables left out whole
    coarsened: list[str] = field(default_factory=list)  # "indicator@period: what was left out of it"


def protect(cells: list[Cell], policy: Policy, bodies: Mapping[str, BodyNode] | None = None) -> Protected:
    """Apply ``policy`` to exact cells (margins included as ``all`` cells)."""
    cells = [cell for cell in cells if _period_allowed(cell, policy)]
    if bodies is not None:
        cells = roll_up(cells, bodies, min_frame=policy.min_frame_episodes, frame_indicator=policy.frame_indicator)
    tables = list(split_tables(cells))
    epsilon = policy.epsilon / max(1, sum(2 if table[0].kind == "rate" else 1 for _, table in tables))
    result = Protected([])
    for (indicator, period), table in tables:
        kinds = {cell.kind for cell in table}
        if len(kinds) != 1:
            raise TableError(f"{indicator} {period} mixes kinds {sorted(kinds)}")
        for left_out, shape in _shapes(table):
            protector = TableProtector(policy, epsilon if policy.differential_privacy else None)
            try:
                result.cells += protector.protect(shape)
            except Unprotectable:
                continue
            if left_out:
                result.coarsened.append(f"{indicator}@{period}: {left_out}")
            break
        else:
            result.withheld.append(f"{indicator}@{period}")
            continue
        for name, noise in protector.noise.items():
            result.noise[f"{indicator}{name}@{period}"] = noise.metadata()
    result.cells.sort(key=Cell.key)
    return result


def _shapes(table: list[Cell]) -> list[tuple[str, list[Cell]]]:
    """The table, then coarser tables that stay additive: without the breakdowns of single bodies,
    without single bodies, without those and the breakdowns. Tried in turn when one cannot be
    protected (table redesign); each drops whole lines, so what is left still adds up."""
    body_breakdowns = [cell for cell in table if not (cell.breakdown and cell.body != ALL)]
    no_bodies = [cell for cell in table if cell.body == ALL]
    shapes = [
        ("", table),
        ("breakdowns of single bodies", body_breakdowns),
        ("single bodies", no_bodies),
        ("single bodies and the sexes apart", [cell for cell in no_bodies if cell.sex == ALL]),
        ("single bodies and breakdowns", [cell for cell in no_bodies if not cell.breakdown]),
    ]
    distinct = [shapes[0]]
    for shape in shapes[1:]:
        if shape[1] and shape[1] != distinct[-1][1]:
            distinct.append(shape)
    return distinct


def _period_allowed(cell: Cell, policy: Policy) -> bool:
    """Annual tables by default; quarters only when allowed and only national or regional."""
    if not QUARTER.match(cell.period):
        return True
    return policy.quarterly and cell.body == ALL


class TableProtector:
    """Protects one table (one indicator, one period) of any kind."""

    def __init__(self, policy: Policy, epsilon: float | None) -> None:
        self.policy = policy
        self.epsilon = epsilon
        self.noise: dict[str, NoiseScale] = {}

    def protect(self, table: list[Cell]) -> list[Cell]:
        kind = table[0].kind
        if kind == "money":
            return [] if self.epsilon is not None else self._money(table)
        if kind == "rate":
            return self._rates(table)
        return self._counts(table)

    def _counts(self, table: list[Cell]) -> list[Cell]:
        values = self._noisy("", {place_of(cell): _count(cell.value) for cell in table})
        suppression = self.suppress(values)
        return [self._count_cell(cell, values[place_of(cell)], suppression) for cell in table]

    def _count_cell(self, cell: Cell, value: int, suppression: Suppression) -> Cell:
        place = place_of(cell)
        if place in suppression.primary:
            return replace(cell, value=None, status="suppressed_primary")
        if place in suppression.secondary:
            return replace(cell, value=None, status="suppressed_secondary")
        return replace(cell, value=self._shown(value), status="rounded" if self.policy.rounding else "published")

    def _rates(self, table: list[Cell]) -> list[Cell]:
        usable = [cell for cell in table if cell.numerator is not None and cell.denominator is not None]
        numerators = self._noisy("#numerator", {place_of(cell): _count(cell.numerator) for cell in usable})
        denominators = self._noisy("#denominator", {place_of(cell): _count(cell.denominator) for cell in usable})
        # independent noise can lift a numerator above its denominator: a rate stays within 100%
        numerators = {place: min(count, denominators[place]) for place, count in numerators.items()}
        too_few = {place for place, count in denominators.items() if count < self.policy.rate_min_denominator}
        bottom = self.suppress(denominators)
        # a reader who sees a denominator knows the hidden numerator is no larger
        ceilings = {place: count for place, count in denominators.items() if place not in bottom.hidden}
        top = self.suppress(numerators, also_primary=too_few, ceilings=ceilings)
        return [self._rate_cell(cell, numerators, denominators, top, bottom) for cell in table]

    def _rate_cell(
        self,
        cell: Cell,
        numerators: dict[Place, int],
        denominators: dict[Place, int],
        top: Suppression,
        bottom: Suppression,
    ) -> Cell:
        place = place_of(cell)
        if place not in numerators:
            return replace(cell, value=None, numerator=None, denominator=None, status="suppressed_primary")
        shown_denominator = None if place in bottom.hidden else self._shown(denominators[place])
        if place in top.hidden or place in bottom.hidden:
            primary = place in top.primary or place in bottom.primary
            status: Status = "suppressed_primary" if primary else "suppressed_secondary"
            return replace(cell, value=None, numerator=None, denominator=shown_denominator, status=status)
        rate = Decimal(numerators[place]) * 100 / Decimal(denominators[place])
        return replace(
            cell,
            value=rate.quantize(self.policy.rate_quantum, rounding=ROUND_HALF_UP),
            numerator=self._shown(numerators[place]),
            denominator=shown_denominator,
            status="rounded" if self.policy.rounding else "published",
        )

    def _shown(self, count: int) -> int:
        return round_to_base(count, self.policy.rounding_base) if self.policy.rounding else count

    def _money(self, table: list[Cell]) -> list[Cell]:
        """Means, medians and gaps of pay: only with enough persons (``denominator``, the smaller
        sex's count for a comparison of the sexes), complemented along the lines like counts."""
        persons = {place_of(cell): int(cell.denominator or 0) for cell in table}
        few = {
            place_of(cell)
            for cell in table
            if cell.value is None or persons[place_of(cell)] < self.policy.money_min_per_sex
        }
        suppression = complete(persons, lines_of(persons), Suppression(primary=few))
        protected = []
        for cell in table:
            place = place_of(cell)
            if place in suppression.hidden:
                status: Status = "suppressed_primary" if place in suppression.primary else "suppressed_secondary"
                protected.append(replace(cell, value=None, numerator=None, denominator=None, status=status))
            else:
                protected.append(replace(cell, numerator=None, denominator=None, status="published"))
        return protected

    def _noisy(self, name: str, values: dict[Place, int]) -> dict[Place, int]:
        if self.epsilon is None or not values:
            return values
        noise = noise_scale(values, self.epsilon, self.policy.dp_alpha)
        self.noise[name] = noise
        return add_noise(values, noise)

    def suppress(
        self,
        values: Mapping[Place, int],
        also_primary: set[Place] | None = None,
        ceilings: Mapping[Place, int] | None = None,
    ) -> Suppression:
        """Primary, then complementary until the audit finds no hidden cell pinned down.

        The audit is skipped in the noise mode: noisy margins no longer add up, and the noise
        already protects every cell."""
        small = small_counts(values, self.policy.primary_threshold)
        suppression = Suppression(primary=small | (also_primary or set()))
        lines = lines_of(values)
        # Hiding one more cell frees a fixed value, which only widens every other range: a cell
        # once found safe stays safe, so each round audits only the cells not yet found safe.
        audit = Audit(values, lines, small, self.policy.primary_threshold, ceilings or {})
        safe: set[Place] = set()
        while True:
            complete(values, lines, suppression)
            if self.epsilon is not None:
                return suppression
            exposed = audit.pinned_down(suppression, suppression.hidden - safe)
            safe |= suppression.hidden - set(exposed)
            lines_at = lines_by_place(lines, exposed)
            partners = {
                partner
                for place in exposed
                if (partner := _widener(values, [lines[number] for number in lines_at[place]], suppression))
            }
            if exposed and not partners:
                raise Unprotectable(exposed)
            if not partners:
                return suppression
            suppression.secondary |= partners


@dataclass(frozen=True)
class Audit:
    """A reader who knows every status, and the bounds that gives: a small count lies in
    1..threshold-1, a complementary cell was shown-sized (>= threshold), any other hidden cell is
    >= 0, and each is no larger than its ceiling (a rate's shown denominator)."""

    values: Mapping[Place, int]
    lines: list[Line]
    small: set[Place]
    threshold: int
    ceilings: Mapping[Place, int]

    def bounds(self, suppression: Suppression) -> dict[Place, Bounds]:
        bounds: dict[Place, Bounds] = {}
        for place in suppression.hidden:
            ceiling = self.ceilings.get(place)
            top = None if ceiling is None else float(ceiling)
            if place in self.small:
                bounds[place] = (
                    1.0,
                    float(self.threshold - 1 if ceiling is None else min(self.threshold - 1, ceiling)),
                )
            elif place in suppression.primary:
                bounds[place] = (0.0, top)
            else:
                bounds[place] = (float(self.threshold), top)
        return bounds

    def pinned_down(self, suppression: Suppression, targets: set[Place]) -> list[Place]:
        """Those of ``targets`` whose range is narrower than one unit."""
        found = ranges(self.values, self.lines, self.bounds(suppression), targets)
        # over a shown denominator of 0 there is nobody to single out
        return sorted(
            place for place, span in found.items() if span.width < NARROWEST and self.ceilings.get(place) != 0
        )


def _widener(values: Mapping[Place, int], lines: list[Line], suppression: Suppression) -> Place | None:
    """A further cell to hide for a pinned-down one: the smallest shown one in its lines (``lines``)."""
    options = [partner for line in lines if (partner := smallest_shown(values, line, suppression.hidden)) is not None]
    return min(options, key=lambda option: (values[option], option)) if options else None


def _count(value: int | Decimal | None) -> int:
    if value is None:
        raise TableError("a count cell needs its exact value")
    return int(value)
