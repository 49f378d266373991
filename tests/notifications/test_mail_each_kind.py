"""Every kind of message reaches the real SMTP server: the return plan's reminders to HR, and the
employee's childcare-leave end and the decision on her request to her (issue 18)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kopir.cases.models import Reminder, ReminderKind
from kopir.notifications.models import MailPreference
from kopir.returns.models import ArrangementKind, ArrangementRequest, Decision, ReturnPlan
from tests.notifications.smtp import Mailbox
from tests.notifications.test_mail_delivery import _html, _run, _text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "language", "title"),
    [
        (ReminderKind.DECISION_DUE, "ru", "Заявление о гибком режиме или дистанционной работе ожидает решения"),
        (ReminderKind.INTERVIEW_NOT_HELD, "en", "She has returned and the return interview is not held"),
    ],
)
def test_the_return_plans_reminders_reach_hr(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any, kind: str, language: str, title: str
) -> None:
    MailPreference.objects.filter(user=office["hr"]).update(language=language)
    Reminder.objects.create(episode=office["episode"], kind=kind, due_on=date(2025, 7, 1), raised_on=date(2025, 7, 1))
    _run(date(2025, 7, 1), django_capture_on_commit_callbacks)
    (to_hr,) = smtp.to("hr@example.kz")
    assert str(to_hr["Subject"]).strip() == f"Kopir: {title}"


def test_her_childcare_leave_end_reaches_her(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    MailPreference.objects.filter(user=office["employee_user"]).update(language="en")
    _run(date(2028, 6, 27), django_capture_on_commit_callbacks)  # the child turns three on 8 July 2028
    (to_her,) = smtp.to("aigerim@example.kz")
    assert str(to_her["Subject"]).strip() == "Kopir: Your childcare leave ends on 7 July 2028"
    assert "https://kopir.example.kz/en/me/" in _text(to_her)


def test_a_decision_on_her_request_reaches_her_once(
    smtp: Mailbox, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    plan = ReturnPlan.objects.create(episode=office["episode"], planned_return_date=date(2025, 9, 4))
    ArrangementRequest.objects.create(
        plan=plan,
        kind=ArrangementKind.REMOTE,
        starts_on=date(2025, 9, 4),
        ends_on=date(2025, 12, 31),
        requested_on=date(2025, 7, 1),
        deadline=date(2025, 7, 15),
        decision=Decision.GRANTED,
        decided_on=date(2025, 7, 10),
    )
    _run(date(2025, 7, 11), django_capture_on_commit_callbacks)
    _run(date(2025, 7, 12), django_capture_on_commit_callbacks)
    (to_her,) = smtp.to("aigerim@example.kz")
    assert str(to_her["Subject"]).strip() == "Kopir: Өтінішіңіз бойынша шешім: Қанағаттандырылды"


@pytest.mark.parametrize(
    ("language", "subject", "detail"),
    [
        ("en", "Kopir: Your childcare payment ends on 7 January 2027", "one and a half years old"),
        ("kk", "Kopir: Бала күтімі бойынша төлеміңіз 2027 жылғы 7 қаңтар күні аяқталады", "бір жарым жасқа"),
        ("ru", "Kopir: Ваша выплата по уходу за ребёнком заканчивается 7 января 2027 г.", "полтора года"),
    ],
)
def test_the_end_of_her_childcare_payment_reaches_her(
    smtp: Mailbox,
    office: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
    language: str,
    subject: str,
    detail: str,
) -> None:
    MailPreference.objects.filter(user=office["employee_user"]).update(language=language)
    _run(date(2026, 12, 1), django_capture_on_commit_callbacks)  # born 8 July 2025: 1.5 years on 8 January 2027
    assert smtp.to("aigerim@example.kz") == []
    _run(date(2026, 12, 28), django_capture_on_commit_callbacks)
    _run(date(2026, 12, 29), django_capture_on_commit_callbacks)
    (to_her,) = smtp.to("aigerim@example.kz")
    assert str(to_her["Subject"]).strip() == subject
    text, html = _text(to_her), _html(to_her)
    assert detail in text
    assert detail in html
    assert f"https://kopir.example.kz/{language}/me/" in text
    assert f"https://kopir.example.kz/{language}/me/" in html
    assert "₸" not in text
