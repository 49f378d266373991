"""Code-health tests of the legal trail (issue 13): every value and every step cites an official act.

Modelled on PolicyEngine's parameter checks: a value without a primary act, a primary act on a
news or bank page, or an explanation step without a basis and a link fails here, by name.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator

from kopir.rules import ParameterFileError, calculate, default_law
from kopir.rules.law import Law
from kopir.rules.law_files import read_law
from tests.conftest import CONTRACT_EXAMPLE, make_request

# Official sources: the state's legal database, and state bodies' own sites.
OFFICIAL_HOSTS = ("adilet.zan.kz", "gov.kz", "egov.kz", "gfss.kz")
SOCIAL_CODE = "K2300000224"
# The Social Code and the Ministry's orders made under it (rules of GFSS payments, of state allowances).
ACTS_OF_2023 = (SOCIAL_CODE, "V2300032912", "V2300032989")
SOCIAL_CODE_IN_FORCE = date(2023, 7, 1)
LANGUAGES = ("kk", "ru", "en")


def is_official(href: str) -> bool:
    parts = urlsplit(href)
    host = parts.hostname or ""
    return parts.scheme == "https" and any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


def test_the_official_hosts_are_told_from_news_and_bank_pages() -> None:
    assert is_official("https://adilet.zan.kz/rus/docs/K2300000224")
    assert is_official("https://www.gov.kz/situations/315/intro?lang=en")
    assert not is_official("https://guide.kaspi.kz/client/kz/government_services/register_ip/q15160")
    assert not is_official("https://www.zakon.kz/pravo/6500457")
    assert not is_official("https://adilet.zan.kz.example.com/rus/docs/K2300000224")


def _values() -> list[tuple[str, Any]]:
    law = default_law()
    return [(f"{path}@{v.since}", v) for path, parameter in law.parameters.items() for v in parameter.values]


@pytest.mark.parametrize(("where", "value"), _values(), ids=[where for where, _ in _values()])
def test_every_parameter_value_rests_on_an_official_act(where: str, value: Any) -> None:
    primary = [ref for ref in value.references if ref.primary]
    assert primary, f"{where}: no primary reference"
    for ref in primary:
        assert is_official(ref.href), f"{where}: the basis {ref.href} is not an official source"
        assert all(ref.title[lang].strip() for lang in LANGUAGES), f"{where}: a title is missing a language"


# Latin letters that may stand in a Kazakh or Russian title: act numbers, the project and a site's name.
NOT_ENGLISH = {"VI", "VII", "VIII", "II", "III", "V", "Kopir", "docs", "methodology", "acts", "md", "egov", "kz"}


@pytest.mark.parametrize(("where", "value"), _values(), ids=[where for where, _ in _values()])
def test_a_basis_reads_in_kazakh_and_russian_without_english_words(where: str, value: Any) -> None:
    for ref in value.references:
        for lang in ("kk", "ru"):
            english = set(re.findall(r"[A-Za-z]+", ref.title[lang])) - NOT_ENGLISH if ref.primary else set()
            assert not english, f"{where}: {lang} title has {sorted(english)}: {ref.title[lang]!r}"


def test_every_parameter_file_has_been_given_its_act() -> None:
    """At least one value per file, and all values together: 100% cite an official act."""
    values = _values()
    official = [w for w, v in values if any(r.primary and is_official(r.href) for r in v.references)]
    assert len(values) > 50
    assert len(official) == len(values)


def test_no_value_cites_an_act_outside_its_time() -> None:
    """The Social Code and its orders are no basis before 01.07.2023, and a law repealed then is none after."""
    for where, value in _values():
        cited = [ref for ref in value.references if ref.primary]
        if value.since < SOCIAL_CODE_IN_FORCE:
            assert not any(act in ref.href for ref in cited for act in ACTS_OF_2023), where
        else:
            assert not any("until 30.06.2023" in ref.title["en"] for ref in cited), where


MONTHS = range(1, 13)
VARIED_REQUESTS: dict[str, dict[str, Any]] = {
    "employee": CONTRACT_EXAMPLE,
    "entrepreneur": make_request(claimant={"employment": "individual_entrepreneur", "nuclear_test_zone": False}),
    "self_employed": make_request(claimant={"employment": "self_employed", "nuclear_test_zone": False}),
    "uninsured": make_request(claimant={"employment": "uninsured", "nuclear_test_zone": False}, income={"monthly": []}),
    "adoption": make_request(
        event={"type": "adoption", "adoption_date": "2025-06-02", "birth_date": "2025-05-20", "children": 1}
    ),
    "early_return": make_request(return_to_work="2026-03-16"),
    "twins_fourth_child": make_request(event__children=2, previous_children=3),
    "nuclear_zone_complicated": make_request(
        claimant={"employment": "employee", "nuclear_test_zone": True}, event__complicated_birth=True
    ),
    "gross_salary": make_request(income={"gross_salary": 2_500_000}),
    "window_2023_2025": make_request(
        income={"monthly": [{"month": f"{y}-{m:02d}", "so_base": 300_000} for y in (2023, 2024, 2025) for m in MONTHS]}
    ),
    "birth_2023_paid_into_2025": make_request(
        as_of="2023-05-01",
        event={"type": "birth", "leave_start": "2023-05-02", "birth_date": "2023-07-05", "children": 1},
        income={"monthly": [{"month": f"{y}-{m:02d}", "so_base": 250_000} for y in (2022, 2023) for m in MONTHS]},
        return_to_work="2024-09-02",
    ),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(VARIED_REQUESTS))
def test_every_step_of_varied_requests_has_a_basis_and_an_official_link(
    name: str, lang: str, response_schema: Draft202012Validator
) -> None:
    response = calculate(VARIED_REQUESTS[name], lang=lang)
    response_schema.validate(response)
    steps = response["explanation"]
    assert steps, name
    for step in steps:
        assert step.get("legal_basis", "").strip(), f"{name}/{lang}: no basis for {step['text']!r}"
        assert is_official(step["legal_href"]), f"{name}/{lang}: {step['legal_href']} for {step['text']!r}"


def test_the_basis_is_in_the_language_asked_for() -> None:
    bases = {
        lang: [s["legal_basis"] for s in calculate(CONTRACT_EXAMPLE, lang=lang)["explanation"]] for lang in LANGUAGES
    }
    assert any("Социальный кодекс" in b for b in bases["ru"])
    assert any("Әлеуметтік кодексі" in b for b in bases["kk"])
    assert any("Social Code" in b for b in bases["en"])
    assert not any("Social Code" in b or "Социальный" in b for b in bases["kk"])


def test_a_maternity_payment_in_2025_rests_on_the_social_code_not_the_repealed_law() -> None:
    steps = [s for s in calculate(CONTRACT_EXAMPLE, lang="en")["explanation"] if s["payment"] == "maternity"]
    assert all("405-II" not in s["legal_basis"] for s in steps)
    gross = next(s for s in steps if s.get("parameter") == "gfss.maternity.days_divisor")
    assert gross["legal_basis"].startswith("Social Code of the RK of 20.04.2023 No. 224-VII, art. 78")
    assert gross["legal_href"] == "https://adilet.zan.kz/rus/docs/K2300000224"


def test_a_secondary_source_stays_in_the_record_but_is_never_the_basis() -> None:
    response = calculate(CONTRACT_EXAMPLE, lang="en")
    opv = next(s for s in response["explanation"] if s.get("parameter") == "contributions.opv_rate")
    assert len(opv["source"]) > 1  # the Kaspi guide and the news page are kept as secondary sources
    assert all(not is_official(h) for h in opv["source"][1:])
    assert opv["legal_href"] == opv["source"][0]
    assert "Kaspi" not in opv["legal_basis"]


LOADER_FILE = """\
description: A test parameter.
metadata:
  unit: tenge
  label: {en: Test, ru: Тест, kk: Тест}
  confidence: high
