"""The bar charts of every page and file (kopir.svg_charts): bars either side of zero, a range as an error bar,
a gap as a dash, text escaped."""

from __future__ import annotations

import re

from kopir.svg_charts import MARGIN, WIDTH, Bar, bar_chart, share_chart


def _rects(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)]


def _axis_segments(svg: str) -> list[tuple[float, float, float]]:
    """The zero axis's segments: x, top and foot of each."""
    found = re.findall(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="\1" y2="([\d.]+)" stroke="#0b0c0c"/>', svg)
    return [(float(x), float(y1), float(y2)) for x, y1, y2 in found]


def _axis(svg: str) -> float:
    xs = {x for x, _top, _foot in _axis_segments(svg)}
    assert len(xs) == 1  # one zero, wherever its segments are
    return xs.pop()


def test_the_zero_axis_runs_beside_the_bars_and_never_across_a_label() -> None:
    """With no value below zero the axis is at the labels' left edge: it must not strike their first letter."""
    svg = bar_chart(
        "t",
        [Bar("Astana", (10.0, 20.0)), Bar("a label long enough to be wrapped on two lines", (5.0,))],
        ["a", "b"],
        str,
    )
    segments = _axis_segments(svg)
    assert len(segments) == 2  # one beside each group of bars
    rects = re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', svg)
    bars = [(float(y), float(y) + float(h)) for y, h in rects[2:]]  # after the legend's two swatches
    assert (segments[0][1], segments[0][2]) == (bars[0][0], bars[1][1])  # from the first bar's top to the second's foot
    assert (segments[1][1], segments[1][2]) == bars[2]
    labels = [float(y) for y in re.findall(r'<text x="8" y="([\d.]+)" font-weight="bold">', svg)]
    assert len(labels) == 3
    for baseline in labels:  # a 13-unit letter stands from about 10 units above its baseline to 3 below
        assert all(foot < baseline - 10 or top > baseline + 3 for _x, top, foot in segments)


def test_a_saving_goes_left_of_the_zero_axis_and_a_cost_right() -> None:
    svg = bar_chart("t", [Bar("saves", (-50.0,)), Bar("costs", (100.0,))], ["t"], str)
    zero = _axis(svg)
    (saves_x, saves_w), (costs_x, costs_w) = _rects(svg)
    assert abs(saves_x + saves_w - zero) < 0.2
    assert costs_x == zero
    assert abs(costs_w - 2 * saves_w) < 0.2  # drawn to a tenth of a unit
    assert abs(zero - (MARGIN + (WIDTH - 2 * MARGIN) / 3)) < 0.1  # a third of the axis below zero


def test_a_range_is_an_error_bar_inside_the_chart() -> None:
    svg = bar_chart("t", [Bar("2027", (10.0,), ((8.0, 13.0),))], ["t"], str)
    ends = re.findall(
        r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="\2" stroke="#0b0c0c" stroke-width="2"/>', svg
    )
    [(low, _y, high)] = ends
    zero = _axis(svg)
    scale = (WIDTH - 8 - MARGIN) / 13.0  # the axis reaches the range's high end, not only the bar
    assert float(low) == round(zero + 8 * scale, 1)
    assert float(high) == round(zero + 13 * scale, 1)


def test_a_value_not_computed_is_a_dash_not_a_zero_bar() -> None:
    svg = bar_chart("t", [Bar("2028", (None, 5.0))], ["one", "two"], str)
    assert len(_rects(svg)) == 2 + 1  # the legend's two squares and one bar
    assert ">–</text>" in svg


def test_every_text_is_escaped() -> None:
    svg = bar_chart("<b>", [Bar("<script>", (1.0,))], ["x"], lambda value: "&")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<title>&lt;b&gt;</title>" in svg


def test_shares_fill_the_bar_and_a_thin_segment_shows_no_figure() -> None:
    svg = share_chart("t", [("all", (0.95, 0.04, 0.01))], ["more", "same", "less"], lambda v: f"{v:.0%}")
    segments = _rects(svg)[3:]  # after the legend
    assert round(sum(width for _x, width in segments), 0) == WIDTH - 16
    assert ">95%<" in svg
    assert ">4%<" not in svg
    assert ">1%<" not in svg


def test_a_long_series_name_wraps_within_the_drawing() -> None:
    name = "Childcare payment until the age of 2: 10,000 persons (run 12)"
    svg = bar_chart("t", [Bar("2027", (1.0, 2.0))], [name, "other"], str)
    lines = re.findall(r'<text x="28" y="[\d.]+">([^<]*)</text>', svg)
    assert " ".join(lines[:-1]) == name
    assert len(lines) == 3
    assert all(len(line) <= 40 for line in lines)


def test_a_long_label_wraps_and_a_long_value_widens_the_margin_to_stay_in_the_drawing() -> None:
    label = "Monthly childcare payment (social insurance) of the State Social Insurance Fund"
    svg = bar_chart("t", [Bar(label, (-5.0,)), Bar("b", (10.0,))], ["t"], lambda value: f"{value} bn tenge")
    lines = re.findall(r'<text x="8" y="[\d.]+" font-weight="bold">([^<]*)</text>', svg)
    assert " ".join(lines[:-1]) == label
    assert all(len(line) <= 40 for line in lines)
    (saving_x, _w), _cost = _rects(svg)
    widest = len("-5.0 bn tenge") * 7.5
    assert saving_x >= widest  # the negative value's text, left of its bar, starts inside the drawing
    assert float(re.findall(r'<text x="([\d.]+)" y="[\d.]+">10.0 bn tenge', svg)[0]) + widest <= WIDTH


def test_a_gap_marker_and_a_reach_are_the_callers_and_a_file_has_its_title_and_size() -> None:
    svg = bar_chart("Rates", [Bar("all", (None, 60.0))], ["a", "b"], str, gap="..", reach=100.0)
    assert '<text x="12.0" y="' in svg
    assert 'class="chart-gap">..</text>' in svg
    [(bar_x, bar_w)] = _rects(svg)[2:]
    assert bar_x == 8.0
    assert abs(bar_w - 0.6 * (WIDTH - 8 - MARGIN)) < 0.2  # 60 of an axis that reaches 100
    assert "width=" not in svg.split(">", 1)[0]  # on a page the stylesheet sizes it
    standalone = bar_chart(
        "Change in cost", [Bar("x", (1.0,), ((0.5, 2.0),))], ["x"], str, note="Line: range", standalone=True
    )
    opening = standalone.split(">", 1)[0]
    assert re.search(r' width="[\d.]+" height="[\d.]+" viewBox=', opening)
    assert standalone.count(">Change in cost</") == 2  # the <title> and the text a file shows
    assert ">Line: range</text>" in standalone
    assert standalone.count('<g class="range">') == 1
    assert _axis(standalone) > 0
