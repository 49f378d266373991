"""The costing page's charts, drawn on the server as SVG: no JavaScript, and narrow enough for a phone.

The drawing follows `kopir.publication.charts` (an ``role="img"`` SVG with a title, every text escaped,
a table beside it as the text alternative) but sits here, on the policy floor below the publication
one, and adds what costs need: negative values left of the zero axis (a reform can save money, a
group can lose) and an error bar for a range. Each bar's label is on its own line above the bar, so
the bars take the whole width: the SVG scales with the page and stays legible at 360 px.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 340  # user units; about as many CSS pixels on a 360 px phone, so the text keeps its size there
LABEL_LINE = 18
BAR = 14
GAP = 10
MARGIN = 90  # room for a value beyond the end of a bar (or of its range)
LEGEND_LINE = 20
LEGEND_WRAP = 16  # the height of a legend name's further lines
LEGEND_CHARACTERS = 40  # a longer name (two runs' titles) goes on to the next line
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#912b88")
SHARE_COLOURS = ("#00703c", "#b1b4b6", "#d4351c")  # paid more, the same, paid less
SHARE_TEXT = ("on-dark", "", "on-dark")  # white on the green and red segments (site.css), black on the grey
ROOM_FOR_TEXT = 44  # a segment narrower than this shows no figure (the table beside it has them all)
RANGE_COLOUR = "#0b0c0c"


@dataclass(frozen=True)
class Bar:
    """One group of bars: its label, a value per series (None: not computed, drawn as a dash, never as zero)
    and, where known, a range (low, high) per series."""

    label: str
    values: tuple[float | None, ...]
    ranges: tuple[tuple[float, float] | None, ...] = ()

    def range_of(self, series: int) -> tuple[float, float] | None:
        return self.ranges[series] if series < len(self.ranges) else None


def _extent(bars: Sequence[Bar]) -> tuple[float, float]:
    """The axis from the lowest to the highest value or range end, always with zero on it."""
    ends = [0.0]
    for bar in bars:
        ends += [value for value in bar.values if value is not None]
        ends += [end for pair in bar.ranges if pair is not None for end in pair]
    low, high = min(ends), max(ends)
    return (low, high) if high > low else (low, low + 1.0)


def bar_chart(title: str, bars: Sequence[Bar], series: Sequence[str], shown: Callable[[float], str]) -> SafeString:
    """Horizontal bars, one group per label and one bar per series; `shown` writes a value with its unit."""
    low, high = _extent(bars)
    left = MARGIN if low < 0 else 8
    span = WIDTH - left - MARGIN

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * span

    zero = x_of(0.0)
    legend = _legend_height(series) if len(series) > 1 else 0
    group = LABEL_LINE + len(series) * (BAR + 4) + GAP
    height = legend + len(bars) * group + 4
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {WIDTH} {height}" '
            'font-family="sans-serif" font-size="13">'
        ),
        f"<title>{escape(title)}</title>",
        *_legend(series),
    ]
    for row, bar in enumerate(bars):
        top = legend + row * group
        parts.append(f'<text x="8" y="{top + 13}" font-weight="bold">{escape(bar.label)}</text>')
        for number, value in enumerate(bar.values):
            y = top + LABEL_LINE + number * (BAR + 4)
            if value is None:
                parts.append(f'<text x="{zero + 4:.1f}" y="{y + 11}">–</text>')
                continue
            end, pair = x_of(value), bar.range_of(number)
            parts.append(
                f'<rect x="{min(zero, end):.1f}" y="{y}" width="{max(abs(end - zero), 1):.1f}" height="{BAR}" '
                f'fill="{COLOURS[number % len(COLOURS)]}"/>'
            )
            reach = (min(end, zero), max(end, zero))
            if pair is not None:
                parts += _error_bar(x_of(pair[0]), x_of(pair[1]), y + BAR / 2)
                reach = (min(reach[0], x_of(pair[0])), max(reach[1], x_of(pair[1])))
            text = escape(shown(value))
            if value < 0:
                parts.append(f'<text x="{reach[0] - 4:.1f}" y="{y + 11}" text-anchor="end">{text}</text>')
            else:
                parts.append(f'<text x="{reach[1] + 4:.1f}" y="{y + 11}">{text}</text>')
    parts.append(f'<line x1="{zero:.1f}" y1="{legend}" x2="{zero:.1f}" y2="{height}" stroke="{RANGE_COLOUR}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _error_bar(start: float, end: float, middle: float) -> list[str]:
    """A range as a line with a tick at each end, over the bar."""
    line = f'stroke="{RANGE_COLOUR}" stroke-width="2"'
    return [
        f'<line x1="{start:.1f}" y1="{middle}" x2="{end:.1f}" y2="{middle}" {line}/>',
        f'<line x1="{start:.1f}" y1="{middle - 5}" x2="{start:.1f}" y2="{middle + 5}" {line}/>',
        f'<line x1="{end:.1f}" y1="{middle - 5}" x2="{end:.1f}" y2="{middle + 5}" {line}/>',
    ]


def share_chart(
    title: str, rows: Sequence[tuple[str, tuple[float, ...]]], series: Sequence[str], shown: Callable[[float], str]
) -> SafeString:
    """One bar of 100% per group, cut into the shares of `series` (paid more, the same, paid less)."""
    legend = _legend_height(series)
    group = LABEL_LINE + BAR + 4 + GAP
    height = legend + len(rows) * group + 4
    span = WIDTH - 16
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {WIDTH} {height}" '
            'font-family="sans-serif" font-size="13">'
        ),
        f"<title>{escape(title)}</title>",
        *_legend(series, SHARE_COLOURS),
    ]
    for row, (label, shares) in enumerate(rows):
        top = legend + row * group
        parts.append(f'<text x="8" y="{top + 13}" font-weight="bold">{escape(label)}</text>')
        x, y = 8.0, top + LABEL_LINE
        for number, value in enumerate(shares):
            width = max(0.0, value) * span
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR + 4}" fill="{SHARE_COLOURS[number]}"/>'
            )
            if width >= ROOM_FOR_TEXT:
                parts.append(
                    f'<text x="{x + 4:.1f}" y="{y + 13}" class="{SHARE_TEXT[number]}">{escape(shown(value))}</text>'
                )
            x += width
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def _lines(name: str) -> list[str]:
    """A legend's name cut at spaces into lines of at most `LEGEND_CHARACTERS` (a longer word keeps a line)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LEGEND_CHARACTERS:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _legend_height(series: Sequence[str]) -> int:
    return sum(LEGEND_LINE + LEGEND_WRAP * (len(_lines(name)) - 1) for name in series)


def _legend(series: Sequence[str], colours: Sequence[str] = COLOURS) -> list[str]:
    if len(series) < 2:
        return []
    parts, top = [], 2
    for number, name in enumerate(series):
        parts.append(f'<rect x="8" y="{top}" width="14" height="14" fill="{colours[number % len(colours)]}"/>')
        lines = _lines(name)
        for line, text in enumerate(lines):
            parts.append(f'<text x="28" y="{top + 12 + line * LEGEND_WRAP}">{escape(text)}</text>')
        top += LEGEND_LINE + LEGEND_WRAP * (len(lines) - 1)
    return parts