values:
  2024-01-01:
    value: 100
    reference:
      - {title: {en: Act, ru: Акт, kk: Акт}, href: "https://adilet.zan.kz/rus/docs/K1", kind: primary}
      - {title: {en: News, ru: Новость, kk: Жаңалық}, href: "https://news.example/1", kind: secondary}
"""


def _read(tmp_path: Path, text: str) -> Law:
    folder = tmp_path / "law"
    folder.mkdir()
    (folder / "test.yaml").write_text(text, encoding="utf-8")
    return read_law(folder)


def test_the_loader_keeps_secondary_pages_out_of_the_basis(tmp_path: Path) -> None:
    reading = _read(tmp_path, LOADER_FILE).at("test", date(2024, 6, 1))
    assert reading.legal_basis("ru") == "Акт"
    assert reading.legal_href == "https://adilet.zan.kz/rus/docs/K1"
    assert [ref.primary for ref in reading.entry.references] == [True, False]


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        (LOADER_FILE.replace("kind: primary", "kind: secondary"), "needs a primary reference"),
        (LOADER_FILE.replace("kind: primary", "kind: official"), "reference kind 'official'"),
    ],
)
def test_the_loader_refuses_a_value_without_its_act(tmp_path: Path, broken: str, complaint: str) -> None:
    with pytest.raises(ParameterFileError, match=complaint):
        _read(tmp_path, broken)


@pytest.mark.parametrize(
    ("lang", "labour_code"), [("kk", "Еңбек кодексі"), ("ru", "Трудовому кодексу"), ("en", "Labour Code")]
)
def test_an_uninsured_mother_is_told_plainly_the_leave_is_hers_but_unpaid(lang: str, labour_code: str) -> None:
    response = calculate(VARIED_REQUESTS["uninsured"], lang=lang)
    assert response["leave"]["days"] == 126  # the Labour Code's leave, whatever her insurance
    maternity = next(p for p in response["payments"] if p["id"] == "maternity")
    assert not maternity["eligible"]
    assert any(labour_code in warning for warning in response["warnings"])
    said = [s for s in response["explanation"] if s["payment"] == "leave" and labour_code in s["text"]]
    assert len(said) == 1
    assert "K1500000414" in said[0]["legal_href"]
    insured = calculate(CONTRACT_EXAMPLE, lang=lang)
    assert not any(labour_code in warning for warning in insured["warnings"])
