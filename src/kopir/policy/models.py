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


class SavedReform(models.Model):
    """A reform an analyst built from overrides of the law's parameters (`kopir.policy.builder`).

    `document` is the reform file itself (YAML, as ``kopir simulate my-reform.yaml`` reads it), checked
    by `kopir.microsim.reforms.parse` before it was saved and again before each run, so a saved reform
    the law no longer accepts fails with its problems named instead of costing something else. The
    titles are kept beside it so lists need not read the YAML. Only its owner sees or runs it.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    slug = models.SlugField(_("file name"), max_length=64)
    title_kk = models.CharField(_("title in Kazakh"), max_length=200)
    title_ru = models.CharField(_("title in Russian"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200)
    description_kk = models.TextField(_("description in Kazakh"), max_length=2000)
    description_ru = models.TextField(_("description in Russian"), max_length=2000)
    description_en = models.TextField(_("description in English"), max_length=2000)
    document = models.TextField(_("reform file (YAML)"))

    class Meta:
        verbose_name = _("saved reform")
        verbose_name_plural = _("saved reforms")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.slug

    def title(self, language: str) -> str:
        return str(getattr(self, f"title_{language}"))


class SimulationRun(LeasedRun):
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    reform_id = models.CharField(_("reform"), max_length=64)
    saved_reform = models.ForeignKey(
        SavedReform,
        verbose_name=_("saved reform"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="runs",
    )
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
