"""People and their leave, as the HR office of a state body keeps them.

A *leave episode* is one birth or adoption for one employee (kz-benefits-rules.md §5,
return-to-work-and-statistics.md A.2). It chains segments: maternity or adoption leave (Labour
Code art. 99), an attached annual leave, unpaid childcare leave in parts until the child is 3
(art. 100), and ends with a return or a separation. These records are what the statistics count,
so dates are kept both as planned and as they actually were.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Employee(models.Model):
    body = models.ForeignKey(
        "organisation.StateBody", verbose_name=_("state body"), on_delete=models.PROTECT, related_name="employees"
    )
    position = models.ForeignKey(
        "organisation.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="holders"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    ref = models.CharField(
        _("body's reference"),
        max_length=64,
        blank=True,
        default="",
        help_text=_("The body's own reference for the person (personnel number), unique in the body."),
    )
    surname = models.CharField(_("surname"), max_length=100, blank=True)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    iin_encrypted = models.TextField(_("IIN (encrypted)"))
    iin_digest = models.CharField(_("IIN link key"), max_length=64, unique=True)
    iin_masked = models.CharField(_("IIN (masked)"), max_length=12)
    hired_on = models.DateField(_("hired on"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["surname", "given_name", "id"]
        indexes = [models.Index(fields=["body", "surname"])]
        constraints = [
            models.UniqueConstraint(fields=["body", "ref"], condition=~models.Q(ref=""), name="one_ref_per_body")
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """The name; records imported without names (the exchange format has none) show the reference."""
        name = " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)
        return name or self.ref or self.iin_masked


class Child(models.Model):
    parent = models.ForeignKey(Employee, verbose_name=_("parent"), on_delete=models.CASCADE, related_name="children")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    expected_birth = models.DateField(_("expected date of birth"), null=True, blank=True)
    birth_order = models.PositiveSmallIntegerField(_("birth order"))
    adopted = models.BooleanField(_("adopted"), default=False)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_date__isnull=False) | models.Q(expected_birth__isnull=False),
                name="child_has_a_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.parent} #{self.birth_order}"


class PayRecord(models.Model):
    """A monthly salary from a date: the history that pay catch-up at return is checked against."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="pay_records"
    )
    effective_from = models.DateField(_("from"))
    monthly_salary = models.DecimalField(_("monthly salary, tenge"), max_digits=14, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("pay record")
        verbose_name_plural = _("pay history")
        ordering = ["employee", "effective_from"]
        constraints = [models.UniqueConstraint(fields=["employee", "effective_from"], name="one_pay_per_day")]

    def __str__(self) -> str:
        return f"{self.employee} {self.effective_from}: {self.monthly_salary}"


class AppointmentKind(models.TextChoices):
    HIRE = "hire", _("Hired")
    PROMOTION = "promotion", _("Promotion")
    TRANSFER = "transfer", _("Transfer")
    DEMOTION = "demotion", _("Lower post")
    RETURN = "return", _("Return from leave")
    CHANGE = "change", _("Change of post")


class Appointment(models.Model):
    """A post held from a date: the career record that promotion after return is measured on."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="appointments"
    )
    position = models.ForeignKey("organisation.Position", verbose_name=_("position"), on_delete=models.PROTECT)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AppointmentKind.choices)
    monthly_salary = models.DecimalField(
        _("monthly salary, tenge"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["employee", "starts_on"]

    def __str__(self) -> str:
        return f"{self.employee} {self.starts_on}: {self.position}"


class EpisodeKind(models.TextChoices):
    BIRTH = "birth", _("Birth")
    ADOPTION = "adoption", _("Adoption")


class EpisodeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    MATERNITY = "maternity", _("On maternity or adoption leave")
    ANNUAL = "annual", _("On annual leave")
    CHILDCARE = "childcare", _("On childcare leave")
    BETWEEN = "between", _("Between leave segments")
    RETURN_DUE = "return_due", _("Leave ended, no return recorded")
    RETURNED = "returned", _("Returned to work")
    EXITED = "exited", _("Left the body")


class LeaveEpisode(models.Model):
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="episodes"
    )
    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="episodes")
    kind = models.CharField(_("event"), max_length=16, choices=EpisodeKind.choices)
    children = models.PositiveSmallIntegerField(_("children born or adopted"), default=1)
    complicated_birth = models.BooleanField(_("complicated birth"), default=False)
    nuclear_test_zone = models.BooleanField(_("nuclear-test zone"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=EpisodeStatus.choices, default=EpisodeStatus.PLANNED, db_index=True
    )
    replacement = models.ForeignKey(
        Employee,
        verbose_name=_("temporary replacement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replacing",
    )
    replacement_until = models.DateField(_("replacement until"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("leave episode")
        verbose_name_plural = _("leave episodes")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.employee} ({self.get_kind_display()})"


class SegmentKind(models.TextChoices):
    MATERNITY = "maternity", _("Maternity leave")
    ADOPTION = "adoption", _("Adoption leave")
    ANNUAL = "annual", _("Annual paid leave")
    CHILDCARE = "childcare", _("Unpaid childcare leave")


class LeaveSegment(models.Model):
    episode = models.ForeignKey(
        LeaveEpisode, verbose_name=_("leave episode"), on_delete=models.CASCADE, related_name="segments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SegmentKind.choices)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    document = models.CharField(_("certificate or order"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("leave segment")
        verbose_name_plural = _("leave segments")
        ordering = ["episode", "planned_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")), name="segment_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_start}–{self.planned_end}"

    @property
    def start(self) -> date:
        """The actual start once known, else the planned one."""
        return self.actual_start or self.planned_start

    @property
    def end(self) -> date:
        return self.actual_end or self.planned_end


class ReturnMode(models.TextChoices):
    """How she came back (indicator I9); the first two meet ILO C183 art. 8(2), the others are flagged."""

    SAME_POST = "same_post", _("Same post")
    EQUIVALENT_POST = "equivalent_post", _("Equivalent post at the same pay")
    LOWER_POST = "lower_post", _("Lower post")
    PART_TIME = "part_time", _("Part-time")
    REMOTE = "remote", _("Remote work")
    PHASED = "phased", _("Phased return")


class ReturnToWork(models.Model):
    episode = models.OneToOneField(
        LeaveEpisode, verbose_name=_("leave episode"), on_delete=models.CASCADE, related_name="return_to_work"
    )
    first_working_day = models.DateField(_("first working day"))
    mode = models.CharField(_("return mode"), max_length=16, choices=ReturnMode.choices)
    position = models.ForeignKey("organisation.Position", verbose_name=_("post on return"), on_delete=models.PROTECT)
    monthly_salary = models.DecimalField(_("monthly salary on return, tenge"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("return to work")
        verbose_name_plural = _("returns to work")

    def __str__(self) -> str:
        return f"{self.episode}: {self.first_working_day}"


class SeparationReason(models.TextChoices):
    RESIGNATION = "resignation", _("Resignation")
    REORGANISATION = "reorganisation", _("Dismissal: reorganisation or liquidation")
    FIXED_TERM_END = "fixed_term_end", _("End of a fixed-term contract")
    TRANSFER = "transfer", _("Transfer to another state body")
    OTHER_DISMISSAL = "other_dismissal", _("Other dismissal by the employer")
    RETIREMENT = "retirement", _("Retirement")
    DEATH = "death", _("Death")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Destination(models.TextChoices):
    STATE_BODY = "state_body", _("Another state body")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    OUT_OF_WORK = "out_of_work", _("Out of work")
    UNKNOWN = "unknown", _("Unknown")


class ProtectedGround(models.TextChoices):
    """Grounds on which a protected employee may still leave (Labour Code art. 54, as listed)."""

    NONE = "", _("None")
    OWN_INITIATIVE = "own_initiative", _("At her own initiative")
    LIQUIDATION = "liquidation", _("Liquidation of the employer")
    AGREEMENT = "agreement", _("By agreement of the parties")
    TRANSFER = "transfer", _("Transfer at her request")


class Separation(models.Model):
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="separations"
    )
    episode = models.ForeignKey(
        LeaveEpisode,
        verbose_name=_("leave episode"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="separations",
    )
    date = models.DateField(_("last day"))
    during_leave = models.BooleanField(_("during leave"))
    reason = models.CharField(_("reason"), max_length=24, choices=SeparationReason.choices)
    destination = models.CharField(_("destination"), max_length=24, choices=Destination.choices)
    protected_ground = models.CharField(
        _("ground under dismissal protection"), max_length=24, choices=ProtectedGround.choices, blank=True
    )

    class Meta:
        verbose_name = _("separation")
        verbose_name_plural = _("separations")

    def __str__(self) -> str:
        return f"{self.employee}: {self.date}"


class FollowUp(models.Model):
    """Her status 6, 12 and 24 months after the return (retention, indicator I6-I8)."""

    episode = models.ForeignKey(
        LeaveEpisode, verbose_name=_("leave episode"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    months_after_return = models.PositiveSmallIntegerField(_("months after return"))
    employed_in_body = models.BooleanField(_("still employed in the body"))
    employed_in_state_service = models.BooleanField(_("employed in any state body"))
    recorded_on = models.DateField(_("recorded on"))

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["episode", "months_after_return"], name="one_follow_up_per_mark"),
            models.CheckConstraint(
                condition=models.Q(months_after_return__in=[6, 12, 24]), name="follow_up_at_6_12_24"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.episode} +{self.months_after_return}"


class ReminderKind(models.TextChoices):
    LEAVE_ENDS_SOON = "leave_ends_soon", _("Leave ends soon: plan the return")
    RETURN_OVERDUE = "return_overdue", _("Leave ended and no return is recorded")
    RETURN_OVERDUE_ESCALATED = "return_overdue_escalated", _("No return recorded for days: escalated to the head")
    DECISION_DUE = "decision_due", _("A request for flexible or remote work awaits a decision")
    INTERVIEW_NOT_HELD = "interview_not_held", _("She has returned and the return interview is not held")


class Reminder(models.Model):
    """Something the HR office must act on, raised by the daily job and closed when it is done."""

    episode = models.ForeignKey(
        LeaveEpisode, verbose_name=_("leave episode"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=ReminderKind.choices)
    due_on = models.DateField(_("due on"))
    raised_on = models.DateField(_("raised on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["episode", "kind"], name="one_reminder_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.episode}"
