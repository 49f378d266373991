"""Regions: the 20 entries, their codes and names, legacy codes, lookups and the loader's loud failures."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from kopir.reference import (
    LANGUAGES,
    Confidence,
    ReferenceDataError,
    RegionKind,
    TrilingualName,
    UnknownRegion,
    load_regions,
    region_by_iso,
    region_by_kato,
    regions,
)

LEGACY = {
    "KZ-AKM": "KZ-11",
    "KZ-AKT": "KZ-15",
    "KZ-ALA": "KZ-75",
    "KZ-ALM": "KZ-19",
    "KZ-AST": "KZ-71",
    "KZ-ATY": "KZ-23",
    "KZ-KAR": "KZ-35",
    "KZ-KUS": "KZ-39",
    "KZ-KZY": "KZ-43",
    "KZ-MAN": "KZ-47",
    "KZ-PAV": "KZ-55",
    "KZ-SEV": "KZ-59",
    "KZ-SHY": "KZ-79",
    "KZ-VOS": "KZ-63",
    "KZ-YUZ": "KZ-61",
    "KZ-ZAP": "KZ-27",
    "KZ-ZHA": "KZ-31",
}

# Domain notes D.3 (pycountry 26.2.16).
ISO_CODES = [f"KZ-{n}" for n in (10, 11, 15, 19, 23, 27, 31, 33, 35, 39, 43, 47, 55, 59, 61, 62, 63, 71, 75, 79)]


def test_seventeen_regions_and_three_cities_in_iso_order() -> None:
    assert [region.iso_code for region in regions()] == ISO_CODES
    cities = [region.name.en for region in regions() if region.kind is RegionKind.CITY]
    assert cities == ["Astana", "Almaty", "Shymkent"]
    assert sum(region.kind is RegionKind.REGION for region in regions()) == 17


def test_every_region_has_three_distinct_names() -> None:
    for region in regions():
        names = [region.name.in_language(language) for language in LANGUAGES]
        assert all(names), region.iso_code
        assert len({region.name.kk, region.name.ru}) == 2, region.iso_code


def test_names_are_unique_in_each_language() -> None:
    for language in LANGUAGES:
        names = [region.name.in_language(language) for region in regions()]
        assert len(set(names)) == 20, language


def test_iso_and_kato_codes_are_unique_and_share_the_prefix() -> None:
    assert len({region.iso_code for region in regions()}) == 20
    assert len({region.kato_code for region in regions()}) == 20
    for region in regions():
        assert region.kato_code == f"{region.iso_code[-2:]}0000000"
        assert region.kato_confidence is Confidence.MEDIUM


@pytest.mark.parametrize(
    ("iso", "kato", "names"),
    [
        ("KZ-71", "710000000", TrilingualName(kk="Астана қаласы", ru="город Астана", en="Astana")),
        ("KZ-75", "750000000", TrilingualName(kk="Алматы қаласы", ru="город Алматы", en="Almaty")),
        ("KZ-79", "790000000", TrilingualName(kk="Шымкент қаласы", ru="город Шымкент", en="Shymkent")),
        ("KZ-11", "110000000", TrilingualName(kk="Ақмола облысы", ru="Акмолинская область", en="Akmola Region")),
        ("KZ-10", "100000000", TrilingualName(kk="Абай облысы", ru="область Абай", en="Abai Region")),
        ("KZ-33", "330000000", TrilingualName(kk="Жетісу облысы", ru="область Жетісу", en="Zhetisu Region")),
        ("KZ-62", "620000000", TrilingualName(kk="Ұлытау облысы", ru="область Ұлытау", en="Ulytau Region")),
    ],
)
def test_known_entries(iso: str, kato: str, names: TrilingualName) -> None:
    assert region_by_iso(iso).name == names
    assert region_by_kato(kato) is region_by_iso(iso)


@pytest.mark.parametrize(("legacy", "current"), sorted(LEGACY.items()))
def test_legacy_alphabetic_codes_map_to_the_new_ones(legacy: str, current: str) -> None:
    assert region_by_iso(legacy).iso_code == current
    assert legacy in region_by_iso(current).legacy_iso_codes


def test_every_legacy_code_is_listed_and_the_2022_regions_have_none() -> None:
    assert {code for region in regions() for code in region.legacy_iso_codes} == LEGACY.keys()
    for iso in ("KZ-10", "KZ-33", "KZ-62"):
        assert region_by_iso(iso).legacy_iso_codes == ()


def test_lookups_forgive_case_spaces_and_an_integer_kato() -> None:
    assert region_by_iso(" kz-vos ").iso_code == "KZ-63"
    assert region_by_kato(710000000).iso_code == "KZ-71"
    assert region_by_kato(" 790000000 ").iso_code == "KZ-79"


@pytest.mark.parametrize("code", ["KZ-99", "KZ-BAY", "KZ", "", "RU-MOW", "KZ‑10"])
def test_unknown_iso_code_is_a_key_error(code: str) -> None:
    with pytest.raises(KeyError, match="unknown ISO 3166-2 code"):
        region_by_iso(code)


@pytest.mark.parametrize("code", ["111000000", "71", "7100000000", "", 0])
def test_unknown_or_lower_level_kato_code_is_a_key_error(code: str | int) -> None:
    with pytest.raises(UnknownRegion, match="unknown KATO code"):
        region_by_kato(code)


def test_module_examples_hold() -> None:
    # `kopir.reference.regions` is the function once the package is imported; the module is in sys.modules.
    assert doctest.testmod(importlib.import_module("kopir.reference.regions")).failed == 0


# --- the loader's loud failures ---------------------------------------------------------------

ENTRY = """\
  - iso: {iso}
    kato: "{kato}"
    kind: {kind}
    legacy_iso: [{legacy}]
    name: {{kk: Аймақ {iso}, ru: Регион {iso}, en: Region {iso}}}
