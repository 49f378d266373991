"""A recomputation of the exact indicators: queued, running with its progress, done with its cells.

Computing a year for the whole country takes tens of seconds at national scale, so it runs as a
background job (`kopir.statistics.tasks`) and the analyst page shows its progress; the finished
cells are kept as the snapshot the exact pages read (and from which releases are protected). The
job holds a lease (`kopir.jobs.leases`): a dead worker leaves it queued again or failed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kopir.jobs.leases import LIVE, LeasedRun


class IndicatorRun(LeasedRun):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    year = models.PositiveSmallIntegerField(_("year"))
    body = models.CharField(_("state body"), max_length=32, blank=True, help_text=_("Empty for all bodies."))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, per cent"), default=0)
    stage = models.CharField(_("stage"), max_length=64, blank=True)
    as_of = models.DateField(_("data as of"))
    methodology_version = models.CharField(_("methodology version"), max_length=16)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    cells = models.JSONField(_("cells"), default=dict, help_text=_("By place: the country, a region, a body."))
    cell_count = models.PositiveIntegerField(_("number of cells"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("indicator computation")
        verbose_name_plural = _("indicator computations")
        ordering = ["-id"]
        indexes = [models.Index(fields=["year", "body", "status"])]
        constraints = [
            # one recomputation per year and body at a time; the country's is body "" (not NULL), so
            # the national runs collide with each other like any body's
            models.UniqueConstraint(
                fields=["year", "body"], condition=models.Q(status__in=LIVE), name="one_live_indicator_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.body or 'all'}: {self.status}"
