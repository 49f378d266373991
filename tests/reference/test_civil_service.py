"""Civil service: the order of managerial levels, the two I13 measures, names, corps B categories, the loader."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from kopir.reference import (
    LANGUAGES,
    BodyLevel,
    CategoryFamily,
    Confidence,
    Corps,
    ManagerialLevel,
    ReferenceDataError,
    civil_service_table,
    corps_b_categories,
    load_civil_service,
    managerial_levels,
)
from kopir.reference.civil_service import CIVIL_SERVICE_FILE

ORDER = [
    "political",
    "corps_a",
    "head_of_central_department",
    "head_of_structural_unit",
    "deputy_head",
    "head_of_sector",
    "specialist",
]


def test_managerial_levels_run_from_political_to_specialist() -> None:
    assert [level.value for level in managerial_levels()] == ORDER
    assert [level.rank for level in managerial_levels()] == list(range(7))


def test_outranks_follows_the_order() -> None:
    levels = managerial_levels()
    for higher_rank, higher in enumerate(levels):
        for lower in levels[higher_rank + 1 :]:
            assert higher.outranks(lower)
            assert not lower.outranks(higher)
        assert not higher.outranks(higher)


def test_levels_do_not_compare_as_text() -> None:
    # "corps_a" < "political" alphabetically, the opposite of seniority: refuse rather than mislead.
    with pytest.raises(TypeError):
        _ = ManagerialLevel.CORPS_A < ManagerialLevel.POLITICAL  # type: ignore[operator]


def test_managerial_means_head_of_sector_and_above() -> None:
    managerial = [level.value for level in managerial_levels() if level.is_managerial]
    assert managerial == ORDER[:-1]
    assert not ManagerialLevel.SPECIALIST.is_managerial


def test_senior_means_heads_of_central_departments_and_above() -> None:
    senior = [level.value for level in managerial_levels() if level.is_senior]
    assert senior == ["political", "corps_a", "head_of_central_department"]
    assert not ManagerialLevel.HEAD_OF_STRUCTURAL_UNIT.is_senior
    assert not ManagerialLevel.DEPUTY_HEAD.is_senior


def test_senior_posts_are_a_subset_of_managerial_ones() -> None:
    for level in managerial_levels():
        assert not level.is_senior or level.is_managerial


def test_each_level_belongs_to_a_corps() -> None:
    assert ManagerialLevel.POLITICAL.corps is Corps.POLITICAL
    assert ManagerialLevel.CORPS_A.corps is Corps.A
    assert {level.corps for level in managerial_levels()[2:]} == {Corps.B}


def test_every_code_has_three_names() -> None:
    for members in (Corps, BodyLevel, ManagerialLevel):
        for member in members:
            names = member.names
            assert all(names.in_language(language) for language in LANGUAGES), member
    assert Corps.B.names.ru == "корпус «Б»"
    assert ManagerialLevel.HEAD_OF_SECTOR.names.en == "head of sector"


def test_names_are_unique_per_kind_and_language() -> None:
    for members in (Corps, BodyLevel, ManagerialLevel):
        for language in LANGUAGES:
            names = [member.names.in_language(language) for member in members]
            assert len(set(names)) == len(names), (members, language)


def test_unknown_language_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="'de'"):
        Corps.A.names.in_language("de")


# --- corps B categories (low confidence) ------------------------------------------------------


def test_category_list_is_marked_low_confidence() -> None:
    assert civil_service_table().categories_confidence is Confidence.LOW


def test_central_bodies_have_b1_to_b5() -> None:
    (family,) = corps_b_categories(BodyLevel.CENTRAL)
    assert family.known_codes == ("B-1", "B-2", "B-3", "B-4", "B-5")
    assert family.contains("B-5")
    assert not family.contains("B-6")
    assert str(family) == "B-1…B-5"


def test_regional_level_has_c_and_c_o() -> None:
    families = corps_b_categories("regional")
    assert [str(family) for family in families] == ["C-1…", "C-O-1…C-O-6"]
    assert any(family.contains("c-o-6") for family in families)
    assert not any(family.contains("C-O-7") for family in families)
    assert any(family.contains("C-12") for family in families)  # upper bound not known


def test_district_and_rural_levels_share_the_families_d6_lumps_together() -> None:
    assert corps_b_categories("district") == corps_b_categories("rural")
    assert {family.prefix for family in corps_b_categories("rural")} == {"C-R", "D", "D-O", "E", "E-R", "E-G"}


def test_every_body_level_has_categories_with_distinct_prefixes() -> None:
    for level in BodyLevel:
        prefixes = [family.prefix for family in corps_b_categories(level)]
        assert prefixes
        assert len(set(prefixes)) == len(prefixes)


@pytest.mark.parametrize("code", ["C-O", "C-0", "C-O-01", "B1", "", "B-1-1"])
def test_a_family_does_not_contain_malformed_codes(code: str) -> None:
    assert not CategoryFamily("C-O", None).contains(code)
    assert not CategoryFamily("B", None).contains(code)


def test_unknown_body_level_is_refused() -> None:
    with pytest.raises(ValueError, match="'oblast'"):
        corps_b_categories("oblast")


def test_module_examples_hold() -> None:
    assert doctest.testmod(importlib.import_module("kopir.reference.civil_service")).failed == 0


# --- the loader's loud failures ---------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = CIVIL_SERVICE_FILE.read_text(encoding="utf-8")
    assert old in text
    file = tmp_path / "civil_service.yaml"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


def test_the_shipped_file_loads() -> None:
    assert load_civil_service() == civil_service_table()


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("  deputy_head:\n", "  deputy:\n", r"managerial_levels: missing deputy_head"),
        ("    en: corps B\n", "", r"corps\.B: missing en"),
        ("    en: corps B\n", "    en: corps B\n    de: Korps B\n", r"corps\.B: unknown field\(s\) de"),
        ("categories_confidence: low", "categories_confidence: sure", "unknown confidence 'sure'"),
        ("{prefix: B, last: 5}", "{prefix: B, last: 0}", r"central\[0\]\.last: expected a number from 1 up"),
        ("{prefix: B, last: 5}", "{prefix: b1, last: 5}", r"central\[0\]\.prefix: 'b1' is not a category prefix"),
        ("{prefix: C, last: null}", "{prefix: C-O, last: null}", r"regional: a prefix is listed twice"),
        ("  rural: *district_and_rural\n", "", "corps_b_categories: missing rural"),
        ("  central:\n    kk:", "  central:\n    kk: x\n    kk:", "duplicate key 'kk'"),
    ],
)
def test_loader_rejects_broken_tables(tmp_path: Path, old: str, new: str, problem: str) -> None:
    with pytest.raises(ReferenceDataError, match=problem) as error:
        load_civil_service(_broken(tmp_path, old, new))
    assert "civil_service.yaml" in str(error.value)
