"""Bar charts drawn as SVG text: the one drawer of the costing page (`kopir.policy`), the statistics
portal (`kopir.publication`) and ``kopir simulate --charts`` (`kopir.microsim`).

It sits on the lowest floor and imports neither Django nor any other part of Kopir, so all three may
use it (the layers forbid policy -> publication, and microsim -> Django); the pages mark its text safe.

What every chart keeps (decision 0040):

- accessible: an ``role="img"`` SVG whose ``<title>`` names it, every text escaped, and on a page a table
  beside it as its text alternative (the template puts it there);
- no ``style`` attribute and no script, so the pages' Content-Security-Policy holds: presentation
  attributes only, and the site's stylesheet sizes the drawing (class ``chart chart-bars``);
- narrow (`WIDTH` units, about as many pixels on a 360 px phone): each bar's label on its own lines above
  the bar, so the bars take the whole width and the text keeps its size when the SVG scales;
- honest: values either side of the zero axis (a reform can save money, a group can lose), a range as an
  error bar, and a value not computed or not published as a gap marker, never as a zero bar.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 340  # user units; about as many CSS pixels on a 360 px phone, so the text keeps its size there
FONT_SIZE = 13
CHARACTER_WIDTH = 7.5  # a character of 13-unit sans-serif is about 7 units wide; a little more to be safe
LABEL_LINE = 18
BAR = 14
GAP = 10
MARGIN = 90  # room for a value beyond the end of a bar (or of its range), wider when a value's text needs it
WIDEST_MARGIN = 120  # a longer value's text may overflow rather than leave the bars no room
LINE_WRAP = 16  # the height of a label's or a legend name's further lines
LEGEND_LINE = 20
WRAP_CHARACTERS = 40  # a longer label or legend name (two runs' titles) goes on to the next line
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#912b88")
SHARE_COLOURS = ("#00703c", "#b1b4b6", "#d4351c")  # paid more, the same, paid less
SHARE_TEXT = ("on-dark", "", "on-dark")  # white on the green and red segments (site.css), black on the grey
ROOM_FOR_TEXT = 44  # a segment narrower than this shows no figure (the table beside it has them all)
RANGE_COLOUR = "#0b0c0c"
FILE_SCALE = 1.5  # a chart written to a file (no page to size it) opens at one and a half times its units


@dataclass(frozen=True)
class Bar:
    """One group of bars: its label, a value per series (None: not computed or not shown, drawn as the gap
    marker, never as zero) and, where known, a range (low, high) per series."""

    label: str
    values: tuple[float | None, ...]
    ranges: tuple[tuple[float, float] | None, ...] = ()

    def range_of(self, series: int) -> tuple[float, float] | None:
        return self.ranges[series] if series < len(self.ranges) else None


def wrapped(text: str) -> list[str]:
    """`text` cut at spaces into lines of at most `WRAP_CHARACTERS` (a longer word keeps a line to itself)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= WRAP_CHARACTERS:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def svg_open(height: float, *, width: int = WIDTH, standalone: bool = False, kind: str = "chart-bars") -> str:
    """The opening tag: a page's stylesheet sizes the drawing by its classes (``chart`` and `kind`); a file's
    own width and height size it when there is no page."""
    size = f' width="{width * FILE_SCALE:g}" height="{height * FILE_SCALE:g}"' if standalone else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart {kind}"{size} '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="{FONT_SIZE}">'
    )


def text_lines(lines: Sequence[str], x: float, top: float, extra: str = "") -> list[str]:
    """Lines of text from `top`, one under the other, each escaped."""
    return [
        f'<text x="{x}" y="{top + 13 + n * LINE_WRAP}"{extra}>{escape(line)}</text>' for n, line in enumerate(lines)
    ]


def legend_height(series: Sequence[str]) -> int:
    return sum(LEGEND_LINE + LINE_WRAP * (len(wrapped(name)) - 1) for name in series) if len(series) > 1 else 0


def legend(series: Sequence[str], colours: Sequence[str] = COLOURS, top: float = 2, left: float = 8) -> list[str]:
    """A square of each series' colour beside its name (wrapped); none for a single series (the title names it)."""
    if len(series) < 2:
        return []
    parts = []
    for number, name in enumerate(series):
        parts.append(f'<rect x="{left}" y="{top}" width="14" height="14" fill="{colours[number % len(colours)]}"/>')
        lines = wrapped(name)
        parts += text_lines(lines, left + 20, top - 1)
        top += LEGEND_LINE + LINE_WRAP * (len(lines) - 1)
    return parts


def _extent(bars: Sequence[Bar], reach: float) -> tuple[float, float]:
    """The axis from the lowest to the highest value or range end, always with zero (and `reach`) on it."""
    ends = [0.0, reach]
    for bar in bars:
        ends += [value for value in bar.values if value is not None]
        ends += [end for pair in bar.ranges if pair is not None for end in pair]
    low, high = min(ends), max(ends)
    return (low, high) if high > low else (low, low + 1.0)


def _margin(texts: Sequence[str]) -> float:
    """Room beside the bars for the longest value's text: at least `MARGIN`, at most `WIDEST_MARGIN`."""
    needed = math.ceil(max((len(text) for text in texts), default=0) * CHARACTER_WIDTH) + 8
    return float(min(max(MARGIN, needed), WIDEST_MARGIN))


