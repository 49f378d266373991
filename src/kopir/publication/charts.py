"""Charts drawn on the server as SVG, so that a page needs no JavaScript to show them.

Each chart is also given to the reader as a table beside it (the template does that); the SVG is
``role="img"`` with a title naming it, and a figure that is not shown leaves a gap marked "..".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from kopir.interface.language import current_language
from kopir.publication.figures import Figure
from kopir.rules import formats

WIDTH = 720
BAR = 22
GAP = 8
LABEL_WIDTH = 300
COLOURS = ("#00625e", "#d4351c", "#1d70b8", "#f47738")


@dataclass(frozen=True)
class Bar:
    label: str
    figures: tuple[Figure, ...]  # one per series


def _number(value: Decimal) -> str:
    """A figure with at most one decimal, in the page's language (a decimal comma in kk and ru, as the tables)."""
    return formats.number(value, current_language(), 1)


def bar_chart(title: str, bars: list[Bar], series: list[str], *, unit: str = "%") -> SafeString:
    """Horizontal bars, one group per label and one bar per series; the axis starts at zero."""
    values = [figure.value for bar in bars for figure in bar.figures if figure.shown and figure.value is not None]
    top = max([Decimal(1), *values])
    if unit == "%":
        top = max(top, Decimal(100)) if top > 50 else top
    group = len(series) * BAR + GAP
    height = 30 + len(bars) * group + 20 * len(series)
    parts = [
        _svg_open(height),
        f"<title>{escape(title)}</title>",
    ]
    span = WIDTH - LABEL_WIDTH - 60
    for row, bar in enumerate(bars):
        y = 10 + row * group
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR * len(series) / 2 + 5}" text-anchor="end">'
            f"{escape(bar.label)}</text>"
        )
        for number, figure in enumerate(bar.figures):
            top_y = y + number * BAR
            if figure.shown and figure.value is not None:
                length = float(figure.value / top) * span
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{top_y}" width="{max(length, 1):.1f}" height="{BAR - 4}" '
                    f'fill="{COLOURS[number % len(COLOURS)]}"/>'
                )
                parts.append(
                    f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{top_y + BAR - 8}">'
                    f"{_number(figure.value)}{escape(unit)}</text>"
                )
            else:
                parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{top_y + BAR - 8}" class="chart-gap">..</text>')
    parts += _legend(series, 10 + len(bars) * group)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def line_chart(title: str, points: list[str], series: dict[str, list[Figure]], *, unit: str = "%") -> SafeString:
    """Lines over ordered points (years, months); a figure not shown breaks the line."""
    height, left, bottom, right = 260, 50, 220, WIDTH - 20
    values = [f.value for figures in series.values() for f in figures if f.shown and f.value is not None]
    top = max([Decimal(100) if unit == "%" else Decimal(1), *values])
    step = (right - left) / max(1, len(points) - 1)

    def y_of(value: Decimal) -> float:
        return bottom - float(value / top) * (bottom - 20)

    parts = [
        _svg_open(height + 20 * len(series)),
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
    parts += _legend(list(series), height - 10)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _svg_open(height: int) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {WIDTH} {height}">'


def _polyline(points: list[str], colour: str) -> str:
    if len(points) < 2:
        return ""
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="3"/>'


def _legend(series: list[str], y: int) -> list[str]:
    if len(series) < 2:
        return []
    parts = []
    for number, name in enumerate(series):
        top = y + 4 + number * 20
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{top}" width="14" height="14" fill="{COLOURS[number % len(COLOURS)]}"/>'
        )
        parts.append(f'<text x="{LABEL_WIDTH + 20}" y="{top + 12}">{escape(name)}</text>')
    return parts
