"""The portal's time-to-return curve: it starts from the first band the release lets it show.

The figures are those of the demo's 2025 release (6,000 employees, seed 2026): the mothers' total is
hidden as the complement of the fathers' small one, everyone's is shown; the first band and the third
are hidden. Before, the curve was one hidden point after another and the chart was blank.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from kopir.publication.figures import MISSING, Figure
from kopir.publication.portal import _time_to_return
from kopir.statistics.cells import ALL

HIDDEN = Figure(None, state="suppressed")
BANDS = ("00-06", "06-12", "12-18", "18-24", "24-36", "36+", "not_returned")


class Release2025:
    """Just what `_time_to_return` reads of a release's figures: `get` and `values_of`."""

    def __init__(self, cells: dict[tuple[str, str], Figure]) -> None:
        self.cells = cells

    def get(self, indicator: str, *, sex: str = ALL, breakdown: str = "") -> Figure:
        assert indicator == "time_to_return_months"
        return self.cells.get((sex, breakdown), MISSING)

    def values_of(self, indicator: str, position: int) -> list[str]:
        return ["", *(f"months={band}" for band in BANDS)]


def _figures(everyone: list[Figure | None], mothers_total: Figure) -> Release2025:
    cells = {("F", ""): mothers_total, (ALL, ""): Figure(Decimal(170))}
    for band, figure in zip(BANDS, everyone, strict=True):
        cells[(ALL, f"months={band}")] = figure if figure is not None else HIDDEN
    return Release2025(cells)


def _shown(value: int) -> Figure:
    return Figure(Decimal(value))


def test_the_curve_starts_at_the_first_band_shown_cells_give() -> None:
    figures = _figures([None, _shown(35), None, _shown(8), _shown(0), _shown(0), _shown(98)], HIDDEN)
    with translation.override("en"):
        section = _time_to_return(figures)  # type: ignore[arg-type]
    assert section.published
    curve = [row[1][1].value for row in section.rows]
    # 170 births, 98 not back: 72 back by the end; 72 - 8 by 18 months; before that a hidden band is unknown
    assert curve == [None, None, Decimal("37.6"), Decimal("42.4"), Decimal("42.4"), Decimal("42.4")]
    assert [row[1][0].value for row in section.rows] == [None, Decimal(35), None, Decimal(8), Decimal(0), Decimal(0)]


def test_the_mothers_curve_when_their_total_is_shown() -> None:
    figures = _figures([None] * 7, _shown(150))
    for band, count in zip(BANDS, (15, 45, 30, 6, 0, 0, 54), strict=True):
        figures.cells[("F", f"months={band}")] = _shown(count)
    with translation.override("en"):
        section = _time_to_return(figures)  # type: ignore[arg-type]
    curve = [row[1][1].value for row in section.rows]
    assert curve == [
        Decimal("10.0"),
        Decimal("40.0"),
        Decimal("60.0"),
        Decimal("64.0"),
        Decimal("64.0"),
        Decimal("64.0"),
    ]


def test_nothing_is_shown_that_the_shown_cells_do_not_give() -> None:
    # those not back are hidden: counting back from the end is impossible, and the first band hides the rest
    figures = _figures([None, _shown(35), _shown(20), _shown(8), _shown(0), _shown(0), None], HIDDEN)
    with translation.override("en"):
        section = _time_to_return(figures)  # type: ignore[arg-type]
    assert [row[1][1].value for row in section.rows] == [None] * 6
