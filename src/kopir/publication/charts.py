"""The portal's charts, drawn on the server as SVG, so that a page needs no JavaScript to show them.

Each chart is also given to the reader as a table beside it (the template does that); the SVG is
``role="img"`` with a title naming it, and a figure that is not shown leaves a gap marked "..". The bars
are `kopir.svg_charts`' (the costing page's and ``kopir simulate``'s too); the line over years is the
portal's own, with the same opening, legend and colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from kopir.interface.language import current_language
from kopir.publication.figures import Figure
from kopir.rules import formats
from kopir.svg_charts import COLOURS, Bar, bar_chart, legend, legend_height, svg_open

LINE_WIDTH = 720
SUPPRESSED = ".."
PERCENT_SCALE_ABOVE = 50  # rates above half are drawn against the whole (100%), so that bars compare at a glance


def _number(value: Decimal | float) -> str:
    """A figure with at most one decimal, in the page's language (a decimal comma in kk and ru, as the tables)."""
    return formats.number(value, current_language(), 1)


def figure_bars(
    title: str, rows: Sequence[tuple[str, Sequence[Figure]]], series: Sequence[str], *, unit: str = "%"
) -> SafeString:
    """Horizontal bars, one group per row's label and one bar per series; a figure not shown is a gap."""
    bars = [
        Bar(label, tuple(float(f.value) if f.shown and f.value is not None else None for f in figures))
        for label, figures in rows
    ]
    highest = max((value for bar in bars for value in bar.values if value is not None), default=0.0)
    reach = 100.0 if unit == "%" and highest > PERCENT_SCALE_ABOVE else 0.0
    chart = bar_chart(title, bars, series, lambda value: f"{_number(value)}{unit}", gap=SUPPRESSED, reach=reach)
    return mark_safe(chart)  # noqa: S308 - kopir.svg_charts escapes every text


def line_chart(title: str, points: list[str], series: dict[str, list[Figure]], *, unit: str = "%") -> SafeString:
    """Lines over ordered points (years, months); a figure not shown breaks the line."""
    left, bottom, right = 50, 220, LINE_WIDTH - 20
    values = [f.value for figures in series.values() for f in figures if f.shown and f.value is not None]
    top = max([Decimal(100) if unit == "%" else Decimal(1), *values])
    step = (right - left) / max(1, len(points) - 1)

    def y_of(value: Decimal) -> float:
        return bottom - float(value / top) * (bottom - 20)

    parts = [
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#0b0c0c"/>',
        f'<line x1="{left}" y1="20" x2="{left}" y2="{bottom}" stroke="#0b0c0c"/>',
        f'<text x="{left - 6}" y="{y_of(top) + 4:.1f}" text-anchor="end">{_number(top)}{escape(unit)}</text>',
        f'<text x="{left - 6}" y="{bottom + 4}" text-anchor="end">0</text>',
    ]
    for number, label in enumerate(points):
        parts.append(
            f'<text x="{left + number * step:.1f}" y="{bottom + 18}" text-anchor="middle">{escape(label)}</text>'
        )
    for colour, (name, figures) in zip(COLOURS, series.items(), strict=False):
        run: list[str] = []
        for number, figure in enumerate(figures):
            if figure.shown and figure.value is not None:
                x, y = left + number * step, y_of(figure.value)
                run.append(f"{x:.1f},{y:.1f}")
                label = f"{escape(name)}: {_number(figure.value)}{escape(unit)}"
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{label}</title></circle>')
            else:
                parts.append(_polyline(run, colour))
                run = []
        parts.append(_polyline(run, colour))
    parts += legend(list(series), top=bottom + 30, left=left)
    height = bottom + 30 + legend_height(list(series))
    return mark_safe(svg_open(height, width=LINE_WIDTH, kind="chart-lines") + "".join(parts) + "</svg>")  # noqa: S308 - every text escaped


def _polyline(points: list[str], colour: str) -> str:
    if len(points) < 2:
        return ""
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="3"/>'
