"""Every rejection reason: the line, the field as a JSON path, the code, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from kopir.cases.models import Employee
from kopir.exchange.importing import import_records
from kopir.exchange.problems import MAX_REPORTED, report
from kopir.organisation.models import StateBody
from kopir.reference import make_iin
from tests.exchange.conftest import bodies, employees, jsonl, problems, run_import

pytestmark = pytest.mark.django_db

Row = dict[str, Any]


def _never_issued_iin() -> str:
    """Eleven digits for which no check digit exists, and any twelfth."""
    for serial in range(10000):
        try:
            make_iin(date(1990, 5, 15), "female", serial)
        except ValueError:
            return f"9005154{serial:04d}0"
    raise AssertionError("every serial has a check digit")


def _set(path: str, value: Any) -> Callable[[Row], None]:
    def change(row: Row) -> None:
        *parents, leaf = path.split(".")
        target: Any = row
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is DELETE:
            del target[leaf]
        else:
            target[int(leaf) if leaf.isdigit() else leaf] = value

    return change


DELETE = object()

EMPLOYEE_CASES = [
    ("unknown_field", _set("nmae", "x"), "nmae"),
    ("missing", _set("sex", DELETE), "sex"),
    ("not_text", _set("ref", 5), "ref"),
    ("empty", _set("ref", "  "), "ref"),
    ("too_long", _set("ref", "x" * 65), "ref"),
    ("not_date", _set("birth_date", "15.05.1990"), "birth_date"),
    ("not_choice", _set("sex", "W"), "sex"),
    ("not_boolean", _set("children.0.adopted", "no"), "children[0].adopted"),
    ("not_amount", _set("appointments.0.monthly_pay", -1), "appointments[0].monthly_pay"),
    ("not_list", _set("children", {}), "children"),
    ("not_object", _set("separation", "left"), "separation"),
    ("iin_length", _set("iin", "90051540123"), "iin"),
    ("iin_digits", _set("iin", "90051540123A"), "iin"),
    ("iin_century", _set("iin", "900515701230"), "iin"),
    ("iin_date", _set("iin", "901315401230"), "iin"),
    ("iin_never_issued", _set("iin", _never_issued_iin()), "iin"),
    ("iin_checksum", _set("iin", "900515401231"), "iin"),
    ("sex_not_iin", _set("sex", "M"), "sex"),
    ("birth_not_iin", _set("birth_date", "1990-05-16"), "birth_date"),
    ("ends_before_start", _set("appointments.0.to", "2010-01-01"), "appointments[0].to"),
    ("ends_before_start", _set("episodes.0.segments.1.end", "2023-06-01"), "episodes[0].segments[1].end"),
    ("not_in_order", _set("episodes.0.segments.1.start", "2023-06-06"), "episodes[0].segments[1].start"),
    ("no_appointment", _set("appointments", []), "appointments"),
    ("current_elsewhere", _set("appointments.0.body", "KZ-75-MF"), "appointments[0].body"),
    ("unknown_child", _set("episodes.0.child_birth_date", "2023-04-11"), "episodes[0].child_birth_date"),
    # the child was born on 2023-04-10: childcare leave ends at the latest the day before her third birthday
    ("childcare_too_long", _set("episodes.0.segments.2.end", "2026-04-10"), "episodes[0].segments[2].end"),
    ("return_too_early", _set("episodes.0.return.date", "2024-10-10"), "episodes[0].return.date"),
    ("no_post_on_return", _set("appointments.0.from", "2024-11-01"), "episodes[0].return.date"),
    ("not_choice", _set("episodes.0.return.mode", "back"), "episodes[0].return.mode"),
    (
        "not_choice",
        _set("appointments.0.managerial_level", "head_of_structural_unit"),
        "appointments[0].managerial_level",
    ),
]


@pytest.mark.parametrize(("code", "change", "path"), EMPLOYEE_CASES)
def test_each_employee_rejection_names_line_field_and_reason(
    code: str, change: Callable[[Row], None], path: str
) -> None:
    rows = employees()
    change(rows[0])
    result = run_import(employee_rows=rows)
    assert ("employees.jsonl", 1, path, code) in problems(result)
    assert not StateBody.objects.exists()
    assert not Employee.objects.exists()


def test_childcare_may_last_until_the_eve_of_the_third_birthday() -> None:
    rows = employees()
    rows[0]["episodes"][0]["segments"][2]["end"] = "2026-04-09"
    rows[0]["episodes"][0]["return"]["date"] = "2026-04-10"
    assert not {problem for problem in problems(run_import(employee_rows=rows)) if problem[1] == 1}


def test_an_open_appointment_before_the_last_is_rejected() -> None:
    rows = employees()
    rows[2]["appointments"][0]["to"] = None
    assert ("employees.jsonl", 3, "appointments[0].to", "open_not_last") in problems(run_import(employee_rows=rows))


def test_appointments_out_of_order_are_rejected() -> None:
    rows = employees()
    rows[2]["appointments"][1]["from"] = "2022-12-31"
    assert ("employees.jsonl", 3, "appointments[1].from", "not_in_order") in problems(run_import(employee_rows=rows))


def test_a_line_that_is_not_json_or_not_an_object() -> None:
    text = b'{"ref": \n[1]\n' + jsonl(employees()[1:])
    result = import_records(jsonl(bodies()), text, dry_run=False, actor=None)
    assert {("employees.jsonl", 1, "$", "not_json"), ("employees.jsonl", 2, "$", "not_object")} <= problems(result)


def test_body_codes_must_resolve() -> None:
    rows = employees()
    rows[0]["body"] = rows[0]["appointments"][0]["body"] = "KZ-99-XX"
    found = problems(run_import(employee_rows=rows))
    assert {
        ("employees.jsonl", 1, "body", "unknown_body"),
        ("employees.jsonl", 1, "appointments[0].body", "unknown_body"),
    } <= found


def test_a_reference_is_unique_per_body_and_an_iin_per_file() -> None:
    rows = employees()
    same_ref = dict(rows[0], iin=make_iin(date(1990, 5, 15), "female", 124), appointments=rows[0]["appointments"])
    same_iin = dict(rows[0], ref="MF-999999")
    result = run_import(employee_rows=[*rows, same_ref, same_iin])
    assert {("employees.jsonl", 7, "ref", "duplicate_ref"), ("employees.jsonl", 8, "iin", "duplicate_iin")} <= problems(
        result
    )
    assert [p.params for p in result.problems if p.reason.code == "duplicate_ref"] == [(("line", "1"),)]


BODY_CASES = [
    ("unknown_region", _set("region", "KZ-00"), "region"),
    ("unknown_body", _set("parent", "NOPE"), "parent"),
    ("unknown_field", _set("name.de", "Finanzministerium"), "name.de"),
    ("not_choice", _set("level", "federal"), "level"),
    ("missing", _set("name.kk", DELETE), "name.kk"),
]


@pytest.mark.parametrize(("code", "change", "path"), BODY_CASES)
def test_each_body_rejection(code: str, change: Callable[[Row], None], path: str) -> None:
    rows = bodies()
    change(rows[0])
    assert ("bodies.jsonl", 1, path, code) in problems(run_import(body_rows=rows))
    assert not StateBody.objects.exists()


def test_parents_that_go_round_in_a_circle_and_duplicate_codes() -> None:
    rows = bodies()
    rows[0]["parent"] = "KZ-75-MF"
    found = problems(run_import(body_rows=[*rows, rows[2]]))
    assert ("bodies.jsonl", 1, "parent", "parent_cycle") in found
    assert ("bodies.jsonl", 4, "code", "duplicate_code") in found


def test_a_missing_file() -> None:
    result = import_records(None, jsonl(employees()), dry_run=False, actor=None)
    assert problems(result) == {("bodies.jsonl", 0, "", "missing_file")}


def test_a_byte_that_is_not_utf8_is_reported_on_its_own_line() -> None:
    lines = jsonl(employees()).splitlines(keepends=True)
    lines[2] = lines[2].replace(b'"ref"', b'"r\xff"', 1)
    result = import_records(jsonl(bodies()), b"".join(lines), dry_run=False, actor=None)
    assert problems(result) == {("employees.jsonl", 3, "$", "not_utf8")}


def test_changes_to_records_kopir_holds_and_an_iin_under_another_reference_are_rejected() -> None:
    assert run_import().accepted
    body_rows, rows = bodies(), employees()
    body_rows[0]["name"]["en"] = "Ministry of Finance"
    rows[0]["appointments"][0]["monthly_pay"] = 360000
    rows[1]["ref"] = "MF-777777"
    result = run_import(body_rows, rows)
    assert {
        ("bodies.jsonl", 1, "code", "body_changed"),
        ("employees.jsonl", 1, "ref", "employee_changed"),
        ("employees.jsonl", 2, "iin", "iin_taken"),
    } == problems(result)
    assert Employee.objects.count() == len(rows)


def test_all_problems_are_collected_and_the_report_is_capped() -> None:
    rows = employees()
    bad = [dict(rows[0], ref=f"R{n}", sex="W") for n in range(MAX_REPORTED + 200)]
    result = run_import(employee_rows=bad)
    document = report(result.problems, "en")
    assert document["total"] >= MAX_REPORTED + 200
    assert len(document["errors"]) == MAX_REPORTED
    assert document["more"].endswith("more problems are not listed.")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "This field is required."),
        ("ru", "Обязательное поле."),
        ("kk", "Бұл өрісті толтыру міндетті."),
    ],
)
def test_reasons_are_translated(lang: str, text: str) -> None:
    rows = employees()
    del rows[0]["sex"]
    [error] = report(run_import(employee_rows=rows).problems, lang)["errors"]
    assert error == {"file": "employees.jsonl", "line": 1, "field": "sex", "code": "missing", "message": text}
