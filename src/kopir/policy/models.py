"""A simulation run: who costed which reform, on how many persons, and the result.

A large run is computed in the job queue under a lease (`kopir.jobs.leases`), so a dead worker
leaves it queued again or failed, never running for ever. The result is kept as the report
document of `kopir.microsim.results.report` (national tenge, no personal data: the persons are
synthetic), so a run can be read again without recomputing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kopir.jobs.leases import LeasedRun


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SimulationRun(LeasedRun):
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    reform_id = models.CharField(_("reform"), max_length=64)
    size = models.PositiveIntegerField(_("persons simulated"))
    seed = models.PositiveIntegerField(_("seed"))
    status = models.CharField(_("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)

    class Meta:
        verbose_name = _("simulation run")
        verbose_name_plural = _("simulation runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reform_id} ({self.size}, seed {self.seed})"
