"""The parameter files: complete metadata on every parameter, and loud failures on broken files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kopir.rules.errors import ParameterFileError, RulesNotKnown
from kopir.rules.law_files import default_law, read_law

GOOD = """\
description: A test parameter.
metadata:
  unit: tenge
  label: {en: Test, ru: Тест, kk: Тест}
  confidence: high
values:
  2024-01-01:
    value: 100
    reference: [{title: {en: Act 1, ru: Акт 1, kk: Акт 1}, href: "https://example.kz/1"}]
  2025-01-01:
    value: "200.50"
    reference: [{title: {en: Act 2, ru: Акт 2, kk: 2-акт}, href: "https://example.kz/2"}]
"""

# Every parameter the issue names must exist: losing one in a refactor fails here.
REQUIRED = [
    "general.mrp",
    "general.mzp",
    "contributions.so_rate",
    "contributions.so_base_floor_mzp",
    "contributions.so_base_ceiling_mzp",
    "contributions.opv_rate",
    "contributions.opv_base_ceiling_mzp",
    "state_budget.birth_allowance.coefficient_mrp",
    "state_budget.childcare_allowance.coefficient_mrp",
    "gfss.maternity.income_cap_mzp",
    "gfss.maternity.window_months",
    "gfss.childcare.rate",
    "gfss.childcare.ceiling_mzp",
    "gfss.childcare.window_months",
    "gfss.childcare.minimum_participation_months",
    "leave.maternity.before_birth_days",
    "leave.maternity.after_birth_days",
    "leave.maternity.after_birth_days_complicated",
    "leave.nuclear_zone.before_birth_days",
    "leave.nuclear_zone.after_birth_days",
    "leave.nuclear_zone.after_birth_days_complicated",
    "leave.adoption.after_birth_days",
    "leave.adoption.after_birth_days_complicated",
    "rounding.state_allowances",
    "rounding.gfss_payments",
]


def _write(tmp_path: Path, text: str, name: str = "thing.yaml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_every_named_parameter_is_shipped() -> None:
    missing = [path for path in REQUIRED if path not in default_law().parameters]
    assert missing == []


def test_every_parameter_has_labels_references_and_confidence() -> None:
    for parameter in default_law().parameters.values():
        assert set(parameter.label) == {"kk", "ru", "en"}, parameter.path
        assert all(v.references and v.confidence in {"high", "medium", "low"} for v in parameter.values)
        if any(v.confidence == "low" for v in parameter.values):
            assert parameter.uncertainty is not None, parameter.path


def test_a_value_is_read_by_day_with_its_reference(tmp_path: Path) -> None:
    law = read_law(_write(tmp_path, GOOD))
    reading = law.at("thing", date(2025, 6, 1))
    assert reading.number() == Decimal("200.50")
    assert reading.entry.since == date(2025, 1, 1)
    assert reading.legal_basis("ru") == "Акт 2"
    assert reading.legal_basis("kk") == "2-акт"
    assert law.at("thing", date(2024, 12, 31)).number() == 100


def test_a_date_before_the_first_value_is_refused(tmp_path: Path) -> None:
    law = read_law(_write(tmp_path, GOOD))
    with pytest.raises(RulesNotKnown, match="2024-01-01"):
        law.at("thing", date(2023, 12, 31))


def test_a_date_after_known_until_is_flagged() -> None:
    law = default_law()
    assert law.at("general.mrp", date(2027, 1, 1)).beyond_known
    assert not law.at("general.mrp", date(2026, 12, 31)).beyond_known
    assert law.at("general.mrp", date(2027, 1, 1)).number() == 4325


def test_the_maternity_cap_switches_on_exactly_on_2025_04_08() -> None:
    cap = default_law()["gfss.maternity.income_cap_mzp"]
    assert cap.at(date(2025, 4, 7)).value is None
    assert cap.at(date(2025, 4, 8)).value == 7


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        (GOOD.replace("2025-01-01", "2024-01-01"), "duplicate key"),
        (GOOD.replace("2025-01-01", "2023-01-01"), "ascending order"),
        (GOOD.replace('"200.50"', "200.50"), "quoted strings"),
        (GOOD.replace("ru: Тест, ", ""), "kk, ru and en"),
        (GOOD.replace("unit: tenge", "unit: roubles"), "metadata.unit"),
        (GOOD.replace("confidence: high", "confidence: sure"), "metadata.confidence"),
        (
            GOOD.replace(
                '    reference: [{title: {en: Act 2, ru: Акт 2, kk: 2-акт}, href: "https://example.kz/2"}]\n', ""
            ),
            "reference",
        ),
        (GOOD.replace("{en: Act 2, ru: Акт 2, kk: 2-акт}", "Act 2"), "title needs kk, ru and en"),
        (GOOD.replace("confidence: high", "confidence: low"), "uncertainty"),
        ("values: [", "while parsing"),
    ],
)
def test_a_broken_file_fails_loudly_with_its_name(tmp_path: Path, broken: str, complaint: str) -> None:
    with pytest.raises(ParameterFileError, match=complaint) as caught:
        read_law(_write(tmp_path, broken, "broken.yaml"))
    assert "broken.yaml" in str(caught.value)