def _heading(title: str, standalone: bool) -> tuple[list[str], int]:
    """A file's title as text above the chart (a page gives its own heading instead) and its height."""
    if not standalone:
        return [], 0
    lines = wrapped(title)
    return text_lines(lines, 8, 0, ' font-weight="bold"'), LABEL_LINE + LINE_WRAP * (len(lines) - 1) + 6


def bar_chart(
    title: str,
    bars: Sequence[Bar],
    series: Sequence[str],
    shown: Callable[[float], str],
    *,
    gap: str = "–",
    reach: float = 0.0,
    note: str = "",
    standalone: bool = False,
) -> str:
    """Horizontal bars, one group per label and one bar per series; `shown` writes a value with its unit.

    `gap` marks a value that is None; `reach` is a value the axis reaches even when no bar does (100 for
    shares in per cent); `note` is a line under the bars (what an error bar is); `standalone` gives a file
    its visible title and its own size.
    """
    texts = {
        (row, number): shown(value)
        for row, bar in enumerate(bars)
        for number, value in enumerate(bar.values)
        if value is not None
    }
    margin = _margin(list(texts.values()))
    low, high = _extent(bars, reach)
    left = margin if low < 0 else 8
    span = WIDTH - left - margin

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * span

    zero = x_of(0.0)
    parts, top = _heading(title, standalone)
    parts += legend(series, top=top + 2)
    top += legend_height(series)
    axis: list[tuple[float, float]] = []  # the zero axis beside each group of bars, never across a label
    for row, bar in enumerate(bars):
        label = wrapped(bar.label)
        parts += text_lines(label, 8, top, ' font-weight="bold"')
        top += LABEL_LINE + LINE_WRAP * (len(label) - 1)
        axis.append((top, top + len(bar.values) * (BAR + 4) - 4))  # from the first bar's top to the last's foot
        for number, value in enumerate(bar.values):
            y = top + number * (BAR + 4)
            if value is None:
                parts.append(f'<text x="{zero + 4:.1f}" y="{y + 11}" class="chart-gap">{escape(gap)}</text>')
                continue
            end, pair = x_of(value), bar.range_of(number)
            parts.append(
                f'<rect x="{min(zero, end):.1f}" y="{y}" width="{max(abs(end - zero), 1):.1f}" height="{BAR}" '
                f'fill="{COLOURS[number % len(COLOURS)]}"/>'
            )
            reached = (min(end, zero), max(end, zero))
            if pair is not None:
                parts.append(_error_bar(x_of(pair[0]), x_of(pair[1]), y + BAR / 2))
                reached = (min(reached[0], x_of(pair[0])), max(reached[1], x_of(pair[1])))
            text = escape(texts[row, number])
            if value < 0:
                parts.append(f'<text x="{reached[0] - 4:.1f}" y="{y + 11}" text-anchor="end">{text}</text>')
            else:
                parts.append(f'<text x="{reached[1] + 4:.1f}" y="{y + 11}">{text}</text>')
        top += len(bar.values) * (BAR + 4) + GAP
    height = top + 4
    if note:  # under the bars and clear of the axis
        lines = wrapped(note)
        parts += text_lines(lines, 8, height)
        height += LABEL_LINE + LINE_WRAP * (len(lines) - 1) + 4
    parts += [f'<line x1="{zero:.1f}" y1="{y1}" x2="{zero:.1f}" y2="{y2}" stroke="{RANGE_COLOUR}"/>' for y1, y2 in axis]
    return "".join([svg_open(height, standalone=standalone), f"<title>{escape(title)}</title>", *parts, "</svg>"])


def _error_bar(start: float, end: float, middle: float) -> str:
    """A range as a line with a tick at each end, over the bar."""
    line = f'stroke="{RANGE_COLOUR}" stroke-width="2"'
    return (
        '<g class="range">'
        f'<line x1="{start:.1f}" y1="{middle}" x2="{end:.1f}" y2="{middle}" {line}/>'
        f'<line x1="{start:.1f}" y1="{middle - 5}" x2="{start:.1f}" y2="{middle + 5}" {line}/>'
        f'<line x1="{end:.1f}" y1="{middle - 5}" x2="{end:.1f}" y2="{middle + 5}" {line}/>'
        "</g>"
    )


def share_chart(
    title: str, rows: Sequence[tuple[str, tuple[float, ...]]], series: Sequence[str], shown: Callable[[float], str]
) -> str:
    """One bar of 100% per group, cut into the shares of `series` (paid more, the same, paid less)."""
    top = legend_height(series)
    parts = legend(series, SHARE_COLOURS)
    span = WIDTH - 16
    for label, shares in rows:
        lines = wrapped(label)
        parts += text_lines(lines, 8, top, ' font-weight="bold"')
        x, y = 8.0, top + LABEL_LINE + LINE_WRAP * (len(lines) - 1)
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
        top = y + BAR + 4 + GAP
    return "".join([svg_open(top + 4), f"<title>{escape(title)}</title>", *parts, "</svg>"])
