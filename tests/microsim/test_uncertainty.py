"""The cost's range: each calibrated quantity moves within its tolerance, each draw is a run of its
own, the percentiles are where the method says, and the range reaches the report, text and chart."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kopir.microsim.calibration import calibration
from kopir.microsim.population import Assumptions, assumptions, load_data, synthesize, with_so_base
from kopir.microsim.reforms import load
from kopir.microsim.results import LABELS, cost_rows, format_text, report, write_charts
from kopir.microsim.simulate import simulate
from kopir.microsim.uncertainty import (
    FOLLOWERS,
    CostRange,
    band_of,
    cost_range,
    fewest_draws,
    lever,
    perturbed,
)
from kopir.rules import default_law, formats
from kopir.rules.i18n import render
from kopir.rules.law import Law

SMALL = {"size": 1000, "chunk": 1000}


def _tested_targets() -> list[dict[str, object]]:
    return [t for t in load_data()["targets"] if t.get("tested", True)]


def test_every_tested_target_moves_its_assumption_or_says_why_not() -> None:
    for target in _tested_targets():
        has_lever = lever(str(target["id"])) is not None
        assert has_lever != (target["id"] in FOLLOWERS), target["id"]
    assert set(FOLLOWERS) <= {t["id"] for t in _tested_targets()}


def _share(shares: np.ndarray, chosen: np.ndarray) -> float:
    return float(shares[chosen].sum() / shares.sum())


def _figures(a: Assumptions, law: Law) -> dict[str, float]:
    """Each tested figure as the assumptions give it: exactly where it is an assumption (a share, the
    mean wage, the uninsured share that sets the recipients), else measured on 40,000 persons through
    the rules (the same seed draws the same persons, so the figure moves by the perturbation)."""
    population = with_so_base(synthesize(a, 40_000, seed=5), law)
    figures = {row.id: row.achieved for row in calibration(population, law)}
    figures |= {
        "wage.mean_gross_tenge": a.wage_mean_tiyn,
        "childcare_allowance.recipients": a.uninsured,
        "twins_share": _share(a.children_shares, a.children >= 2),
    }
    figures |= {f"region_share.{code}": _share(a.region_shares, np.array(a.regions) == code) for code in a.regions}
    return figures


def test_each_calibrated_figure_moves_within_its_tolerance_and_the_levers_do_move() -> None:
    law, a = default_law(), assumptions()
    central = _figures(a, law)
    targets = {str(t["id"]): float(t["tolerance"]) for t in _tested_targets()}  # type: ignore[arg-type]
    moves: dict[str, list[float]] = {key: [] for key in targets}
    for seed in range(4):
        shifted = _figures(perturbed(a, law, np.random.default_rng(seed)), law)
        for key, tolerance in targets.items():
            move = shifted[key] / central[key] - 1
            assert abs(move) <= tolerance + 0.002, (key, move)
            moves[key].append(abs(move))
    for key, tolerance in targets.items():
        if lever(key) is not None:
            assert max(moves[key]) > tolerance / 10, key


def test_the_percentiles_sit_at_the_weibull_positions() -> None:
    values = [float(v) for v in range(39, 0, -1)]  # 39 draws: k / 40 puts 5% and 95% on the 2nd and 38th
    band = band_of(values, 0.9)
    assert (band.low, band.high) == (pytest.approx(2.0), pytest.approx(38.0))
    assert fewest_draws(0.9) == 19
    assert (band_of(values[:19], 0.9).low, band_of(values[:19], 0.9).high) == (min(values[:19]), max(values[:19]))


def test_fewer_draws_than_the_level_needs_are_refused() -> None:
    law = default_law()
    with pytest.raises(ValueError, match="19 draws"):
        cost_range(load("childcare-2-years", law), law, assumptions(), seed=0, draws=18, **SMALL)


@pytest.fixture(scope="module")
def spread() -> CostRange:
    law = default_law()
    return cost_range(load("childcare-2-years", law), law, assumptions(), seed=3, draws=19, **SMALL)


def test_each_draw_is_its_own_run_and_the_range_spans_them(spread: CostRange) -> None:
    assert len(set(spread.draw_totals)) == 19
    assert (spread.total.low, spread.total.high) == (min(spread.draw_totals), max(spread.draw_totals))
    for band in [*spread.by_year.values(), *spread.by_payment.values()]:
        assert band.low <= band.high


def test_the_same_seed_gives_the_same_range_and_another_seed_another(spread: CostRange) -> None:
    law = default_law()
    reform = load("childcare-2-years", law)
    assert cost_range(reform, law, assumptions(), seed=3, draws=19, **SMALL) == spread
    assert cost_range(reform, law, assumptions(), seed=4, draws=19, **SMALL).draw_totals != spread.draw_totals


def test_the_run_options_reach_every_draw() -> None:
    law = default_law()
    seen: list[int] = []
    reform = load("nursery-subsidy", law)
    cost_range(reform, law, assumptions(), size=1000, seed=0, draws=19, chunk=400, on_chunk=seen.append)
    assert seen == [400, 400, 200] * 19


def test_a_draw_is_an_ordinary_simulation_of_the_perturbed_assumptions() -> None:
    """Draw 0 by hand: its seed sequence gives the perturbation, then the population's seed."""
    from kopir.microsim.uncertainty import draw_seeds  # noqa: PLC0415 - only this test

    law, a = default_law(), assumptions()
    reform = load("childcare-2-years", law)
    rng = np.random.default_rng(draw_seeds(3, 19)[0])
    drawn = perturbed(a, law, rng)
    totals = simulate(reform=reform, law=law, a=drawn, size=1000, seed=int(rng.integers(2**63)), chunk=1000)
    by_hand = sum(row["change"] for row in cost_rows(totals))
    assert cost_range(reform, law, a, seed=3, draws=19, **SMALL).draw_totals[0] == pytest.approx(by_hand, rel=1e-12)


