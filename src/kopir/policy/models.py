"""A simulation run: who costed which reform, on how many persons, and the result.

A large run is computed in the job queue under a lease (`kopir.jobs.leases`), so a dead worker
leaves it queued again or failed, never running for ever. The result is kept as the report
document of `kopir.microsim.results.report` (national tenge, no personal data: the persons are
synthetic), so a run can be read again without recomputing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopir.jobs.leases import LeasedRun

SAVED_PREFIX = "saved-"  # a saved reform's id among the shipped ones: saved-<its number>


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SavedReform(models.Model):
    """A reform an analyst built from overrides of the law's parameters (`kopir.policy.builder`).

    `document` is the reform file itself (YAML, as ``kopir simulate my-reform.yaml`` reads it), checked
    by `kopir.microsim.reforms.parse` before it was saved and again before each run, so a saved reform
    the law no longer accepts fails with its problems named instead of costing something else. Only its
    owner sees or runs it.

    The titles and descriptions are copies of the file's, kept on purpose (decision 0040): they are
    written once with it from the same checked reform (a saved reform is never edited), lists of up to
    fifty need not read and check fifty files, and a reform that today's law refuses, whose file no
    longer reads as a reform, still shows its title and description beside its problems.
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
    """One costing of a reform: a shipped reform by its id, or an analyst's saved reform by its link.

    Exactly one of the two is set (a database constraint): `reform_id`, the name the costing form, the
    access log and ``kopir simulate`` give it, is derived from them (``saved-<n>`` for a saved reform),
    never stored beside the link where the two could disagree. A saved reform with runs cannot be
    deleted (PROTECT), so a run never loses the reform it costed.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    shipped_reform = models.CharField(_("shipped reform"), max_length=64, blank=True)
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
        constraints = [
            models.CheckConstraint(
                condition=(Q(saved_reform__isnull=True) & ~Q(shipped_reform=""))
                | (Q(saved_reform__isnull=False) & Q(shipped_reform="")),
                name="policy_run_one_reform",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reform_id} ({self.size}, seed {self.seed})"

    @property
    def reform_id(self) -> str:
        """The shipped reform's id, or ``saved-<n>`` for a saved reform (as the costing form names it)."""
        return self.shipped_reform if self.saved_reform_id is None else f"{SAVED_PREFIX}{self.saved_reform_id}"
