"""The acts of the formulas are data with dates: a step that reads no value cites the act of its day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kopir.rules import ParameterFileError, acts, calculate
from kopir.rules.acts import ACTS_FILE, FORMULAS, formula_act, read_formula_acts
from tests.conftest import CONTRACT_EXAMPLE
from tests.rules.test_legal_trail import VARIED_REQUESTS, is_official

SOCIAL_CODE_IN_FORCE = date(2023, 7, 1)
SHIPPED = ACTS_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_formula_has_an_official_act_in_three_languages_on_every_date(formula: str) -> None:
    dated = read_formula_acts(ACTS_FILE)[formula]
    for since, act in zip(dated.starts, dated.acts, strict=True):
        assert is_official(act.href), (formula, since)
        assert all(act.title[lang].strip() for lang in ("kk", "ru", "en")), (formula, since)
        if since >= SOCIAL_CODE_IN_FORCE:
            assert "until 30.06.2023" not in act.title["en"], (formula, since)


def test_the_act_is_chosen_by_the_date() -> None:
    assert "405-II" in formula_act("maternity", date(2023, 6, 30)).title["en"]
    assert formula_act("maternity", date(2023, 7, 1)).title["en"].endswith("No. 224-VII, art. 78")
    assert "63-III" in formula_act("childcare_allowance", date(2022, 1, 1)).title["ru"]
    assert "105-V" in formula_act("pension_withheld", date(2023, 1, 1)).title["en"]
    assert formula_act("leave", date(2019, 1, 1)).href == acts.LABOUR_CODE


def test_the_public_names_stay_the_acts_in_force_today() -> None:
    assert acts.MATERNITY.href == acts.SOCIAL_CODE
    assert acts.MATERNITY.title["en"].endswith("art. 78")
    assert acts.PENSION_WITHHELD.title["en"].endswith("art. 76")
    assert acts.LEAVE.title["en"].endswith("art. 99")
    assert set(acts.FORMULA_BY_PAYMENT) == {
        "leave",
        "maternity",
        "birth_allowance",
        "childcare_allowance",
        "childcare_gfss",
    }


def _unread_steps(response: dict[str, object], payment: str) -> list[dict[str, str]]:
    steps = response["explanation"]
    assert isinstance(steps, list)
    return [s for s in steps if s["payment"] == payment and not s.get("parameter")]


def test_a_right_of_may_2023_cites_the_law_of_its_time_and_a_birth_of_july_the_social_code() -> None:
    response = calculate(VARIED_REQUESTS["birth_2023_paid_into_2025"], lang="en")
    right = next(s for s in _unread_steps(response, "maternity") if "right to the payment" in s["text"])
    assert "405-II" in right["legal_basis"]
    assert right["legal_href"] == "https://adilet.zan.kz/rus/docs/Z030000405_"
    childcare = _unread_steps(response, "childcare_gfss")
    assert childcare
    assert all(s["legal_basis"].endswith("art. 85") for s in childcare)


def test_a_right_of_2025_cites_the_social_code() -> None:
    steps = _unread_steps(calculate(CONTRACT_EXAMPLE, lang="ru"), "maternity")
    assert steps
    assert all("Социальный кодекс" in s["legal_basis"] for s in steps)


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        ("leave: {}\n", "the formulas are"),
        (SHIPPED.replace("2023-07-01:", "2005-01-01:", 1), "key"),
        (SHIPPED.replace("      en: Labour Code", "      xx: Labour Code"), "kk, ru and en"),
    ],
)
def test_a_broken_acts_file_fails_with_its_name(tmp_path: Path, broken: str, complaint: str) -> None:
    file = tmp_path / "formula_acts.yaml"
    file.write_text(broken, encoding="utf-8")
    with pytest.raises(ParameterFileError, match=complaint) as error:
        read_formula_acts(file)
    assert str(file) in str(error.value)
