"""Reform files: every shipped one loads, a broken one is refused with each problem named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kopir.cli import main
from kopir.microsim.formulas import NurserySubsidy
from kopir.microsim.reforms import HIGHEST_BY_UNIT, ReformError, available, load, parse
from kopir.rules import calculate, default_law
from tests.conftest import make_request

TITLE = {"kk": "Реформа", "ru": "Реформа", "en": "Reform"}


def _doc(**extra: object) -> dict:
    return {"id": "r", "title": TITLE, "description": TITLE, **extra}


@pytest.mark.parametrize("name", available())
def test_every_shipped_reform_loads(name: str) -> None:
    reform = load(name, default_law())
    assert reform.id == name
    assert reform.changes or reform.formulas
    assert set(reform.title) == {"kk", "ru", "en"}


def test_the_shipped_reforms_cover_the_issue() -> None:
    assert set(available()) >= {
        "maternity-cap-10-mzp",
        "childcare-50-percent",
        "childcare-2-years",
        "early-return-keeps-childcare",
        "phased-return",
        "employer-compensation-fund",
        "nursery-subsidy",
    }


def test_a_dated_change_keeps_the_earlier_values_and_reaches_the_single_person_calculation() -> None:
    law = default_law()
    reform = parse(
        _doc(changes=[{"parameter": "gfss.childcare.rate", "since": date(2025, 7, 1), "value": 0.5}]), law, source="t"
    )
    reformed = reform.law(law)
    assert reformed.at("gfss.childcare.rate", date(2025, 6, 30)).number() == Decimal("0.4")
    assert reformed.at("gfss.childcare.rate", date(2025, 7, 1)).number() == Decimal("0.5")
    before = calculate(make_request(), law=law)
    after = calculate(make_request(), law=reformed)
    gfss = [next(p for p in r["payments"] if p["id"] == "childcare_gfss") for r in (before, after)]
    assert gfss[1]["monthly_gross"] > gfss[0]["monthly_gross"]


def test_every_problem_of_a_broken_file_is_reported_together() -> None:
    document = {
        "id": "r",
        "title": {"en": "only English"},
        "description": "only one language",
        "colour": "red",
        "changes": [
            {"parameter": "gfss.no_such", "since": date(2025, 1, 1), "value": 1},
            {"parameter": "gfss.childcare.rate", "since": "soon", "value": 0.5},
            {"parameter": "gfss.childcare.prorate_partial_months", "since": date(2025, 1, 1), "value": 3},
            {"parameter": "gfss.childcare.rate", "since": date(2025, 1, 1), "value": -1},
        ],
        "formulas": [
            {"name": "basic_income"},
            {"name": "nursery_subsidy", "monthly_tenge": 30000, "take_up": 1.5, "from_month": 12, "until_month": 6},
        ],
    }
    with pytest.raises(ReformError) as caught:
        parse(document, default_law(), source="broken.yaml")
    text = str(caught.value)
    for expected in (
        "unknown key 'colour'",
        "title must give a text in each of kk, ru and en",
        "description must give a text in each of kk, ru and en",
        "changes[0]: no parameter 'gfss.no_such'",
        "changes[1]: since must be a date",
        "changes[2]: gfss.childcare.prorate_partial_months is a switch",
        "changes[3]: gfss.childcare.rate is a number (not negative)",
        "formulas[0]: name must be one of employer_fund, nursery_subsidy, phased_return",
        "formulas[1].take_up: 1.5 is outside 0..1",
        "formulas[1]: missing parameter 'deadweight'",
    ):
        assert expected in text
    assert text.startswith("broken.yaml: ")


def test_a_formula_with_until_before_from_is_refused() -> None:
    formula = {"name": "nursery_subsidy", "monthly_tenge": 1, "take_up": 0.1, "from_month": 12, "until_month": 6}
    with pytest.raises(ReformError, match="until_month must be after from_month"):
        parse(_doc(formulas=[{**formula, "deadweight": 0.5}]), default_law(), source="t")


def test_a_good_formula_is_built_with_its_parameters() -> None:
    formula = {"name": "nursery_subsidy", "monthly_tenge": 30000, "take_up": 0.3, "from_month": 12}
    reform = parse(_doc(formulas=[{**formula, "until_month": 36, "deadweight": 0.5}]), default_law(), source="t")
    assert reform.formulas == (NurserySubsidy(30000, 0.3, 12, 36, 0.5),)


def test_a_file_whose_id_is_not_its_name_or_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    text = "id: other\ntitle: {kk: a, ru: b, en: c}\ndescription: {kk: a, ru: b, en: c}\nchanges: []\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReformError) as caught:
        load(str(path), default_law())
    assert "id 'other' must be the file name 'mine'" in str(caught.value)
    assert "at least one change or formula" in str(caught.value)
    with pytest.raises(ReformError, match="no such reform; shipped: childcare-2-years"):
        load("no-such-reform", default_law())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "kk",
            [
                "broken.yaml пайдалануға болмайды:",
                "белгісіз кілт: 'colour'",
                "formulas[0]: name мына мәндердің",
                "formulas[1].take_up: 1.5 мәні 0..1 аралығынан тыс (субсидияланған орындағы балалардың үлесі)",
            ],
        ),
        (
            "ru",
            [
                "broken.yaml нельзя использовать:",
                "неизвестный ключ 'colour'",
                "formulas[0]: name должен быть",
                "formulas[1].take_up: 1.5 вне диапазона 0..1 (доля детей на субсидируемых местах)",
                "formulas[1]: не задан параметр 'deadweight' (доля субсидируемых мест, которые использовались бы",
            ],
        ),
        (
            "en",
            [
                "broken.yaml cannot be used:",
                "unknown key 'colour'",
                "formulas[0]: name must be one of",
                "formulas[1].take_up: 1.5 is outside 0..1 (share of children in a subsidised place)",
            ],
        ),
    ],
)
def test_kopir_simulate_names_a_broken_files_problems_in_the_language_of_lang(
    tmp_path: Path, lang: str, expected: list[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    text = "{kk: a, ru: b, en: c}"
    nursery = "name: nursery_subsidy, monthly_tenge: 1, take_up: 1.5, from_month: 12, until_month: 36"
    broken.write_text(
        f"id: broken\ncolour: red\ntitle: {text}\ndescription: {text}\n"
        f"formulas:\n  - {{name: nope}}\n  - {{{nursery}}}\n"
    )
    result = CliRunner().invoke(main, ["simulate", str(broken), "--lang", lang])
    assert result.exit_code == 2
    assert result.stdout == ""
    for part in expected:
        assert part in result.stderr.replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize(
    ("parameter", "value", "since", "expected"),
    [
        ("gfss.childcare.rate", ".nan", "2027-01-01", "is a number (not negative), not nan"),
        ("gfss.childcare.rate", ".inf", "2027-01-01", "is a number (not negative), not inf"),
        ("gfss.childcare.rate", "4", "2027-01-01", "gfss.childcare.rate: 4 is outside 0..1 (rate)"),
        ("gfss.childcare.months", "24.5", "2027-01-01", "gfss.childcare.months is a whole number, not 24.5"),
        ("gfss.childcare.months", "1000", "2027-01-01", "gfss.childcare.months: 1000 is outside 0..120 (months)"),
        ("gfss.childcare.rate", "0.45", "1999-12-31", "gfss.childcare.rate has no value before 1 January 2023"),
        ("gfss.childcare.rate", "1.0e-9", "2027-01-01", "takes at most 6 decimal places, not 1E-9"),
    ],
)
def test_a_value_a_run_could_not_use_exits_with_status_two_and_names_it(
    tmp_path: Path, parameter: str, value: str, since: str, expected: str
) -> None:
    """Before these checks a NaN raised inside `parse` (a traceback), and a rate of 4 or 24.5 months ran."""
    file = tmp_path / "odd.yaml"
    text = "{kk: a, ru: b, en: c}"
    file.write_text(
        f"id: odd\ntitle: {text}\ndescription: {text}\n"
        f"changes:\n  - {{parameter: {parameter}, since: {since}, value: {value}}}\n"
    )
    result = CliRunner().invoke(main, ["simulate", str(file), "--size", "1000"])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "changes[0]: general.mzp: 8500000000 is outside 0..1000000000 (tenge)"),
        ("ru", "changes[0]: general.mzp: 8500000000 вне диапазона 0..1000000000 (тенге)"),
        ("kk", "changes[0]: general.mzp: 8500000000 мәні 0..1000000000 аралығынан тыс (теңге)"),
    ],
)
def test_a_value_above_its_units_limit_is_refused_naming_the_parameter_and_the_limit(lang: str, expected: str) -> None:
    """The MZP with five zeros too many: the sanity limit of an amount in tenge (`HIGHEST_BY_UNIT`)."""
    change = {"parameter": "general.mzp", "since": date(2027, 1, 1), "value": 8_500_000_000}
    with pytest.raises(ReformError) as refused:
        parse({"id": "r", "title": TITLE, "changes": [change]}, default_law(), source="r.yaml")
    [problem] = refused.value.problems
    assert problem.text(lang) == expected  # type: ignore[arg-type]
    assert HIGHEST_BY_UNIT["tenge"] == 1_000_000_000


def test_the_new_checks_keep_every_sensible_value() -> None:
    changes = [
        {"parameter": "gfss.childcare.rate", "since": date(2023, 1, 1), "value": "0.45"},
        {"parameter": "gfss.childcare.months", "since": date(2027, 1, 1), "value": 24.0},
        {"parameter": "general.mzp", "since": date(2027, 1, 1), "value": 150000},
    ]
    reform = parse(_doc(changes=changes), default_law(), source="t")
    assert [c.value for c in reform.changes] == [Decimal("0.45"), 24, 150000]
