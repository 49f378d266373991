"""Contract v1 through the Python door: valid responses, and field-named errors for bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kopir.rules import InvalidRequest, calculate, error_document
from tests.conftest import CONTRACT_EXAMPLE, SCHEMAS, SHARED_CONTRACTS, contract_copy, make_request


def _payment(response: dict[str, Any], payment_id: str) -> dict[str, Any]:
    return next(p for p in response["payments"] if p["id"] == payment_id)


def _as_json(document: Any) -> Any:
    """What a JSON client sees: Decimals become numbers."""
    return json.loads(json.dumps(document, default=str), parse_float=Decimal)


CONTRACT_FILES = [
    "calculation-request.schema.json",
    "calculation-response.schema.json",
    "errors.schema.json",
    "calculation.md",
    "records-exchange.md",
    "open-data.md",
]


def test_the_repository_keeps_its_own_copy_of_every_contract() -> None:
    """A clone needs nothing beside it: every contract file is in the repository, the schemas are valid
    JSON Schema 2020-12, and every schema the calculation contract names is shipped."""
    for name in CONTRACT_FILES:
        assert contract_copy(name).is_file(), name
    for path in SCHEMAS.glob("*.schema.json"):
        Draft202012Validator.check_schema(json.loads(path.read_text()))
    text = contract_copy("calculation.md").read_text()
    named = {word.strip("`(),.") for word in text.split() if word.strip("`(),.").endswith(".schema.json")}
    assert named == {"calculation-request.schema.json", "calculation-response.schema.json"}
    assert named <= {path.name for path in SCHEMAS.glob("*.schema.json")}


@pytest.mark.parametrize("name", CONTRACT_FILES)
def test_each_copy_is_the_published_contract(name: str) -> None:
    """Compared with ../shared/contracts only where it lies beside the clone (a working checkout, CI)."""
    if not SHARED_CONTRACTS.is_dir():
        pytest.skip("no ../shared/contracts beside this clone: the repository's copy is all there is")
    assert {path.name for path in SHARED_CONTRACTS.iterdir()} == set(CONTRACT_FILES), "a contract file came or went"
    if name.endswith(".json"):
        assert json.loads(contract_copy(name).read_text()) == json.loads((SHARED_CONTRACTS / name).read_text())
    else:
        assert contract_copy(name).read_text() == (SHARED_CONTRACTS / name).read_text()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_contract_example_answers_in_each_language(lang: str, response_schema: Draft202012Validator) -> None:
    response = calculate(CONTRACT_EXAMPLE, lang=lang)
    response_schema.validate(response)
    assert response["total_net"] == 3227416
    assert (response["leave"]["start"], response["leave"]["end"], response["leave"]["days"]) == (
        "2025-05-01",
        "2025-09-03",
        126,
    )
    maternity = _payment(response, "maternity")
    assert (maternity["gross"], maternity["pension_contribution"], maternity["net"]) == (
        1260000,
        126000,
        1134000,
    )
    childcare = _payment(response, "childcare_gfss")
    assert (childcare["monthly_gross"], childcare["monthly_net"], childcare["months"]) == (120000, 108000, 18)
    assert _payment(response, "childcare_allowance")["eligible"] is False
    assert all(item["text"] for item in response["explanation"])


def test_explanation_texts_differ_by_language_and_name_their_parameters() -> None:
    texts = {lang: [e["text"] for e in calculate(CONTRACT_EXAMPLE, lang=lang)["explanation"]] for lang in ("kk", "ru")}
    english = calculate(CONTRACT_EXAMPLE, lang="en")
    assert texts["kk"] != texts["ru"] != [e["text"] for e in english["explanation"]]
    cited = {e["parameter"] for e in english["explanation"] if "parameter" in e}
    assert {"gfss.maternity.income_cap_mzp", "gfss.childcare.rate", "contributions.opv_rate"} <= cited
    assert all(e["legal_basis"] for e in english["explanation"] if "parameter" in e)


def test_every_payment_appears_with_a_reason_when_not_eligible(response_schema: Draft202012Validator) -> None:
    response = calculate(make_request(claimant={"employment": "uninsured"}, income={"monthly": []}))
    response_schema.validate(response)
    assert [p["id"] for p in response["payments"]] == [
        "birth_allowance",
        "maternity",
        "childcare_gfss",
        "childcare_allowance",
    ]
    assert _payment(response, "maternity")["reason"]
    assert _payment(response, "childcare_gfss")["reason"]
    assert _payment(response, "childcare_allowance")["eligible"] is True


def test_money_is_decimal_never_float() -> None:
    response = calculate(make_request(income={"average_so_base": Decimal("123456.78")}))
    amounts = [v for p in response["payments"] for v in p.values() if isinstance(v, Decimal | float)]
    assert amounts
    assert all(isinstance(v, Decimal) for v in amounts)
    assert _payment(response, "maternity")["gross"] == Decimal("518518.48")


REJECTED = [
    ("missing income", lambda r: r.pop("income"), "income"),
    ("two income forms", lambda r: r.update(income={"gross_salary": 1, "average_so_base": 1}), "income"),
    (
        "month 2025-13",
        lambda r: r.update(income={"monthly": [{"month": "2025-13", "so_base": 1}]}),
        "income.monthly[0].month",
    ),
    ("negative income", lambda r: r.update(income={"gross_salary": -1}), "income.gross_salary"),
    ("absurd income", lambda r: r.update(income={"average_so_base": Decimal("1e26")}), "income.average_so_base"),
    ("three decimals", lambda r: r.update(income={"gross_salary": Decimal("1.001")}), "income.gross_salary"),
    ("birth long before leave", lambda r: r["event"].update(birth_date="2025-01-01"), "event.birth_date"),
    ("birth after the leave", lambda r: r["event"].update(birth_date="2025-12-01"), "event.birth_date"),
    (
        "birth before a derived leave start",
        lambda r: r["event"].update(leave_start=None, birth_date="2025-04-01"),
        "event.birth_date",
    ),
    ("zero children", lambda r: r["event"].update(children=0), "event.children"),
    (
        "adoption without dates",
        lambda r: r["event"].update(type="adoption", birth_date=None),
        "event.adoption_date",
    ),
    ("unknown field", lambda r: r["event"].update(twins=True), "event.twins"),
    ("unknown top field", lambda r: r.update(salary=1), "salary"),
    (
        "no birth dates",
        lambda r: r["event"].update(leave_start=None, expected_birth=None, birth_date=None),
        "event.leave_start",
    ),
    ("impossible date", lambda r: r["event"].update(birth_date="2025-02-30"), "event.birth_date"),
    ("wrong employment", lambda r: r["claimant"].update(employment="student"), "claimant.employment"),
    (
        "rules not known",
        lambda r: r["event"].update(leave_start="2020-01-01", expected_birth=None, birth_date=None),
        "event.leave_start",
    ),
    ("return before birth", lambda r: r.update(return_to_work="2025-06-01"), "return_to_work"),
]


@pytest.mark.parametrize(("case", "change", "field"), REJECTED, ids=[c[0] for c in REJECTED])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_bad_input_is_refused_with_the_field_named(
    case: str, change: Any, field: str, lang: str, errors_schema: Draft202012Validator
) -> None:
    request = make_request()
    change(request)
    with pytest.raises(InvalidRequest) as caught:
        calculate(request, lang=lang)
    document = error_document(caught.value, lang)
    errors_schema.validate(_as_json(document))
    assert field in [e["field"] for e in document["errors"]], case
    assert all(e["message"].startswith(e["field"] + ": ") for e in document["errors"])


def test_adoption_without_its_dates_names_both() -> None:
    request = make_request()
    request["event"] = {"type": "adoption", "children": 1}
    with pytest.raises(InvalidRequest) as caught:
        calculate(request)
    assert {e.field for e in caught.value.errors} == {"event.adoption_date", "event.birth_date"}


def test_error_messages_are_translated() -> None:
    request = make_request(income={"gross_salary": -1})
    messages = {}
    for lang in ("kk", "ru", "en"):
        with pytest.raises(InvalidRequest) as caught:
            calculate(request, lang=lang)
        messages[lang] = error_document(caught.value, lang)["errors"][0]["message"]
    assert len(set(messages.values())) == 3


def test_a_value_not_yet_published_is_used_and_warned() -> None:
    # Born in December 2026: the childcare months of 2027 use the MRP of 2026.
    request = make_request(
        claimant={"employment": "uninsured"},
        income={"monthly": []},
        event={"type": "birth", "birth_date": "2026-12-10"},
    )
    response = calculate(request)
    allowance = _payment(response, "childcare_allowance")
    assert allowance["schedule"][1] == {"month": "2027-01", "net": 24912}
    assert any("not published yet" in w and "2027" in w for w in response["warnings"])


def test_a_passed_deadline_is_warned_as_of_the_calculation_date() -> None:
    late = calculate(make_request(as_of="2026-06-01"))["warnings"]
    assert any("maternity payment was 30 April 2026" in w for w in late)
    assert not any("has passed" in w for w in calculate(make_request())["warnings"])


def test_a_type_error_is_translated_whole() -> None:
    request = make_request(previous_children="two")
    with pytest.raises(InvalidRequest) as caught:
        calculate(request, lang="ru")
    message = error_document(caught.value, "ru")["errors"][0]["message"]
    assert message.startswith("previous_children: ")
    assert "whole number" not in message
    assert "цел" in message  # "целое число"


def test_a_huge_but_allowed_amount_is_formatted_exactly() -> None:
    response = calculate(make_request(income={"gross_salary": Decimal("999999999999.99")}))
    assert response["total_net"] > 0
    assert all(e["text"] for e in response["explanation"])


def test_v1_1_a_self_employed_woman_is_insured_on_the_contributions_she_paid(
    response_schema: Draft202012Validator,
) -> None:
    """Contract v1.1: the special tax regime for the self-employed pays social contributions, so she is insured."""
    request = {**CONTRACT_EXAMPLE, "claimant": {**CONTRACT_EXAMPLE["claimant"], "employment": "self_employed"}}
    response = calculate(request, lang="en")
    response_schema.validate(response)
    uninsured = calculate({**request, "claimant": {**request["claimant"], "employment": "uninsured"}}, lang="en")
    assert _payment(response, "maternity")["eligible"] is True
    assert _payment(uninsured, "maternity")["eligible"] is False
    assert response["total_net"] == calculate(CONTRACT_EXAMPLE, lang="en")["total_net"]
