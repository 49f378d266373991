"""Every refusal leaves exactly one `refused` row in the access log, whoever decided it (issue 12, point 6)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from kopir.accounts.models import AccessAction, AccessLog
from kopir.rules import formats
from tests.accounts.signing_in import sign_in
from tests.cases.conftest import world  # noqa: F401 - the shared world of the access tests

pytestmark = pytest.mark.django_db


def _refusals() -> list[AccessLog]:
    return list(AccessLog.objects.filter(action=AccessAction.REFUSED).order_by("id"))


def _as(client: Client, world: dict[str, Any], role: str) -> Client:  # noqa: F811
    sign_in(client, world["users"][role])
    return client


def test_an_analyst_on_an_hr_page(client: Client, world: dict[str, Any]) -> None:  # noqa: F811
    assert _as(client, world, "analyst").get("/en/hr/").status_code == 403
    [refusal] = _refusals()
    assert (refusal.actor, refusal.role) == (world["users"]["analyst"], "analyst")
    assert (refusal.address, refusal.method, refusal.path) == ("127.0.0.1", "GET", "/en/hr/")
    assert refusal.detail == "refused: role or record not allowed"


def test_a_head_posting_a_segment_over_the_api(client: Client, world: dict[str, Any]) -> None:  # noqa: F811
    episode = world["episodes"]["colleague"]
    body = {"kind": "annual", "planned_start": "2025-09-04", "planned_end": "2025-09-30", "version": episode.version}
    answer = _as(client, world, "body_head").post(
        f"/api/v1/episodes/{episode.pk}/segments", body, content_type="application/json"
    )
    assert answer.status_code == 403
    [refusal] = _refusals()
    assert (refusal.role, refusal.method, refusal.path) == (
        "body_head",
        "POST",
        f"/api/v1/episodes/{episode.pk}/segments",
    )
    assert episode.segments.count() == 1


def test_a_head_posting_a_segment_on_the_page(client: Client, world: dict[str, Any]) -> None:  # noqa: F811
    episode = world["episodes"]["colleague"]
    answer = _as(client, world, "body_head").post(
        f"/en/hr/episodes/{episode.pk}/segments/",
        {"kind": "annual", "planned_start": "2025-09-04", "planned_end": "2025-09-30", "version": episode.version},
    )
    assert answer.status_code == 403
    assert [r.role for r in _refusals()] == ["body_head"]


@pytest.mark.parametrize("path", ["/en/hr/", "/en/me/", "/en/analysis/indicators/", "/admin/"])
def test_an_anonymous_request_to_a_protected_page(client: Client, world: dict[str, Any], path: str) -> None:  # noqa: F811
    answer = client.get(path)
    assert answer.status_code == 302
    [refusal] = _refusals()
    assert (refusal.actor, refusal.address, refusal.path) == (None, "127.0.0.1", path)
    assert refusal.detail == "refused: not signed in"


def test_an_anonymous_request_to_the_api(client: Client, world: dict[str, Any]) -> None:  # noqa: F811
    assert client.get("/api/v1/employees").status_code == 401
    [refusal] = _refusals()
    assert (refusal.actor, refusal.path, refusal.detail) == (None, "/api/v1/employees", "refused: not signed in")


@pytest.mark.parametrize("door", ["page", "api"])
def test_a_record_of_another_body_is_logged_once(client: Client, world: dict[str, Any], door: str) -> None:  # noqa: F811
    stranger = world["episodes"]["stranger"]
    path = f"/en/hr/episodes/{stranger.pk}/" if door == "page" else f"/api/v1/episodes/{stranger.pk}"
    assert _as(client, world, "hr_officer").get(path).status_code == 403
    [refusal] = _refusals()  # the selector's own entry: whose data was refused, not a second, vaguer one
    assert (refusal.record_type, refusal.subject_id) == ("cases.leaveepisode", stranger.employee_id)
    assert (refusal.address, refusal.path) == ("127.0.0.1", path)


def test_a_failed_csrf_check(world: dict[str, Any]) -> None:  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world["users"]["hr_officer"])
    episode = world["episodes"]["colleague"]
    answer = client.post(f"/en/hr/episodes/{episode.pk}/segments/", {"kind": "annual"})
    assert answer.status_code == 403
    assert "did not come from this site" in answer.content.decode()
    [refusal] = _refusals()
    assert (refusal.role, refusal.detail) == ("hr_officer", "refused: CSRF check failed")


def test_public_pages_and_allowed_reads_log_no_refusal(client: Client, world: dict[str, Any]) -> None:  # noqa: F811
    assert client.get("/en/").status_code == 200
    assert _as(client, world, "hr_officer").get("/en/hr/").status_code == 200
    assert _refusals() == []
    read = AccessLog.objects.get(action=AccessAction.READ)
    assert (read.role, read.address, read.path) == ("hr_officer", "127.0.0.1", "/en/hr/")


def test_a_burst_of_refusals_warns_once_and_shows_to_the_administrator(
    client: Client,
    world: dict[str, Any],  # noqa: F811
    settings: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings.KOPIR_REFUSAL_BURST_COUNT = 3
    analyst = _as(client, world, "analyst")
    with caplog.at_level(logging.WARNING, logger="kopir.audit"):
        for _ in range(4):
            assert analyst.get("/en/hr/").status_code == 403
    warnings = [r.getMessage() for r in caplog.records if r.name == "kopir.audit"]
    assert len(warnings) == 2  # the account's burst and the address's, once each
    assert any(world["users"]["analyst"].username in text for text in warnings)
    admin = Client()
    sign_in(admin, world["users"]["administrator"])
    world["users"]["administrator"].is_staff = True
    world["users"]["administrator"].save()
    page = admin.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Bursts of refusals" in page
    assert world["users"]["analyst"].username in page
    assert "127.0.0.1" in page
    today = timezone.localdate()
    assert formats.day(today, "en") in page
    for lang in ("kk", "ru"):  # the last refusal's date as the language writes it, not ISO (decision 0025)
        page = admin.get("/admin/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert formats.day(today, lang) in page
        assert f">{today.isoformat()}" not in page


def test_a_few_refusals_are_no_burst(client: Client, world: dict[str, Any], settings: Any) -> None:  # noqa: F811
    settings.KOPIR_REFUSAL_BURST_COUNT = 3
    for _ in range(2):
        _as(client, world, "analyst").get("/en/hr/")
    admin = Client()
    world["users"]["administrator"].is_staff = True
    world["users"]["administrator"].save()
    sign_in(admin, world["users"]["administrator"])
    page = admin.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert world["users"]["analyst"].username not in page


BROKEN_INSERTS = {
    "sqlite": [
        (
            "CREATE TRIGGER accesslog_full BEFORE INSERT ON accounts_accesslog "
            "BEGIN SELECT RAISE(ABORT, 'no space left'); END;"
        )
    ],
    "postgresql": [
        (
            "CREATE FUNCTION accesslog_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no space left'; END; "
            "$$ LANGUAGE plpgsql;"
        ),
        (
            "CREATE TRIGGER accesslog_full BEFORE INSERT ON accounts_accesslog "
            "FOR EACH ROW EXECUTE FUNCTION accesslog_full();"
        ),
    ],
}


def test_a_refusal_the_log_cannot_take_is_still_a_refusal(
    client: Client,
    world: dict[str, Any],  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The database refuses the row (here a trigger, rolled back with the test): 403 all the same, and an ERROR."""
    _as(client, world, "analyst")
    with connection.cursor() as cursor:
        for statement in BROKEN_INSERTS[connection.vendor]:
            cursor.execute(statement)
    with caplog.at_level(logging.ERROR, logger="kopir.audit"):
        assert client.get("/en/hr/").status_code == 403
    assert "could not be written to the access log: GET /en/hr/" in caplog.text
    assert _refusals() == []


def test_a_staff_member_without_the_permission_in_the_admin(client: Client, world: dict[str, Any]) -> None:  # noqa: F811
    """The admin raises PermissionDenied outside any view of ours: the middleware still logs it."""
    head = world["users"]["body_head"]
    head.is_staff = True
    head.save()
    sign_in(client, head)
    assert client.get("/admin/accounts/accesslog/").status_code == 403
    [refusal] = _refusals()
    assert (refusal.role, refusal.path, refusal.record_id) == (
        "body_head",
        "/admin/accounts/accesslog/",
        "admin:accounts_accesslog_changelist",
    )
