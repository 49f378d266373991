"""State bodies and positions, with names in the three languages and the codes statistics need.

A body sits in a hierarchy (a ministry and its regional departments), at a level (central,
regional, district, rural) and in a region (ISO 3166-2 and KATO). A position carries the corps,
category and managerial level from which the indicators count women in managerial posts (I13).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BodyLevel(models.TextChoices):
    CENTRAL = "central", _("Central")
    REGIONAL = "regional", _("Regional")
    DISTRICT = "district", _("District")
    RURAL = "rural", _("Rural")


class Corps(models.TextChoices):
    POLITICAL = "political", _("Political civil servant")
    A = "A", _("Corps A")
    B = "B", _("Corps B")


class ManagerialLevel(models.TextChoices):
    """From the top down; "head of sector" and above are managerial posts (ADGS practice)."""

    POLITICAL = "political", _("Political post")
    CORPS_A = "corps_a", _("Corps A post")
    HEAD_OF_CENTRAL_DEPARTMENT = "head_of_central_department", _("Head of a central-body department")
    HEAD_OF_STRUCTURAL_UNIT = "head_of_structural_unit", _("Head of a structural unit")
    DEPUTY_HEAD = "deputy_head", _("Deputy head")
    HEAD_OF_SECTOR = "head_of_sector", _("Head of sector")
    SPECIALIST = "specialist", _("Specialist")


class TrilingualName(models.Model):
    """A name in Kazakh, Russian and English, shown in the page's language."""

    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "kk")[:2]
        return str(getattr(self, f"name_{language}", self.name_kk))


class StateBody(TrilingualName):
    code = models.CharField(_("code"), max_length=32, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent body"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.CharField(_("level"), max_length=16, choices=BodyLevel.choices)
    region_iso = models.CharField(_("region (ISO 3166-2)"), max_length=8)
    region_kato = models.CharField(_("region (KATO)"), max_length=9)

    class Meta:
        verbose_name = _("state body")
        verbose_name_plural = _("state bodies")
        ordering = ["code"]


class Position(TrilingualName):
    body = models.ForeignKey(
        StateBody, verbose_name=_("state body"), on_delete=models.PROTECT, related_name="positions"
    )
    corps = models.CharField(_("corps"), max_length=16, choices=Corps.choices)
    category = models.CharField(_("category"), max_length=16, blank=True)
    managerial_level = models.CharField(_("managerial level"), max_length=32, choices=ManagerialLevel.choices)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    @property
    def is_managerial(self) -> bool:
        return self.managerial_level != ManagerialLevel.SPECIALIST
