"""A release of the demo data, from the indicator engine's own cells: the issue's done-when."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core.management import call_command
from django.test import Client

from kopir.cli import main
from kopir.disclosure import load_policy
from kopir.disclosure.checks import check_guarantees
from kopir.publication.figures import ReleaseFigures
from kopir.publication.gri import gri_401_3
from kopir.publication.models import Release
from kopir.publication.records import CONTRACT_FIELDS
from kopir.publication.selection import PUBLIC
from kopir.statistics.cells import ALL, Cell
from kopir.statistics.engine import INDICATORS
from tests.publication.attacker import assert_no_hidden_count_recoverable

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 30)
YEAR = 2025
EMPLOYEES = 800  # small for a quick test, large enough that the return tables are not all small counts


@pytest.fixture
def demo_release(tmp_path: Path) -> tuple[Release, Path]:
    call_command("demo", employees=EMPLOYEES, seed=11, today=TODAY, stdout=io.StringIO())
    out = tmp_path / "release"
    result = CliRunner().invoke(main, ["stats", "release", "--year", str(YEAR), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return Release.objects.get(), out


def test_every_published_indicator_is_one_of_the_engines() -> None:
    assert set(INDICATORS) >= PUBLIC


def test_the_demo_release_passes_the_guarantees_and_the_attacker_and_the_portal_reads_it(
    client: Client, demo_release: tuple[Release, Path]
) -> None:
    """One test for one demo build (the build is most of its time): the release itself, then its readers."""
    release, out = demo_release
    cells = [Cell(**{name: record[name] for name in (*CONTRACT_FIELDS, "kind")}) for record in release.cells]
    check_guarantees(cells, load_policy())
    statuses = Counter(record["status"] for record in release.cells)
    assert statuses["published"] > 100
    assert statuses["suppressed_primary"] > 0
    indicators = {record["indicator"] for record in release.cells}
    assert {"took_leave", "returned", "return_rate", "time_to_return_months", "pay_gap_mean"} <= indicators
    assert indicators <= PUBLIC
    assert assert_no_hidden_count_recoverable(release) > 0
    written = json.loads((out / "cells.json").read_text(encoding="utf-8"))
    assert len(written) == len(release.cells)
    assert sorted(json.loads((out / "metadata.json").read_text(encoding="utf-8"))["indicators"]) == sorted(indicators)
    _the_portal_and_gri_read_the_engines_cells(client, release)


def _the_portal_and_gri_read_the_engines_cells(client: Client, release: Release) -> None:
    figures = ReleaseFigures(release)
    page = client.get("/en/statistics/").content.decode()
    for key in ("regions", "time-to-return", "managerial"):
        assert f'data-chart="{key}"' in page, key
    # a small demo has too few women due back for a national rate (denominator < 20)
    rates_shown = figures.get("return_rate").shown or figures.get("retention_rate").shown
    assert ('data-chart="years"' in page) == rates_shown
    took = figures.get("took_leave", sex="F")
    assert took.shown
    # GRI 401-3 reads the engine's ids: the country's lines here (a small demo's bodies are all rolled up)
    lines = gri_401_3(figures, ALL)
    assert lines[1].figures == tuple(figures.get("took_leave", sex=sex) for sex in ("F", "M", ALL))
    assert lines[3].figures == tuple(figures.get("retained_12m", sex=sex) for sex in ("F", "M", ALL))
    assert lines[3].figures[2].state != "missing"


def test_serve_on_an_empty_database_publishes_a_demo_release(monkeypatch: pytest.MonkeyPatch) -> None:
    import django.core.management  # noqa: PLC0415

    import kopir.cli  # noqa: PLC0415

    real = django.core.management.call_command

    def small(name: str, *args: object, **options: object) -> None:
        if name == "demo":
            options = {"employees": 120, "seed": 3, "stdout": io.StringIO()}
        if name != "collectstatic":
            real(name, *args, **options)

    monkeypatch.setattr(django.core.management, "call_command", small)
    monkeypatch.setattr(kopir.cli, "_serve_with_queue", lambda host, port, workers: None)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    release = Release.objects.get()
    assert f"Queued the demo release of {release.year}" in result.output  # the test queue runs it at once
    assert "took_leave" in {record["indicator"] for record in release.cells}
