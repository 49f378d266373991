"""A message's text, composed at sending time in the recipient's language: plain text plus HTML.

Only what the person needs to act on goes in: the kind of reminder, a date, the person's name (or the
body's reference when the record has no name), and a link to the page. Never the IIN (not even its
masked form) nor any amount of pay or benefit: mail passes through servers Kopir does not control.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kopir.cases.models import Employee, LeaveEpisode, Reminder
from kopir.cases.services.leave import childcare_last_day, childcare_payment_last_day
from kopir.notifications.models import MailKind, SentMail
from kopir.returns.models import ArrangementRequest
from kopir.rules import formats


@dataclass(frozen=True)
class Line:
    """One item of a message: what, about whom or when, and where to act on it."""

    title: str
    detail: str
    link: str


def person_label(employee: Employee) -> str:
    """Her name, else the body's reference, else a neutral word: never the IIN, not even masked."""
    name = " ".join(part for part in (employee.surname, employee.given_name, employee.patronymic) if part)
    return name or employee.ref or str(_("an employee without a name on record"))


def _link(name: str, *args: int) -> str:
    return str(settings.KOPIR_SITE_URL) + reverse(name, args=args)


def _day(value: date) -> str:
    """The date as the one formatter writes it in the message's language (composed under its override)."""
    return formats.day(value, formats.language(translation.get_language()))


def _reminder_line(object_id: int) -> Line | None:
    reminder = Reminder.objects.select_related("episode__employee").filter(pk=object_id).first()
    if reminder is None:
        return None
    person, due = person_label(reminder.episode.employee), _day(reminder.due_on)
    detail = _("%(person)s: due on %(date)s") % {"person": person, "date": due}
    return Line(str(reminder.get_kind_display()), detail, _link("cases:episode", reminder.episode_id))


def _leave_ends_line(object_id: int) -> Line | None:
    episode = LeaveEpisode.objects.prefetch_related("segments").filter(pk=object_id).first()
    if episode is None:
        return None
    title = _("Your leave ends on %(date)s") % {"date": _day(max(s.end for s in episode.segments.all()))}
    detail = _("Plan your return to work with your HR office; your return plan is in Kopir.")
    return Line(title, detail, _link("returns:my_plan", episode.pk))


def _third_birthday_line(object_id: int) -> Line | None:
    episode = LeaveEpisode.objects.select_related("child").filter(pk=object_id).first()
    if episode is None:
        return None
    title = _("Your childcare leave ends on %(date)s") % {"date": _day(childcare_last_day(episode))}
    detail = _("It is the day before your child's third birthday. Tell your HR office when you will return.")
    return Line(title, detail, _link("cases:my_leave"))


def _payment_ends_line(object_id: int) -> Line | None:
    episode = LeaveEpisode.objects.select_related("child").filter(pk=object_id).first()
    last_day = childcare_payment_last_day(episode) if episode is not None else None
    if last_day is None:
        return None
    title = _("Your childcare payment ends on %(date)s") % {"date": _day(last_day)}
    detail = _(
        "The monthly payment runs until your child is one and a half years old."
        " Your childcare leave may go on until the third birthday."
    )
    return Line(title, detail, _link("cases:my_leave"))


def _decision_line(object_id: int) -> Line | None:
    request = ArrangementRequest.objects.select_related("plan").filter(pk=object_id).first()
    if request is None:
        return None
    title = _("A decision on your request: %(decision)s") % {"decision": request.get_decision_display()}
    return Line(title, str(request.get_kind_display()), _link("returns:my_plan", request.plan.episode_id))


LINES: dict[str, Callable[[int], Line | None]] = {
    MailKind.REMINDER: _reminder_line,
    MailKind.LEAVE_ENDS: _leave_ends_line,
    MailKind.THIRD_BIRTHDAY: _third_birthday_line,
    MailKind.PAYMENT_ENDS: _payment_ends_line,
    MailKind.DECISION: _decision_line,
}
"""Each item's line, or None when its row is gone (an episode deleted since the message was queued)."""


def mail_compose(sent: SentMail) -> EmailMultiAlternatives | None:
    """The message for `sent` in its language, or None when nothing it was about is left."""
    with translation.override(sent.language):
        lines = [line for kind, object_id in sent.about if (line := LINES[kind](object_id)) is not None]
        if not lines:
            return None
        if sent.kind == MailKind.DIGEST:
            subject = ngettext(
                "Kopir: %(count)s new item for you", "Kopir: %(count)s new items for you", len(lines)
            ) % {"count": len(lines)}
        else:
            subject = _("Kopir: %(title)s") % {"title": lines[0].title}
        context = {
            "lines": lines,
            "name": sent.recipient.get_full_name() or sent.recipient.get_username(),
            "preferences": _link("notifications:preferences"),
            "language": sent.language,
        }
        text = render_to_string("notifications/mail/message.txt", context)
        html = render_to_string("notifications/mail/message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [sent.recipient.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["Content-Language"] = sent.language
    return message