def _document(spread: CostRange) -> dict[str, object]:
    law, a = default_law(), assumptions()
    reform = load("childcare-2-years", law)
    return report(
        simulate(reform, law, a, size=1000, seed=3, chunk=1000), reform, a.regions, seed=3, uncertainty=spread
    )


def test_the_report_carries_the_range_in_the_documented_shape(spread: CostRange) -> None:
    document = json.loads(json.dumps(_document(spread)))
    uncertainty = document["uncertainty"]
    assert set(uncertainty) == {"level", "draws", "cost"}
    assert (uncertainty["level"], uncertainty["draws"]) == (0.9, 19)
    assert set(uncertainty["cost"]) == {"total", "by_year", "by_payment"}
    assert uncertainty["cost"]["total"] == {"low": spread.total.low, "high": spread.total.high}
    years = {str(row["year"]) for row in document["cost_by_payment_and_year"]}
    assert set(uncertainty["cost"]["by_year"]) == years
    assert set(uncertainty["cost"]["by_payment"]) == {row["payment"] for row in document["cost_by_payment_and_year"]}
    assert "uncertainty" not in report(*_plain_run(), seed=3)


def _plain_run() -> tuple[object, ...]:
    law, a = default_law(), assumptions()
    reform = load("childcare-2-years", law)
    return simulate(reform, law, a, size=1000, seed=3, chunk=1000), reform, a.regions


@pytest.mark.parametrize(
    ("lang", "column", "heading"),
    [
        ("en", "90% range", "Net change in cost and its range, billion tenge"),
        ("ru", "Диапазон 90%", "Чистое изменение расходов и его диапазон, млрд тенге"),
        ("kk", "90% аралығы", "Шығыстардың таза өзгерісі және оның аралығы, млрд теңге"),
    ],
)
def test_the_text_shows_the_range_column_in_the_language(
    spread: CostRange, lang: str, column: str, heading: str
) -> None:
    text = format_text(_document(spread), lang)  # type: ignore[arg-type]
    lines = text.splitlines()
    table = lines[lines.index(heading) :]
    assert table[2].rstrip().endswith(column)  # the heading, the draws, then the table's own heading
    shown = [formats.number(end / 1e9, lang, 2, exact=True) for end in (spread.total.low, spread.total.high)]  # type: ignore[arg-type]
    everything = render(LABELS["all"], {}, lang)  # type: ignore[arg-type]
    assert any(line.startswith(everything) and line.endswith(" – ".join(shown)) for line in table)


def test_the_cost_chart_draws_each_payments_range_as_an_error_bar(spread: CostRange, tmp_path: Path) -> None:
    written = write_charts(_document(spread), tmp_path, "ru")  # type: ignore[arg-type]
    chart = next(p for p in written if p.name == "cost-change-by-payment.svg").read_text(encoding="utf-8")
    varied = [band for band in spread.by_payment.values() if band.high > band.low]
    assert 0 < len(varied) < len(spread.by_payment)  # the birth allowance does not change in any draw
    assert chart.count('class="range"') == len(varied)
    assert "Линия: диапазон 90% по выборкам" in chart
    plain = write_charts(report(*_plain_run(), seed=3), tmp_path / "plain", "ru")  # type: ignore[arg-type]
    assert 'class="range"' not in next(p for p in plain if p.name == "cost-change-by-payment.svg").read_text()
