"""Who may see what, and the record of every look at personal data.

Roles (issue 4): an employee sees her own records; an HR officer sees her body's employees; a
body head approves; an analyst sees no personal data; an administrator manages bodies and users.
Every read or change of personal data, and every refusal, is written to `AccessLog`, which
refuses updates and deletes (in Python here, by database triggers in `log_guard`) and whose rows
are chained by their hashes (`access_chain`, decision 0015).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopir.accounts import access_chain
from kopir.accounts.request_context import current_request


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


def _with_request_facts(entry: AccessLog) -> None:
    """Fill who-asked fields from the request being served (every insert path calls this)."""
    facts = current_request.get()
    if facts is not None:
        entry.address = entry.address or facts.address
        entry.method = entry.method or facts.method[:8]
        entry.path = entry.path or facts.path[:300]
    if not entry.role and entry.actor is not None:
        entry.role = entry.actor.role


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    def bulk_create(self, objs: Iterable[AccessLog], *args: Any, **kwargs: Any) -> list[AccessLog]:
        """Rows written in bulk carry the request's facts and are sealed after commit like the others."""
        entries = list(objs)
        for entry in entries:
            _with_request_facts(entry)
        created = super().bulk_create(entries, *args, **kwargs)
        access_chain.seal_after_commit(AccessLog, self.db)
        return created

    def update(self, **kwargs: Any) -> int:
        # the seal writes the chain columns in SQL (kopir.accounts.access_chain); nothing else changes a row
        raise PermissionError("The access log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The access log is append-only.")


class AccessLog(models.Model):
    """One read, change or refusal: who, from where, what, whose, when. Never changed, never deleted.

    `address`, `method` and `path` come from the request being served (empty outside requests);
    `role` is the actor's role at the time. The chain columns are filled once, by the seal.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, verbose_name=_("who"), null=True, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=16, blank=True, default="")
    action = models.CharField(_("action"), max_length=16, choices=AccessAction.choices)
    record_type = models.CharField(_("kind of record"), max_length=64)
    record_id = models.CharField(_("record"), max_length=64)
    subject_id = models.BigIntegerField(_("whose data (employee)"), null=True, db_index=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True, db_index=True)
    method = models.CharField(_("method"), max_length=8, blank=True, default="")
    path = models.CharField(_("path"), max_length=300, blank=True, default="")
    chain_position = models.PositiveBigIntegerField(_("position in the chain"), null=True, unique=True)
    previous_hash = models.CharField(_("hash of the previous entry"), max_length=64, blank=True, default="")
    row_hash = models.CharField(_("hash of this entry"), max_length=64, blank=True, default="")

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["action", "at"], name="accesslog_action_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.record_type}#{self.record_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The access log is append-only.")
        _with_request_facts(self)
        super().save(*args, **kwargs)
        facts = current_request.get()
        if facts is not None and self.action == AccessAction.REFUSED:
            facts.refused_row_ids.append(self.pk)
        access_chain.seal_after_commit(AccessLog, self._state.db or "default")

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The access log is append-only.")
