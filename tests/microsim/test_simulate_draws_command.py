"""``kopir simulate --draws R``: the cost's range in the JSON and the tables; a bad R is refused in the language."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kopir.cli import main

SMALL = ["--size", "1000", "--chunk", "1000"]


def test_draws_put_the_range_in_the_json() -> None:
    result = CliRunner().invoke(main, ["simulate", "childcare-2-years", *SMALL, "--draws", "19", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    uncertainty = document["uncertainty"]
    assert (uncertainty["level"], uncertainty["draws"]) == (0.9, 19)
    total = uncertainty["cost"]["total"]
    assert total["low"] < total["high"]
    assert set(uncertainty["cost"]["by_year"]) == {str(r["year"]) for r in document["cost_by_payment_and_year"]}


def test_without_draws_there_is_no_range() -> None:
    result = CliRunner().invoke(main, ["simulate", "childcare-2-years", *SMALL, "--json"])
    assert result.exit_code == 0, result.output
    assert "uncertainty" not in json.loads(result.stdout)


def test_the_tables_show_the_range_column() -> None:
    result = CliRunner().invoke(main, ["simulate", "childcare-2-years", *SMALL, "--draws", "19", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert "Диапазон 90%" in result.stdout
    assert "Повторных выборок населения и калибровки в пределах допусков: 19." in result.stdout


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "--draws is zero (no range) or a number of draws from 19 to 1,000."),
        ("ru", "--draws: ноль (без диапазона) или число выборок от 19 до 1 000."),
        ("kk", "--draws: нөл (аралықсыз) немесе іріктемелер саны, ең азы 19, ең көбі 1 000."),
    ],
)
@pytest.mark.parametrize("draws", ["5", "-1", "1001"])
def test_a_number_of_draws_that_gives_no_range_is_refused_in_the_language(lang: str, said: str, draws: str) -> None:
    result = CliRunner().invoke(main, ["simulate", "childcare-2-years", *SMALL, "--draws", draws, "--lang", lang])
    assert result.exit_code == 2  # the command line's "invalid input"
    assert said in " ".join(result.stderr.split())
    assert result.stdout == ""
