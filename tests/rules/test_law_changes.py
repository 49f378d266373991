"""The law's changes read from the parameter files, and the Markdown copy committed in docs/."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from kopir.cli import main
from kopir.rules.law import Law
from kopir.rules.law_changes import changes_markdown, describe_value, law_changes, unit_name
from kopir.rules.law_files import default_law, read_law

DOCS_COPY = Path(__file__).parents[2] / "docs" / "methodology" / "law-changes.md"

PARAMETER = """\
description: A test value.
metadata:
  unit: tenge
  label: {en: Test value, ru: Тестовое значение, kk: Сынақ мәні}
  confidence: high
values:
"""
VALUE = """\
  {since}:
    value: {value}
    reference:
      - title: {{en: {act}, ru: {act}, kk: {act}}}
        href: https://adilet.zan.kz/rus/docs/{act}
"""


def _law(tmp_path: Path, *values: tuple[str, str, str]) -> Law:
    text = PARAMETER + "".join(VALUE.format(since=s, value=v, act=a) for s, v, a in values)
    (tmp_path / "test.yaml").write_text(text, encoding="utf-8")
    return read_law(tmp_path)


def test_a_change_of_value_and_a_change_of_act_only_are_told_apart(tmp_path: Path) -> None:
    law = _law(tmp_path, ("2020-01-01", "100", "A1"), ("2021-01-01", "100", "B2"), ("2022-01-01", "120", "B2"))
    changes = law_changes(law).changes
    assert [(c.since, c.old, c.new, c.value_changed) for c in changes] == [
        (date(2022, 1, 1), 100, 120, True),
        (date(2021, 1, 1), 100, 100, False),
    ]
    assert changes[1].references[0].href.endswith("/B2")


def test_a_value_repeated_under_the_same_act_is_no_change(tmp_path: Path) -> None:
    law = _law(tmp_path, ("2020-01-01", "100", "A1"), ("2021-01-01", "100", "A1"))
    assert law_changes(law).changes == ()


def test_the_shipped_law_has_the_changes_a_person_compares_years_by() -> None:
    changes = {(c.path, c.since): c for c in law_changes(default_law()).changes}
    assert changes["general.mrp", date(2026, 1, 1)].old == 3932
    assert changes["general.mrp", date(2026, 1, 1)].new == 4325
    assert changes["contributions.so_rate", date(2025, 1, 1)].new == Decimal("0.05")
    cap = changes["gfss.maternity.income_cap_mzp", date(2025, 4, 8)]
    assert (cap.old, cap.new) == (None, 7)
    assert not changes["contributions.opv_rate", date(2023, 7, 1)].value_changed  # the Social Code took over
    self_employed = changes["contributions.self_employed_so_rate", date(2026, 1, 1)]
    assert (self_employed.old, self_employed.new) == (None, Decimal("0.01"))
    assert self_employed.references[0].href == "https://adilet.zan.kz/rus/docs/K2500000214"  # the Tax Code of 2025


def test_values_read_in_each_language() -> None:
    assert describe_value(Decimal("0.035"), "rate", "en") == "3.5%"
    assert describe_value(85000, "tenge", "en") == "85,000"
    assert describe_value(None, "mzp_multiple", "ru") == "не действовало"
    assert describe_value(True, "bool", "kk") == "иә"
    assert describe_value({"mode": "half_up", "unit": 100}, "rounding", "en") == "to the nearest hundred tenge, half up"
    scale = {1: Decimal("38"), 4: Decimal("63")}
    assert describe_value(scale, "mrp_multiple_by_birth_order", "en") == "from child 1: 38; from child 4: 63"
    assert unit_name("mzp_multiple", "kk") == "ЕТЖ (ең төменгі жалақы)"


def test_the_markdown_copy_in_docs_is_current() -> None:
    assert DOCS_COPY.read_text(encoding="utf-8") == changes_markdown(default_law()), (
        "the copy in docs/ is out of date: run `kopir law-changes --output docs/methodology/law-changes.md`"
    )


def test_the_command_writes_the_markdown(tmp_path: Path) -> None:
    output = tmp_path / "changes.md"
    result = CliRunner().invoke(main, ["law-changes", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8") == changes_markdown(default_law())
    printed = CliRunner().invoke(main, ["law-changes"])
    assert printed.output == changes_markdown(default_law())
    assert "| Monthly calculation index (MRP) | `general.mrp` | 3,932 → 4,325 | tenge |" in printed.output
