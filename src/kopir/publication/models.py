"""A release: the protected cells of one year, frozen with the policy and methodology that made them.

A release never changes once published (contract open-data v1): a correction is a new release that
names the one it replaces. Python refuses to save an existing release or to delete one, and database
triggers refuse UPDATE (and on PostgreSQL DELETE) for raw SQL and other clients, as for the access log.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

IMMUTABLE = "A published release never changes; publish a new release that replaces it."


class Release(models.Model):
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)
    cut_off = models.DateField(_("data cut-off date"))
    year = models.PositiveIntegerField(_("year"), db_index=True)
    policy_name = models.CharField(_("disclosure-control policy"), max_length=32)
    policy_version = models.PositiveIntegerField(_("policy version"))
    policy_settings = models.JSONField(_("policy settings"))
    methodology_version = models.CharField(_("methodology version"), max_length=32)
    replaces = models.ForeignKey(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    cells = models.JSONField(_("cells"))
    indicators = models.JSONField(_("indicator definitions"))
    noise = models.JSONField(_("noise of the differential-privacy mode"), default=dict)
    # tables the policy could only protect coarser, or not at all: readers learn why a figure is missing
    protection = models.JSONField(_("tables coarsened or withheld"), default=dict)

    class Meta:
        verbose_name = _("statistics release")
        verbose_name_plural = _("statistics releases")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.year} #{self.pk} ({self.policy_name}-v{self.policy_version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError(IMMUTABLE)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(IMMUTABLE)
