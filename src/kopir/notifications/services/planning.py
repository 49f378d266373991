"""What is due to whom today: the daily mail run turns open reminders and an employee's own dates into
queued messages, once per person and subject, and hands them to the queue after the commit.

- HR officers of the employee's body get every open reminder (the head too once it is escalated);
- the employee gets her own dates: her leave ends soon, her childcare payment ends (the eve of the
  child's 1.5 years), her childcare leave ends (the eve of the child's third birthday), a decision on
  her request (decided within the last week);
- a person who opted out gets nothing; one who asked for a digest gets one message a day listing what
  is new since the last one; each item reaches each person once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from kopir.accounts.models import Role, User
from kopir.cases.models import EpisodeStatus, LeaveEpisode, Reminder, ReminderKind
from kopir.cases.services.leave import childcare_last_day, childcare_payment_last_day
from kopir.notifications.models import MailItem, MailKind, MailPreference, SentMail
from kopir.returns.models import ArrangementRequest, Decision
from kopir.rules.months import add_months
from kopir.workdays import add_working_days

CLOSED = (EpisodeStatus.RETURNED, EpisodeStatus.EXITED)
DECISION_NEWS_DAYS = 7
"""A decision is news for a week: older ones (before mail was turned on) are not sent."""
CHILDCARE_YEARS, MONTHS_A_YEAR = 3, 12


@dataclass(frozen=True)
class Item:
    """One thing to tell one person: the kind of message and the id of the row it is about."""

    kind: MailKind
    object_id: int

    def pair(self) -> list[Any]:
        return [str(self.kind), self.object_id]


def _hr_recipients(reminders: Iterable[Reminder]) -> dict[int, list[Item]]:
    """Open reminders to the HR officers of the employee's body, and to its head when escalated."""
    body_ids = {r.episode.employee.body_id for r in reminders}
    staff = User.objects.filter(
        is_active=True, body_id__in=body_ids, role__in=[Role.HR_OFFICER, Role.BODY_HEAD]
    ).exclude(email="")
    by_body: dict[int, list[User]] = defaultdict(list)
    for user in staff:
        assert user.body_id is not None  # noqa: S101 - filtered on the body above
        by_body[user.body_id].append(user)
    wanted: dict[int, list[Item]] = defaultdict(list)
    for reminder in reminders:
        for user in by_body[reminder.episode.employee.body_id]:
            if user.role == Role.HR_OFFICER or reminder.kind == ReminderKind.RETURN_OVERDUE_ESCALATED:
                wanted[user.pk].append(Item(MailKind.REMINDER, reminder.pk))
    return wanted


def _own_dates(today: date, reminders: Iterable[Reminder]) -> dict[int, list[Item]]:
    """Her own dates, to the employee's own account."""
    wanted: dict[int, list[Item]] = defaultdict(list)
    for reminder in reminders:
        user = reminder.episode.employee.user
        if reminder.kind == ReminderKind.LEAVE_ENDS_SOON and user is not None:
            wanted[user.pk].append(Item(MailKind.LEAVE_ENDS, reminder.episode_id))
    horizon = add_working_days(today, settings.KOPIR_LEAVE_END_NOTICE_WORKING_DAYS)
    episodes = (
        LeaveEpisode.objects.exclude(status__in=CLOSED)
        .filter(child__isnull=False, employee__user__isnull=False)
        .select_related("child", "employee")
    )
    for episode in episodes:
        if today <= childcare_last_day(episode) <= horizon:
            assert episode.employee.user_id is not None  # noqa: S101 - filtered above
            wanted[episode.employee.user_id].append(Item(MailKind.THIRD_BIRTHDAY, episode.pk))
    wanted_payment = _payment_ends(today, horizon)
    for user_id, items in wanted_payment.items():
        wanted[user_id].extend(items)
    decided = ArrangementRequest.objects.exclude(decision=Decision.PENDING).filter(
        decided_on__gte=today - timedelta(days=DECISION_NEWS_DAYS), plan__episode__employee__user__isnull=False
    )
    for request_id, user_id in decided.values_list("pk", "plan__episode__employee__user_id"):
        wanted[user_id].append(Item(MailKind.DECISION, request_id))
    return wanted


