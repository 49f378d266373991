"""The return-plan pages through HTTP: the access matrix, the workflow, her own page."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kopir.accounts.models import AccessLog
from kopir.cases.models import LeaveEpisode, ReturnMode
from kopir.cases.services.outcomes import return_record
from kopir.organisation.models import ManagerialLevel
from kopir.returns.models import (
    ArrangementKind,
    ArrangementRequest,
    CheckKind,
    Decision,
    LeaveNotice,
    NoticeKind,
    ReturnCheck,
    ReturnInterview,
    ReturnPlan,
    TrainingItem,
)
from kopir.returns.services.arrangements import arrangement_request
from kopir.returns.services.checks import check_justify, return_checks_run
from kopir.returns.services.support import interview_record, interview_share, notice_send
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_position
from tests.returns.builders import pay
from tests.returns.conftest import READ, WRITE

pytestmark = pytest.mark.django_db
ROLES = list(READ)
WHOSE = ["mine", "colleague", "stranger"]


def _as(client: Client, world: dict[str, Any], role: str) -> Client:
    sign_in(client, world["users"][role])
    return client


def _plan_url(world: dict[str, Any], whose: str, rest: str = "") -> str:
    return f"/en/hr/episodes/{world['episodes'][whose].pk}/return-plan/{rest}"


def _failed_check(world: dict[str, Any], whose: str) -> ReturnCheck:
    """Her colleague came back to a head-of-sector post at lower pay: the post check fails."""
    episode: LeaveEpisode = world["episodes"][whose]
    employee = episode.employee
    pay(employee, (date(2020, 1, 1), 300_000))
    return_record(
        episode=episode,
        first_working_day=date(2025, 9, 4),
        mode=ReturnMode.LOWER_POST,
        position=make_position(employee.body, level=ManagerialLevel.HEAD_OF_SECTOR),
        monthly_salary=Decimal(280_000),
        expected_version=episode.version,
        actor=None,
        today=date(2025, 9, 4),
    )
    checks = return_checks_run(episode=episode, actor=None, today=date(2025, 9, 5))
    return next(check for check in checks if check.kind == CheckKind.SAME_POST)


# The access matrix


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", WHOSE)
def test_reading_the_hr_page_follows_the_matrix(client: Client, world: dict, role: str, whose: str) -> None:
    response = _as(client, world, role).get(_plan_url(world, whose))
    allowed = whose in READ[role] and role != "employee"
    assert response.status_code == (200 if allowed else 403)
    if role != "employee":
        entry = AccessLog.objects.filter(actor=world["users"][role]).latest("id")
        assert (entry.action, entry.subject_id) == (
            "read" if allowed else "refused",
            world["employees"][whose].pk,
        )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", WHOSE)
def test_her_own_page_is_hers_only(client: Client, world: dict, role: str, whose: str) -> None:
    response = _as(client, world, role).get(f"/en/me/return-plan/{world['episodes'][whose].pk}/")
    assert response.status_code == (200 if (role, whose) == ("employee", "mine") else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ["colleague", "stranger"])
def test_changing_the_plan_follows_the_matrix(client: Client, world: dict, role: str, whose: str) -> None:
    response = _as(client, world, role).post(
        _plan_url(world, whose, "training/"),
        {"training-kind": "course", "training-title": "Refresher", "training-planned_on": "2025-09-10"},
    )
    allowed = whose in WRITE.get(role, set())
    assert response.status_code == (302 if allowed else 403)
    assert TrainingItem.objects.filter(plan=world["plans"][whose]).count() == (1 if allowed else 0)


@pytest.mark.parametrize("role", ROLES)
def test_only_an_hr_officer_justifies_a_failed_check(client: Client, world: dict, role: str) -> None:
    check = _failed_check(world, "colleague")
    response = _as(client, world, role).post(
        _plan_url(world, "colleague", f"checks/{check.pk}/justification/"),
        {f"justification-{check.pk}-justification": "She chose the post."},
    )
    assert response.status_code == (302 if role == "hr_officer" else 403)
    assert bool(ReturnCheck.objects.get(pk=check.pk).justification) == (role == "hr_officer")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_head_gives_the_second_approval(client: Client, world: dict, role: str) -> None:
    check = _failed_check(world, "colleague")
    check_justify(
        check=check, justification="She chose the post.", actor=world["users"]["hr_officer"], today=timezone.localdate()
    )
    response = _as(client, world, role).post(_plan_url(world, "colleague", f"checks/{check.pk}/approval/"))
    assert response.status_code == (302 if role == "body_head" else 403)
    assert (ReturnCheck.objects.get(pk=check.pk).approved_by is not None) == (role == "body_head")


def test_an_unjustified_check_is_not_approved(client: Client, world: dict) -> None:
    check = _failed_check(world, "colleague")
    response = _as(client, world, "body_head").post(_plan_url(world, "colleague", f"checks/{check.pk}/approval/"))
    assert response.status_code == 422
    assert "has no justification yet" in response.content.decode()
    assert ReturnCheck.objects.get(pk=check.pk).approved_by is None


def test_a_record_of_another_episode_is_not_found(client: Client, world: dict) -> None:
    other = arrangement_request(
        plan=world["plans"]["mine"],
        kind=ArrangementKind.REMOTE,
        starts_on=date(2025, 9, 4),
        ends_on=date(2025, 12, 31),
        requested_on=date(2025, 8, 1),
        actor=None,
        today=date(2025, 8, 1),
    )
    response = _as(client, world, "hr_officer").post(
        _plan_url(world, "colleague", f"arrangements/{other.pk}/decision/"),
        {f"decision-{other.pk}-decision": "granted", f"decision-{other.pk}-decided_on": "2025-08-02"},
    )
    assert response.status_code == 404
    assert ArrangementRequest.objects.get(pk=other.pk).decision == Decision.PENDING


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, world: dict) -> None:
    response = client.get(_plan_url(world, "mine"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Her own page


def test_she_acknowledges_her_notices_and_nobody_else_can(client: Client, world: dict) -> None:
    notice = notice_send(
        plan=world["plans"]["mine"],
        kind=NoticeKind.RESTRUCTURE,
        sent_on=date(2025, 7, 1),
        summary="The department merges with planning.",
        actor=None,
        today=date(2025, 7, 1),
    )
    episode_id = world["episodes"]["mine"].pk
    url = f"/en/me/return-plan/{episode_id}/notices/{notice.pk}/acknowledgement/"
    assert _as(client, world, "hr_officer").post(url).status_code == 403
    assert LeaveNotice.objects.get(pk=notice.pk).acknowledged_on is None
    page = _as(client, world, "employee").get(f"/en/me/return-plan/{episode_id}/").content.decode()
    assert "The department merges with planning." in page
    assert "I have read it" in page
    assert client.post(url).status_code == 302
    assert LeaveNotice.objects.get(pk=notice.pk).acknowledged_on == timezone.localdate()
    again = client.post(url)
    assert again.status_code == 422
    assert "already been acknowledged" in again.content.decode()


def test_she_cannot_acknowledge_through_a_colleague_s_episode(client: Client, world: dict) -> None:
    notice = notice_send(
        plan=world["plans"]["colleague"],
        kind=NoticeKind.PAY_REVIEW,
        sent_on=date(2025, 7, 1),
        summary="Pay review",
        actor=None,
        today=date(2025, 7, 1),
    )
    episode_id = world["episodes"]["colleague"].pk
    response = _as(client, world, "employee").post(
        f"/en/me/return-plan/{episode_id}/notices/{notice.pk}/acknowledgement/"
    )
    assert response.status_code == 403


def test_she_sees_the_interview_record_once_shared(client: Client, world: dict) -> None:
    interview = interview_record(
        plan=world["plans"]["mine"],
        held_on=date(2025, 9, 5),
        record="Wants training in public procurement.",
        actor=None,
        today=date(2025, 9, 5),
    )
    url = f"/en/me/return-plan/{world['episodes']['mine'].pk}/"
    client = _as(client, world, "employee")
    assert "public procurement" not in client.get(url).content.decode()
    interview_share(interview=interview, actor=None, today=date(2025, 9, 6))
    assert "public procurement" in client.get(url).content.decode()


# The workflow


def test_the_workflow_through_the_pages(client: Client, world: dict) -> None:
    client = _as(client, world, "hr_officer")
    episode: LeaveEpisode = world["episodes"]["colleague"]
    ReturnPlan.objects.filter(episode=episode).delete()
    url = _plan_url(world, "colleague")
    assert "No return plan yet." in client.get(url).content.decode()
    assert client.post(url + "plan/", {"plan-planned_return_date": "2025-09-04"}).status_code == 302
    plan = ReturnPlan.objects.get(episode=episode)

    bad = client.post(
        url + "phases/",
        {
            "phase-starts_on": "2025-09-01",
            "phase-ends_on": "2025-09-30",
            "phase-work_percent": "50",
            "phase-version": 1,
        },
    )
    assert bad.status_code == 422
    assert "starts on the planned return date" in bad.content.decode()
    for version, (start, end, percent) in enumerate(
        [("2025-09-04", "2025-10-03", 50), ("2025-10-04", "2025-11-03", 75), ("2025-11-04", "2025-12-31", 100)], 1
    ):
        phase = {
            "phase-starts_on": start,
            "phase-ends_on": end,
            "phase-work_percent": percent,
            "phase-version": version,
        }
        assert client.post(url + "phases/", phase).status_code == 302
    stale = client.post(url + "plan/", {"plan-planned_return_date": "2025-09-04", "plan-version": 1})
    assert "changed by someone else" in stale.content.decode()

    today = timezone.localdate()
    requested = {
        "arrangement-kind": "part_time",
        "arrangement-starts_on": "2025-09-04",
        "arrangement-ends_on": "2026-03-31",
        "arrangement-requested_on": (today - timedelta(days=60)).isoformat(),
        "arrangement-details": "6 hours a day",
    }
    assert client.post(url + "arrangements/", requested).status_code == 302
    request = ArrangementRequest.objects.get(plan=plan)
    assert 'data-testid="overdue"' in client.get(url).content.decode()
    decision = {f"decision-{request.pk}-decision": "refused", f"decision-{request.pk}-decided_on": today.isoformat()}
    no_reasons = client.post(url + f"arrangements/{request.pk}/decision/", decision)
    assert no_reasons.status_code == 422
    assert "Give the reasons for the refusal" in no_reasons.content.decode()
    decision[f"decision-{request.pk}-reasons"] = "The unit has no one to cover the afternoons."
    assert client.post(url + f"arrangements/{request.pk}/decision/", decision).status_code == 302
    request.refresh_from_db()
    assert (request.decision, request.decided_late) == (Decision.REFUSED, True)

    no_consent = client.post(
        url + "contacts/", {"contact-kind": "day", "contact-on": "2025-06-02", "contact-version": plan.version + 3}
    )
    assert "only with her consent" in no_consent.content.decode()
    kit = {"contact-kind": "day", "contact-on": "2025-06-02", "contact-consent": "on", "contact-version": 4}
    assert client.post(url + "contacts/", kit).status_code == 302
    notice = {"notice-kind": "vacancy", "notice-sent_on": "2025-07-01", "notice-summary": "Head of sector post"}
    assert client.post(url + "notices/", notice).status_code == 302
    nursery = {"nursery-requested_on": "2025-08-01", "nursery-queue_number": "1520"}
    assert client.post(url + "nursery/", nursery).status_code == 302
    interview = {"interview-held_on": "2025-09-05", "interview-record": "Wants a mentor."}
    assert client.post(url + "interview/", interview).status_code == 302
    assert client.post(url + "interview/share/").status_code == 302
    assert ReturnInterview.objects.get(plan=plan).shared_with_employee_on == today

    page = client.get(url).content.decode()
    for shown in ("Part-time work", "Head of sector post", "1520", "Wants a mentor.", "Keeping-in-touch days used: 1"):
        assert shown in page
    assert "The checks are made once the return to work is recorded." in page
    assert client.post(url + "checks/").status_code == 422


def test_the_checks_on_the_page(client: Client, world: dict) -> None:
    check = _failed_check(world, "colleague")
    page = _as(client, world, "hr_officer").get(_plan_url(world, "colleague")).content.decode()
    assert "failed, needs a justification" in page
    assert "Neither the same post nor an equivalent one" in page
    assert client.post(_plan_url(world, "colleague", "checks/")).status_code == 302
    assert ReturnCheck.objects.get(pk=check.pk).computed_on == timezone.localdate()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_pages_render_in_every_language(client: Client, world: dict, language: str) -> None:
    _failed_check(world, "mine")
    notice_send(
        plan=world["plans"]["mine"],
        kind=NoticeKind.VACANCY,
        sent_on=date(2025, 7, 1),
        summary="Vacancy",
        actor=None,
        today=date(2025, 7, 1),
    )
    episode_id = world["episodes"]["mine"].pk
    hr_page = _as(client, world, "hr_officer").get(f"/{language}/hr/episodes/{episode_id}/return-plan/")
    assert hr_page.status_code == 200
    assert f'lang="{language}"' in hr_page.content.decode()
    assert _as(client, world, "employee").get(f"/{language}/me/return-plan/{episode_id}/").status_code == 200


@pytest.mark.django_db
def test_looking_at_return_plans_in_the_admin_is_logged(client: Client) -> None:
    from kopir.accounts.models import AccessLog, Role  # noqa: PLC0415
    from tests.cases.builders import make_user  # noqa: PLC0415

    admin_user = make_user(Role.ADMINISTRATOR)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    sign_in(client, admin_user)
    assert client.get("/admin/returns/returnplan/").status_code == 200
    assert AccessLog.objects.filter(actor=admin_user, detail="admin list", record_type="returns.returnplan").exists()
