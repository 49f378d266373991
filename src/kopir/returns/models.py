"""The return to work: a plan per leave episode, the support around it, and the checks at the return.

A `ReturnPlan` belongs to one leave episode and holds what the HR office arranges for the
return (return-to-work-and-statistics.md A.2 I16, C.1-C.6):

- a phased schedule (`ReturnPhase`: work percentage by period, ending at full time; Norway's
  graded uptake, Sweden's reduced hours);
- requests for flexible hours, remote or part-time work for a transition period
  (`ArrangementRequest`, decided within a deadline in working days; Labour Code art. 70);
- keeping-in-touch contacts and days (`KeepInTouch`: a day of work needs her consent, at most
  10 per episode, as the UK's KIT days);
- notices to her while on leave about vacancies, restructures and pay reviews (`LeaveNotice`,
  acknowledged by her);
- refresher training (`TrainingItem`), a nursery or kindergarten place (`NurseryRequest`);
- the return interview with a written record shared with her (`ReturnInterview`, France's
  entretien professionnel).

At the return two `ReturnCheck`s are computed from the records (ILO C183 art. 8(2), indicator
I9, and pay catch-up, I11); a failed check needs a justification and a second approval.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

KIT_DAYS_MAX = 10


class ReturnPlan(models.Model):
    episode = models.OneToOneField(
        "cases.LeaveEpisode", verbose_name=_("leave episode"), on_delete=models.CASCADE, related_name="return_plan"
    )
    planned_return_date = models.DateField(_("planned return date"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("return plan")
        verbose_name_plural = _("return plans")

    def __str__(self) -> str:
        return f"{self.episode}: {self.planned_return_date}"


class ReturnPhase(models.Model):
    """A period of the phased return at a share of full time; the schedule ends at 100%."""

    plan = models.ForeignKey(ReturnPlan, verbose_name=_("return plan"), on_delete=models.CASCADE, related_name="phases")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"))
    work_percent = models.PositiveSmallIntegerField(
        _("share of full time, per cent"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("phase of the return")
        verbose_name_plural = _("phases of the return")
        ordering = ["plan", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="phase_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(work_percent__gte=1, work_percent__lte=100), name="phase_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}: {self.work_percent}"


class ArrangementKind(models.TextChoices):
    FLEXIBLE_HOURS = "flexible_hours", _("Flexible hours")
    REMOTE = "remote", _("Remote work")
    PART_TIME = "part_time", _("Part-time work")


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", pgettext_lazy("decision on a request", "Refused")


class ArrangementRequest(models.Model):
    """Her request for an arrangement during a transition period, decided by a deadline in working days."""

    plan = models.ForeignKey(
        ReturnPlan, verbose_name=_("return plan"), on_delete=models.CASCADE, related_name="arrangements"
    )
    kind = models.CharField(_("arrangement"), max_length=16, choices=ArrangementKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"))
    details = models.CharField(_("hours, place or days"), max_length=300, blank=True)
    requested_on = models.DateField(_("requested on"))
    deadline = models.DateField(_("decision due by"))
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_late = models.BooleanField(_("decided after the deadline"), default=False)
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        verbose_name = _("request for an arrangement")
        verbose_name_plural = _("requests for arrangements")
        ordering = ["plan", "requested_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="arrangement_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="refused") | ~models.Q(reasons=""), name="refusal_has_reasons"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"


class ContactKind(models.TextChoices):
    CONTACT = "contact", _("Keeping-in-touch contact")
    DAY = "day", _("Keeping-in-touch day (work)")


class KeepInTouch(models.Model):
    """A contact during the leave, or a day of work (any work on a day counts as a whole day)."""

    plan = models.ForeignKey(
        ReturnPlan, verbose_name=_("return plan"), on_delete=models.CASCADE, related_name="contacts"
    )
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=ContactKind.choices)
    consent = models.BooleanField(_("she agreed"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("keeping-in-touch record")
        verbose_name_plural = _("keeping in touch")
        ordering = ["plan", "on", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="day") | models.Q(consent=True), name="kit_day_consent"),
            models.UniqueConstraint(fields=["plan", "on"], condition=models.Q(kind="day"), name="one_kit_day_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"


class NoticeKind(models.TextChoices):
    VACANCY = "vacancy", _("Vacancy")
    RESTRUCTURE = "restructure", _("Restructure")
    PAY_REVIEW = "pay_review", _("Pay review")


class LeaveNotice(models.Model):
    """What she is told while on leave, so that she does not miss a post, a restructure or a pay review."""

    plan = models.ForeignKey(
        ReturnPlan, verbose_name=_("return plan"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("about"), max_length=16, choices=NoticeKind.choices)
    sent_on = models.DateField(_("sent on"))
    summary = models.TextField(_("summary"))
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice during leave")
        verbose_name_plural = _("notices during leave")
        ordering = ["plan", "sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sent_on}"


class TrainingKind(models.TextChoices):
    COURSE = "course", _("Course")
    INTERNSHIP = "internship", _("Internship")


class TrainingItem(models.Model):
    plan = models.ForeignKey(
        ReturnPlan, verbose_name=_("return plan"), on_delete=models.CASCADE, related_name="training"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TrainingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    planned_on = models.DateField(_("planned for"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("refresher training")
        verbose_name_plural = _("refresher training")
        ordering = ["plan", "planned_on", "id"]

    def __str__(self) -> str:
        return self.title


class NurseryRequest(models.Model):
    """A nursery or kindergarten place: requested, waiting in the queue, placed."""

    plan = models.ForeignKey(
        ReturnPlan, verbose_name=_("return plan"), on_delete=models.CASCADE, related_name="nursery_requests"
    )
    requested_on = models.DateField(_("requested on"))
    queue_number = models.CharField(_("number in the queue"), max_length=32, blank=True)
    placed_on = models.DateField(_("place from"), null=True, blank=True)
    kindergarten = models.CharField(_("nursery or kindergarten"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nursery place request")
        verbose_name_plural = _("nursery place requests")
        ordering = ["plan", "requested_on", "id"]

    def __str__(self) -> str:
        return f"{self.requested_on} {self.kindergarten}"


class ReturnInterview(models.Model):
    plan = models.OneToOneField(
        ReturnPlan, verbose_name=_("return plan"), on_delete=models.CASCADE, related_name="interview"
    )
    held_on = models.DateField(_("held on"))
    record = models.TextField(_("written record"))
    shared_with_employee_on = models.DateField(_("shared with her on"), null=True, blank=True)

    class Meta:
        verbose_name = _("return interview")
        verbose_name_plural = _("return interviews")

    def __str__(self) -> str:
        return f"{self.plan}: {self.held_on}"


class CheckKind(models.TextChoices):
    SAME_POST = "same_post", _("Same or equivalent post at the same pay")
    PAY_CATCH_UP = "pay_catch_up", _("Pay caught up with the raises given during the leave")


class ReturnCheck(models.Model):
    """One check made at the return, with what was compared; a failed one is justified and approved twice."""

    episode = models.ForeignKey(
        "cases.LeaveEpisode", verbose_name=_("leave episode"), on_delete=models.CASCADE, related_name="return_checks"
    )
    kind = models.CharField(_("check"), max_length=16, choices=CheckKind.choices)
    passed = models.BooleanField(_("passed"))
    detail = models.JSONField(_("what was compared"), default=dict)
    computed_on = models.DateField(_("computed on"))
    justification = models.TextField(_("justification"), blank=True)
    justified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("justified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    justified_on = models.DateField(_("justified on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("check at the return")
        verbose_name_plural = _("checks at the return")
        ordering = ["episode", "kind"]
        constraints = [models.UniqueConstraint(fields=["episode", "kind"], name="one_check_per_kind")]

    def __str__(self) -> str:
        return f"{self.episode}: {self.get_kind_display()}"

    @property
    def settled(self) -> bool:
        """Passed, or failed with a justification and the second approval."""
        return self.passed or self.approved_by_id is not None
