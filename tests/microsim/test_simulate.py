"""A simulation: the reform's totals are the single-person calculations summed, chunks add up."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from distributed import Client, get_task_stream

from kopir.cli import main
from kopir.microsim.population import assumptions, synthesize, with_so_base
from kopir.microsim.reforms import load, parse
from kopir.microsim.results import format_text, report, write_charts
from kopir.microsim.simulate import Totals, chunk_totals, simulate
from kopir.rules import calculate, default_law
from kopir.rules.money import tiyn

TEXT = {"kk": "а", "ru": "б", "en": "c"}


def _single_total(population, i: int, law) -> int:
    persons = population.persons
    back = persons.return_to_work[i]
    request = {
        "claimant": {
            "employment": "employee" if persons.insured[i] else "uninsured",
            "nuclear_test_zone": bool(persons.nuclear_test_zone[i]),
        },
        "event": {
            "type": "birth",
            "leave_start": str(persons.leave_start[i]),
            "children": int(persons.children[i]),
            "complicated_birth": bool(persons.complicated_birth[i]),
        },
        "previous_children": int(persons.previous_children[i]),
        "income": {"average_so_base": Decimal(int(persons.average_so_base[i])).scaleb(-2)},
    }
    if not np.isnat(back):
        request["return_to_work"] = str(back)
    return tiyn(calculate(request, law=law, today=date(2026, 11, 23))["total_net"])


@pytest.mark.parametrize(
    "name", ["childcare-50-percent", "childcare-2-years", "early-return-keeps-childcare", "maternity-cap-10-mzp"]
)
def test_the_reform_total_is_the_sum_of_single_person_calculations(name: str) -> None:
    law = default_law()
    reform = load(name, law)
    reform_law = reform.law(law)
    population = synthesize(assumptions(), 60, seed=11)
    totals = chunk_totals(population, law, reform, reform_law)
    for side, side_law in (("baseline", law), ("reform", reform_law)):
        expected = sum(_single_total(with_so_base(population, side_law), i, side_law) for i in range(60))
        got = sum(sum(years.values()) for years in getattr(totals, side).values())
        assert got == expected


def test_chunks_add_up_to_the_whole() -> None:
    law = default_law()
    reform = load("phased-return", law)
    population = synthesize(assumptions(), 3000, seed=5)
    whole = chunk_totals(population, law, reform, reform.law(law))
    parts = Totals()
    for start in range(0, 3000, 1000):
        parts.merge(chunk_totals(population.part(start, start + 1000), law, reform, reform.law(law)))
    assert parts.baseline == whole.baseline
    assert parts.reform == whole.reform
    assert parts.recipients == whole.recipients
    assert parts.groups == whole.groups
    assert parts.persons == whole.persons == 3000


def test_chunks_on_a_dask_cluster_of_two_workers_give_exactly_the_sums_of_one_process(dask_client: Client) -> None:
    law = default_law()
    reform = load("phased-return", law)
    a = assumptions()
    seen: list[int] = []
    one = simulate(reform, law, a, size=2300, seed=3, chunk=500)
    with get_task_stream(dask_client) as stream:
        two = simulate(reform, law, a, size=2300, seed=3, chunk=500, client=dask_client, on_chunk=seen.append)
    ran = [task for task in stream.data if str(task["key"]).startswith("chunk_task")]
    assert len(ran) == 5
    assert len({task["worker"] for task in ran}) == 2  # both workers drew and computed chunks
    assert sorted(seen) == [300, 500, 500, 500, 500]  # the bar moves as each chunk ends, in any order
    assert two == one  # every field: persons, weight, costs by payment and year, recipients, figures, groups
    assert two.persons == 2300
    # merged in the chunks' order, so even the order of the report's keys is that of one process
    assert json.dumps(report(two, reform, a.regions, seed=3)) == json.dumps(report(one, reform, a.regions, seed=3))


def test_kopir_simulate_prints_the_same_json_on_a_dask_cluster_as_in_one_process(dask_client: Client) -> None:
    args = ["simulate", "childcare-2-years", "--size", "2300", "--chunk", "500", "--seed", "4", "--json"]
    runner = CliRunner()
    here = runner.invoke(main, args)
    assert here.exit_code == 0, here.output
    on_scheduler = runner.invoke(main, [*args, "--scheduler", dask_client.scheduler.address])
    assert on_scheduler.exit_code == 0, on_scheduler.output
    local = runner.invoke(main, [*args, "--workers", "2"])
    assert local.exit_code == 0, local.output
    assert on_scheduler.stdout == local.stdout == here.stdout
    assert json.loads(here.stdout)["persons_simulated"] == 2300


def test_a_reform_that_changes_nothing_has_no_cost_and_no_winners() -> None:
    law = default_law()
    same = {"parameter": "gfss.childcare.rate", "since": date(2025, 1, 1), "value": 0.4}
    reform = parse(
        {"id": "same", "title": TEXT, "description": TEXT, "changes": [same]},
        law,
        source="t",
    )
    a = assumptions()
    document = report(simulate(reform, law, a, size=2000, seed=1, chunk=700), reform, a.regions, seed=1)
    assert document["total"]["change"] == 0
    assert document["winners_and_losers"]["winners"] == 0
    assert document["winners_and_losers"]["losers"] == 0


def test_the_nursery_subsidy_costs_takers_times_children_times_months() -> None:
    law = default_law()
    reform = load("nursery-subsidy", law)
    a = assumptions()
    population = synthesize(a, 5000, seed=3)
    totals = chunk_totals(population, law, reform, reform.law(law))
    takers = population.propensity < 0.3
    expected_tiyn = int(population.persons.children[takers].sum()) * 30000 * 100 * 24
    assert sum(totals.reform["nursery_subsidy"].values()) == expected_tiyn
    assert totals.figures["nursery_subsidy.deadweight_cost"] == expected_tiyn // 2


def test_the_report_reads_as_text_json_and_charts(tmp_path: Path) -> None:
    law = default_law()
    a = assumptions()
    reform = load("childcare-2-years", law)
    document = report(simulate(reform, law, a, size=3000, seed=2, chunk=1000), reform, a.regions, seed=2)
    assert document["births_represented"] == pytest.approx(387_900)
    assert document["total"]["change"] > 0
    assert document["winners_and_losers"]["losers"] == 0
    years = {row["year"] for row in document["cost_by_payment_and_year"] if row["payment"] == "childcare_gfss"}
    assert 2027 in years
    assert {row["group"] for row in document["by"]["region"]} <= set(a.regions)
    assert json.loads(json.dumps(document)) == document
    text = format_text(document)
    assert "Childcare payment until the age of 2" in text
    assert "Monthly childcare payment (social insurance)" in text
    russian = format_text(document, "ru")
    assert russian.startswith("Выплаты по уходу за ребёнком до достижения им 2 лет (childcare-2-years)")
    assert "Действующий закон" in russian
    assert "387 900" in russian.replace("\xa0", " ")
    assert "По регионам" in russian
    assert "Туркестанская область" in russian
    paths = write_charts(document, tmp_path)
    assert {p.name for p in paths} >= {"cost-change-by-payment.svg", "average-change-by-income-decile.svg"}
    assert all(p.read_text().startswith("<svg") for p in paths)
    for lang in ("kk", "ru"):
        write_charts(document, tmp_path / lang, lang)
    in_charts = {  # titles, payments, groups and units in the chart's language
        ".": {
            "cost-change-by-payment.svg": ["Change in cost by payment", "billion tenge", "Monthly childcare payment"],
        },
        "ru": {
            "cost-change-by-payment.svg": ["Изменение расходов по видам выплат", "млрд тенге"],
            "average-change-by-region.svg": [
                "в расчёте на одно рождение по регионам",
                "Туркестанская",
                " тенге</text>",
            ],
        },
        "kk": {"average-change-by-income-decile.svg": ["аналардың табыс децилі бойынша", "Сақтандырылмаған"]},
    }
    for folder, charts in in_charts.items():
        for name, parts in charts.items():
            svg = (tmp_path / folder / name).read_text(encoding="utf-8")
            assert [part for part in parts if part not in svg] == [], (folder, name)
            assert folder == "." or "Change" not in svg


def test_kopir_simulate_prints_json_and_refuses_a_broken_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["simulate", "childcare-50-percent", "--size", "2000", "--chunk", "1000", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["reform"]["id"] == "childcare-50-percent"
    assert document["persons_simulated"] == 2000
    broken = tmp_path / "broken.yaml"
    text = "{kk: a, ru: b, en: c}"
    broken.write_text(f"id: broken\ntitle: {text}\ndescription: {text}\nformulas: [{{name: nope}}]\n")
    result = runner.invoke(main, ["simulate", str(broken)])
    assert result.exit_code == 2
    assert "formulas[0]: name must be one of" in result.stderr