def _payment_ends(today: date, horizon: date) -> dict[int, list[Item]]:
    """The end of her childcare payment, to her: it goes on after an early return (at a lower level), so
    a returned episode counts too; only children under three are read (older ones are long past it)."""
    wanted: dict[int, list[Item]] = defaultdict(list)
    episodes = (
        LeaveEpisode.objects.exclude(status=EpisodeStatus.EXITED)
        .filter(
            employee__user__isnull=False,
            child__birth_date__gt=add_months(today, -CHILDCARE_YEARS * MONTHS_A_YEAR),
            child__birth_date__lte=horizon,
        )
        .select_related("child", "employee")
    )
    for episode in episodes:
        last_day = childcare_payment_last_day(episode)
        if last_day is not None and today <= last_day <= horizon:
            assert episode.employee.user_id is not None  # noqa: S101 - filtered above
            wanted[episode.employee.user_id].append(Item(MailKind.PAYMENT_ENDS, episode.pk))
    return wanted


def _items_due(today: date) -> dict[int, list[Item]]:
    reminders = list(Reminder.objects.filter(resolved_on__isnull=True).select_related("episode__employee__user"))
    wanted = _hr_recipients(reminders)
    for user_id, items in _own_dates(today, reminders).items():
        wanted[user_id].extend(items)
    return wanted


def _already_told(wanted: dict[int, list[Item]]) -> set[tuple[int, str, int]]:
    """(person, kind, id) of the items due today that are already in a message to her, single or digest.

    One query, by the items due (indexed on kind, id and person), whatever the number of people or the
    length of their history."""
    ids_by_kind: dict[str, set[int]] = defaultdict(set)
    for items in wanted.values():
        for item in items:
            ids_by_kind[str(item.kind)].add(item.object_id)
    if not ids_by_kind:
        return set()
    due = Q()
    for kind, ids in ids_by_kind.items():
        due |= Q(kind=kind, object_id__in=sorted(ids))
    told = MailItem.objects.filter(due, recipient_id__in=list(wanted))
    return set(told.values_list("recipient_id", "kind", "object_id"))


def _record(created: list[SentMail]) -> list[int]:
    """Save the messages and their items as rows (two inserts); return the messages' ids."""
    mails = SentMail.objects.bulk_create(created)
    MailItem.objects.bulk_create(
        MailItem(mail=mail, recipient_id=mail.recipient_id, kind=kind, object_id=object_id)
        for mail in mails
        for kind, object_id in mail.about
    )
    return [mail.pk for mail in mails]


@transaction.atomic
def mail_plan(*, today: date) -> list[int]:
    """Record today's messages (queued) and return their ids; the caller's queue sends them."""
    if not settings.KOPIR_MAIL_ENABLED:
        return []
    wanted = _items_due(today)
    users = {u.pk: u for u in User.objects.filter(pk__in=wanted, is_active=True).exclude(email="")}
    preferences = {p.user_id: p for p in MailPreference.objects.filter(user_id__in=users)}
    told = _already_told({user_id: items for user_id, items in wanted.items() if user_id in users})
    key = f"digest:{today.isoformat()}"
    digested = set(SentMail.objects.filter(recipient_id__in=users, key=key).values_list("recipient_id", flat=True))
    created: list[SentMail] = []
    for user_id, items in wanted.items():
        preference = preferences.get(user_id)
        if user_id not in users or (preference is not None and not preference.receives_mail):
            continue
        language = preference.language if preference else settings.LANGUAGE_CODE
        new = [item for item in items if (user_id, str(item.kind), item.object_id) not in told]
        if preference is not None and preference.daily_digest and new:
            if user_id in digested:  # today's digest is gone: the rest waits for tomorrow's
                continue
            created.append(SentMail(recipient_id=user_id, kind=MailKind.DIGEST, key=key, language=language))
            created[-1].about = [item.pair() for item in new]
            continue
        created.extend(
            SentMail(
                recipient_id=user_id,
                kind=item.kind,
                key=f"{item.kind}:{item.object_id}",
                about=[item.pair()],
                language=language,
            )
            for item in new
        )
    return _record(created)
