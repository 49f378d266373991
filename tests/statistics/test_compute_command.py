"""``kopir stats compute`` as a table: a header, the indicators' names and the figures in the language asked for.

Same records as tests/statistics/test_pages_and_runs.py: in 2025 two of four due returned (50 %) in
all bodies. A year without records says so and exits with status 3 (nothing on standard output).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from kopir.cli import main
from kopir.statistics.cli import EXIT_NO_DATA
from tests.statistics.builders import back_in_february, body, due_in_february, leave, leaves, person

pytestmark = pytest.mark.django_db

HEADERS = {
    "en": ("Indicator", "Code", "Sex", "Breakdown", "Value", "Numerator", "Denominator"),
    "ru": ("Показатель", "Код", "Пол", "Разбивка", "Значение", "Числитель", "Знаменатель"),
}
RETURN_RATE = {  # the name, the sex "all", the figure 50 % as the language writes it
    "en": ("I5 Return-to-work rate", "All", "50.0%"),
    "ru": ("I5 Коэффициент возвращения на работу", "Всего", "50,0%"),
    "kk": ("I5 Жұмысқа шығу коэффициенті", "Барлығы", "50,0%"),
}


@pytest.fixture
def records() -> None:
    own, other = body("OWN"), body("OTHER", "KZ-75")
    for office in (own, other):
        back_in_february(person(office))
        due_in_february(person(office))
    stays, goes = person(own), person(own)
    for returner in (stays, goes):
        leave(
            returner, birth=date(2023, 1, 1), childcare=(date(2023, 2, 26), date(2024, 3, 1)), returned=date(2024, 3, 4)
        )
    leaves(goes, date(2024, 12, 31))


def _compute(*args: str) -> Any:
    return CliRunner().invoke(main, ["stats", "compute", "--year", "2025", *args])


def _row_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("  ") if cell.strip()]


def _row(output: str, code: str, sex: str) -> list[str]:
    """The table's row of indicator `code` for `sex` (the total, no breakdown), split on its column gaps."""
    for line in output.splitlines():
        cells = _row_cells(line)
        if len(cells) > 2 and cells[1] == code and cells[2] == sex:
            return cells
    raise AssertionError(f"no row {code} {sex} in\n{output}")


@pytest.mark.usefixtures("records")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_table_has_a_header_in_the_language_asked_for(lang: str) -> None:
    result = _compute("--lang", lang)
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split()
    assert tuple(header) == HEADERS[lang]
    assert set(result.stdout.splitlines()[1]) <= {"-", " "}  # the rule under the header


@pytest.mark.usefixtures("records")
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_each_row_names_the_indicator_and_writes_the_figure_for_the_language(lang: str) -> None:
    name, everyone, half = RETURN_RATE[lang]
    result = _compute("--lang", lang)
    assert result.exit_code == 0, result.output
    assert _row(result.stdout, "return_rate", everyone) == [name, "return_rate", everyone, half, "2", "4"]


@pytest.mark.usefixtures("records")
def test_all_cells_adds_the_region_and_body_columns() -> None:
    result = _compute("--all-cells")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split()[:6] == ["Indicator", "Code", "Sex", "Region", "State", "body"]
    rows = [_row_cells(line) for line in result.stdout.splitlines()[2:]]
    bodies = {cells[4] for cells in rows if len(cells) > 4}
    assert {"OWN", "OTHER", "All"} <= bodies


@pytest.mark.usefixtures("records")
def test_json_is_unchanged_by_the_table() -> None:
    result = _compute("--json", "--lang", "ru")
    assert result.exit_code == 0, result.output
    figures = {(c["indicator"], c["sex"]): c for c in json.loads(result.stdout) if c["breakdown"] == ""}
    assert (figures["return_rate", "all"]["value"], figures["return_rate", "all"]["numerator"]) == ("50.0", 2)


@pytest.mark.usefixtures("records")
@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "No data for 1990"), ("ru", "Нет данных за 1990 год"), ("kk", "1990 жылға деректер жоқ")],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_a_year_without_data_says_so_with_status_3(lang: str, said: str, as_json: bool) -> None:
    args = ["stats", "compute", "--year", "1990", "--lang", lang, *(["--json"] if as_json else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == EXIT_NO_DATA == 3
    assert result.stdout == ""
    assert said in result.stderr


def test_an_empty_database_is_a_year_without_data() -> None:
    result = _compute()
    assert result.exit_code == EXIT_NO_DATA
    assert "No data for 2025" in result.stderr


@pytest.mark.usefixtures("records")
def test_an_unknown_body_is_refused_in_the_language_asked_for() -> None:
    result = _compute("--body", "NOPE", "--lang", "ru")
    assert result.exit_code == 2
    assert "нет государственного органа с кодом 'NOPE'" in result.stderr
