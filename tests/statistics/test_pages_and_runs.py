"""The statistics pages: public methodology, the exact tier behind roles and the access log, recomputation."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client
from django.utils import timezone

from kopir.accounts.models import AccessAction, AccessLog, Role, User
from kopir.cli import main
from kopir.statistics.methodology import CATALOGUE
from kopir.statistics.models import IndicatorRun
from kopir.statistics.services import indicator_run_execute, indicator_run_request
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_user
from tests.statistics.builders import back_in_february, body, due_in_february, leave, leaves, person

EXACT = "/en/analysis/indicators/"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_methodology_is_public_in_each_language(client: Client, lang: str) -> None:
    page = client.get(f"/{lang}/statistics/methodology/")
    assert page.status_code == 200
    for indicator in CATALOGUE:
        one = client.get(f"/{lang}/statistics/methodology/{indicator.slug}/")
        assert one.status_code == 200
        assert indicator.ids[0] in one.content.decode()


@pytest.mark.django_db
def test_the_methodology_pages_are_translated(client: Client) -> None:
    assert "Return-to-work rate" in client.get("/en/statistics/methodology/return-rate/").content.decode()
    assert "Return-to-work rate" not in client.get("/ru/statistics/methodology/return-rate/").content.decode()
    assert client.get("/en/statistics/methodology/no-such-thing/").status_code == 404


@pytest.fixture
def offices() -> dict[str, Any]:
    own, other = body("OWN"), body("OTHER", "KZ-75")
    for office in (own, other):
        back_in_february(person(office))
        due_in_february(person(office))
    return {"own": own, "other": other}


def _signed_in(client: Client, role: Role, at: Any = None) -> User:
    user = make_user(role, at)
    sign_in(client, user)
    return user


def _computed(year: int, code: str = "") -> IndicatorRun:
    run = IndicatorRun.objects.create(year=year, body=code, as_of=date(2026, 6, 30), methodology_version="2026.1")
    return indicator_run_execute(run.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_a_national_role_sees_the_exact_tables_and_is_logged(
    client: Client, offices: dict[str, Any], role: Role
) -> None:
    _computed(2025)
    viewer = _signed_in(client, role)
    page = client.get(f"{EXACT}?year=2025")
    assert page.status_code == 200
    text = page.content.decode()
    assert "return_rate" in text
    assert "50.0" in text
    assert (
        AccessLog.objects.filter(actor=viewer, action=AccessAction.READ, record_type="statistics.indicatorrun").count()
        == 1
    )


@pytest.mark.django_db
def test_an_employee_is_refused_and_the_refusal_logged(client: Client, offices: dict[str, Any]) -> None:
    viewer = _signed_in(client, Role.EMPLOYEE, offices["own"])
    assert client.get(f"{EXACT}?year=2025").status_code == 403
    assert AccessLog.objects.filter(actor=viewer, action=AccessAction.REFUSED).count() == 1
    assert client.post(f"{EXACT}runs/", {"year": 2025}).status_code == 403
    assert not IndicatorRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.BODY_HEAD, Role.HR_OFFICER])
def test_a_body_sees_its_own_exact_figures_only(client: Client, offices: dict[str, Any], role: Role) -> None:
    _computed(2025, "OWN")
    viewer = _signed_in(client, role, offices["own"])
    own = client.get(f"{EXACT}?year=2025")
    assert own.status_code == 200
    assert "return_rate" in own.content.decode()
    assert client.get(f"{EXACT}?year=2025&body=OTHER").status_code == 403
    refused = AccessLog.objects.get(actor=viewer, action=AccessAction.REFUSED)
    assert "OTHER" in refused.detail


@pytest.mark.django_db(transaction=True)
def test_recompute_runs_in_the_background_and_stores_the_cells(
    client: Client, offices: dict[str, Any], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _signed_in(client, Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"{EXACT}runs/", {"year": 2025})
    assert answer.status_code == 302
    run = IndicatorRun.objects.get()
    assert (run.status, run.progress, run.requested_by is not None) == (IndicatorRun.Status.DONE, 100, True)
    assert run.cell_count == sum(len(part) for part in run.cells.values()) > 0
    assert set(run.cells) == {"all", "region:KZ-71", "region:KZ-75", "OWN", "OTHER"}
    rate = next(
        c
        for c in run.cells["all"]
        if (c["indicator"], c["sex"], c["region"], c["body"]) == ("return_rate", "all", "all", "all")
    )
    assert (rate["value"], rate["numerator"], rate["denominator"]) == ("50.0", 2, 4)
    assert "100%" in client.get(answer["Location"]).content.decode()


@pytest.mark.django_db
def test_a_failed_run_records_its_error(offices: dict[str, Any]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kopir.statistics.services.compute", lambda *a: 1 / 0)
        run = indicator_run_request(year=2025, body=None, actor=None)
        run = indicator_run_execute(run.pk)
    assert run.status == IndicatorRun.Status.FAILED
    assert "ZeroDivisionError" in run.error
    assert run.as_of == timezone.localdate()


@pytest.mark.django_db
@pytest.mark.parametrize("code", [None, "OWN"])
def test_kopir_stats_compute_prints_the_exact_indicators(offices: dict[str, Any], code: str | None) -> None:
    stays, goes = person(offices["own"]), person(offices["own"])
    for returner in (stays, goes):
        leave(
            returner, birth=date(2023, 1, 1), childcare=(date(2023, 2, 26), date(2024, 3, 1)), returned=date(2024, 3, 4)
        )
    leaves(goes, date(2024, 12, 31))
    args = ["stats", "compute", "--year", "2025", "--json", *(["--body", code] if code else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    cells = json.loads(result.output)
    totals = [c for c in cells if c["breakdown"] == ""]
    figures = {(c["indicator"], c["sex"]): (c["value"], c["numerator"], c["denominator"]) for c in totals}
    returned, due = (2, 4) if code is None else (1, 2)
    assert figures[("return_rate", "all")] == ("50.0", returned, due)
    assert figures[("return_rate", "F")] == ("50.0", returned, due)
    assert figures[("due_to_return", "all")][0] == due
    assert figures[("returned", "F")][0] == returned
    assert figures[("took_leave", "all")][0] == (4 if code is None else 2)
    assert figures[("returned_prior_year", "all")][0] == 2
    assert figures[("retained_12m", "F")][0] == 1
    assert figures[("retention_rate", "all")] == ("50.0", 1, 2)
    assert {c["body"] for c in cells} == {code or "all"}


@pytest.mark.django_db
def test_a_body_head_recomputes_her_body_but_not_the_country(
    client: Client, offices: dict[str, Any], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _signed_in(client, Role.BODY_HEAD, offices["own"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{EXACT}runs/", {"year": 2025, "body": "OWN"}).status_code == 302
        assert client.post(f"{EXACT}runs/", {"year": 2025}).status_code == 403
        assert client.post(f"{EXACT}runs/", {"year": 2025, "body": "OTHER"}).status_code == 403
    run = IndicatorRun.objects.get()
    assert (run.body, run.status) == ("OWN", IndicatorRun.Status.DONE)
    assert set(run.cells) == {"OWN"}
    assert "return_rate" in client.get(f"{EXACT}?year=2025").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["soon", "-5", "99999"])
def test_a_year_that_is_not_one_is_not_found(client: Client, year: str) -> None:
    _signed_in(client, Role.ANALYST)
    assert client.get(f"{EXACT}?year={year}").status_code == 404
    assert client.post(f"{EXACT}runs/", {"year": year}).status_code == 404
    assert not IndicatorRun.objects.exists()


@pytest.mark.django_db
def test_a_recomputation_without_a_year_is_a_bad_request(client: Client, offices: dict[str, Any]) -> None:
    _signed_in(client, Role.ANALYST)
    assert client.post(f"{EXACT}runs/", {}).status_code == 400
    assert client.post(f"{EXACT}runs/", {"year": "soon"}).status_code == 404
    assert not IndicatorRun.objects.exists()
