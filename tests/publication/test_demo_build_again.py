"""The whole demo built again with --replace before the queue ran the first one's exact run."""

from __future__ import annotations

from datetime import date

import pytest

from kopir.publication.demo_build import build_whole_demo
from kopir.statistics.models import IndicatorRun

pytestmark = pytest.mark.django_db


def test_replacing_the_demo_takes_the_exact_run_still_queued() -> None:
    first = build_whole_demo(seed=2, employees=300, today=date(2026, 3, 1))  # the queue does not run here
    assert IndicatorRun.objects.get().status == IndicatorRun.Status.QUEUED
    again = build_whole_demo(seed=2, employees=300, today=date(2026, 3, 1), replace=True)
    assert again.indicator_run.pk == first.indicator_run.pk
    assert IndicatorRun.objects.count() == 1
    assert again.cases.employees == 300
