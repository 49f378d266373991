"""Who may see what, and the record of every look at personal data.

Roles (issue 4): an employee sees her own records; an HR officer sees her body's employees; a
body head approves; an analyst sees no personal data; an administrator manages bodies and users.
Every read or change of personal data is written to `AccessLog`, which refuses updates and
deletes (in Python here, and by database triggers in the migration).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    HR_OFFICER = "hr_officer", _("HR officer")
    BODY_HEAD = "body_head", _("Head of a state body")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


BODY_ROLES = frozenset({Role.EMPLOYEE, Role.HR_OFFICER, Role.BODY_HEAD})


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EMPLOYEE)
    body = models.ForeignKey(
        "organisation.StateBody",
        verbose_name=_("state body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(BODY_ROLES)) | models.Q(body__isnull=False),
                name="body_roles_have_a_body",
            )
        ]


class AccessAction(models.TextChoices):
    READ = "read", _("Read")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export")
    REFUSED = "refused", pgettext_lazy("access log", "Refused")


class AccessLog(models.Model):
    """One read or change of personal data: who, what, whose, when. Never changed, never deleted."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, verbose_name=_("who"), null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=16, choices=AccessAction.choices)
    record_type = models.CharField(_("kind of record"), max_length=64)
    record_id = models.CharField(_("record"), max_length=64)
    subject_id = models.BigIntegerField(_("whose data (employee)"), null=True, db_index=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.record_type}#{self.record_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The access log is append-only.")