"""


def _table(tmp_path: Path, *entries: str, confidence: str = "medium") -> Path:
    file = tmp_path / "regions.yaml"
    file.write_text(f"kato_confidence: {confidence}\nregions:\n" + "".join(entries), encoding="utf-8")
    return file


def _entry(iso: str = "KZ-71", kato: str = "710000000", kind: str = "city", legacy: str = "") -> str:
    return ENTRY.format(iso=iso, kato=kato, kind=kind, legacy=legacy)


def test_loader_reads_a_small_table(tmp_path: Path) -> None:
    table = load_regions(_table(tmp_path, _entry(legacy="KZ-AST"), confidence="high"))
    assert table.by_iso["KZ-AST"] is table.by_kato["710000000"]
    assert table.regions[0].kato_confidence is Confidence.HIGH


@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        ((_entry(), _entry()), r"region 2: code KZ-71 is already used by region 1"),
        ((_entry(legacy="KZ-AST"), _entry(iso="KZ-75", kato="750000000", legacy="KZ-AST")), "code KZ-AST is already"),
        ((_entry(kato="750000000"),), r"KATO code 750000000 for KZ-71: expected 710000000"),
        ((_entry(kato="71000000"),), "not a code of the form nine digits"),
        ((_entry(iso="KZ-7"),), "not a code of the form KZ-NN"),
        ((_entry(legacy="AST"),), "not a code of the form KZ-ABC"),
        ((_entry(kind="town"),), "unknown kind 'town'"),
        ((_entry().replace("kk: Аймақ KZ-71, ", ""),), "name: missing kk"),
        ((_entry().replace("en: Region KZ-71", "en: ''"),), r"name\.en: expected non-empty text"),
        ((_entry().replace("    kind: city\n", ""),), "missing kind"),
        ((_entry() + "    capital: yes\n",), r"unknown field\(s\) capital"),
    ],
)
def test_loader_rejects_broken_entries(tmp_path: Path, entries: tuple[str, ...], problem: str) -> None:
    with pytest.raises(ReferenceDataError, match=problem) as error:
        load_regions(_table(tmp_path, *entries))
    assert "regions.yaml" in str(error.value)


def test_loader_rejects_a_duplicate_key(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"regions\.yaml: not valid YAML: .*duplicate key 'kind'"):
        load_regions(_table(tmp_path, _entry() + "    kind: region\n"))


def test_loader_rejects_an_unknown_confidence_and_an_empty_list(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="unknown confidence 'certain'"):
        load_regions(_table(tmp_path, _entry(), confidence="certain"))
    with pytest.raises(ReferenceDataError, match="regions: expected a non-empty list"):
        load_regions(_table(tmp_path))


def test_loader_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"missing\.yaml: cannot be read"):
        load_regions(tmp_path / "missing.yaml")
