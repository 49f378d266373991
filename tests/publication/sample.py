"""Hand-built exact cells of a whole release, consistent along every dimension (margins included):
what the indicator engine will give, made from a few random people per body instead of the database.
Used by the publication tests, the browser test and benchmarks/portal.py."""

from __future__ import annotations

import random
from decimal import Decimal

from kopir.statistics.cells import ALL, Cell
from tests.disclosure.tables import Point, with_margins

DESTINATIONS = ("out_of_work", "private_sector", "state_body", "unknown")
MONTH_BANDS = ("00-06", "06-12", "12-18", "18-24", "24-36", "36+", "not_returned")


def bodies_of(regions: int, bodies_per_region: int) -> dict[str, str]:
    """Body code -> region (ISO 3166-2), e.g. ``KZ-71-003``."""
    codes = ["KZ-71", "KZ-75", "KZ-79", "KZ-35", "KZ-55", "KZ-63", "KZ-11", "KZ-15", "KZ-19", "KZ-23"]
    regions_used = [
        codes[number % len(codes)] + ("" if number < len(codes) else f"x{number}") for number in range(regions)
    ]
    return {f"{region}-{number:03d}": region for region in regions_used for number in range(bodies_per_region)}


def exact_cells(year: int, bodies: dict[str, str], seed: int = 5) -> list[Cell]:
    """Every indicator the portal draws, for ``year``, with many small bodies."""
    rng = random.Random(seed)  # noqa: S311 - made-up test figures, not secrets
    period = str(year)
    per: dict[str, dict[Point, int]] = {name: {} for name in ("entitled", "took", "due", "returned", "prior", "kept")}
    exits: dict[Point, int] = {}
    exits_after: dict[Point, int] = {}
    bands: dict[Point, int] = {}
    posts: dict[str, dict[Point, int]] = {"managers": {}, "women_managers": {}, "seniors": {}, "women_seniors": {}}
    for body, region in bodies.items():
        size = rng.choice((8, 15, 40, 120, 400))
        for sex, share in (("F", 0.06), ("M", 0.006)):
            point = (sex, region, body, "")
            entitled = rng.randint(size // 2, size)
            took = sum(rng.random() < share * 5 for _ in range(entitled))
            due = sum(rng.random() < 0.6 for _ in range(took))
            returned = sum(rng.random() < 0.85 for _ in range(due))
            prior = rng.randint(0, took)
            for name, value in zip(per, (entitled, took, due, returned, prior, rng.randint(0, prior)), strict=True):
                per[name][point] = value
            if sex == "F":
                for destination in DESTINATIONS:
                    exits[(sex, region, body, f"destination={destination}")] = rng.choice((0, 0, 1, 2, 6))
                    exits_after[(sex, region, body, f"destination={destination}")] = rng.choice((0, 1, 3, 8))
                for band in MONTH_BANDS:
                    # never 1: a small margin made of as many small counts as its value gives them all
                    # away, and disclosure control withholds such a table whole (tests/disclosure)
                    bands[(sex, region, body, f"months={band}")] = rng.choice((0, 2, 6, 11))
        managers = rng.randint(2, size // 4 + 2)
        seniors = rng.randint(1, managers)
        for name, value in (
            ("managers", managers),
            ("women_managers", rng.randint(0, managers)),
            ("seniors", seniors),
            ("women_seniors", rng.randint(0, seniors)),
        ):
            posts[name][(ALL, region, body, "")] = value
    cells = _counts("entitled", period, per["entitled"])
    cells += _counts("took_leave", period, per["took"])
    cells += _counts("due_to_return", period, per["due"])
    cells += _counts("returned", period, per["returned"])
    cells += _rates("return_rate", period, per["returned"], per["due"])
    cells += _counts("returned_prior_year", period, per["prior"])
    cells += _counts("retained_12m", period, per["kept"])
    cells += _rates("retention_rate", period, per["kept"], per["prior"])
    cells += _counts("exits_during_leave", period, exits)
    cells += _counts("exits_after_return_12m", period, exits_after)
    cells += _counts("time_to_return_months", period, bands)
    cells += _rates("women_managerial_share", period, posts["women_managers"], posts["managers"])
    cells += _rates("women_senior_share", period, posts["women_seniors"], posts["seniors"])
    cells += _pay_gaps(period, bodies, rng)
    return cells


def _counts(indicator: str, period: str, finest: dict[Point, int]) -> list[Cell]:
    return [
        Cell(indicator, period, sex, region, body, breakdown, "count", value)
        for (sex, region, body, breakdown), value in sorted(with_margins(finest).items())
    ]


def _rates(indicator: str, period: str, numerators: dict[Point, int], denominators: dict[Point, int]) -> list[Cell]:
    tops, bottoms = with_margins(numerators), with_margins(denominators)
    cells = []
    for point, bottom in sorted(bottoms.items()):
        sex, region, body, breakdown = point
        value = Decimal(tops[point]) * 100 / bottom if bottom else None
        cells.append(Cell(indicator, period, sex, region, body, breakdown, "rate", value, tops[point], bottom))
    return cells


def _pay_gaps(period: str, bodies: dict[str, str], rng: random.Random) -> list[Cell]:
    cells = []
    regions = sorted(set(bodies.values()))
    for indicator in ("pay_gap_mean", "pay_gap_median"):
        for region in [ALL, *regions]:
            gap = Decimal(rng.randint(50, 250)) / 10
            persons = rng.choice((6, 25, 300)) if region != ALL else 5000
            cells.append(Cell(indicator, period, region=region, kind="money", value=gap, denominator=persons))
    return cells
