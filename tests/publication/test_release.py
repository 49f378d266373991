"""Publishing a release from hand-built exact cells: protected, checked, frozen, written to the contract."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from kopir.cli import main
from kopir.disclosure import BodyNode, load_policy
from kopir.disclosure.checks import check_guarantees
from kopir.publication.models import Release
from kopir.publication.records import CONTRACT_FIELDS
from kopir.publication.services import publish_release, write_release
from kopir.statistics.cells import Cell
from kopir.statistics.methodology import BY_ID, METHODOLOGY_VERSION
from tests.publication.attacker import assert_no_hidden_count_recoverable
from tests.publication.conftest import YEAR
from tests.publication.sample import exact_cells

pytestmark = pytest.mark.django_db


def test_a_release_records_its_policy_and_meets_the_guarantees(release: Release) -> None:
    policy = load_policy()
    assert (release.policy_name, release.policy_version) == ("sdc", 1)
    assert release.policy_settings["primary_threshold"] == 5
    assert release.policy_settings["rate_min_denominator"] == 20
    statuses = {record["status"] for record in release.cells}
    assert {"published", "suppressed_primary", "suppressed_secondary"} <= statuses
    for record in release.cells:
        value = record["value"]
        if record["kind"] == "count" and value is not None:
            assert not 0 < value < policy.primary_threshold
        if record["kind"] == "rate" and value is not None:
            assert record["denominator"] >= policy.rate_min_denominator
    assert (
        release.indicators["return_rate"]["definition"]["ru"] != release.indicators["return_rate"]["definition"]["en"]
    )


def test_small_bodies_are_rolled_up_before_protection(bodies: dict[str, BodyNode]) -> None:
    cells = exact_cells(YEAR, {code: node.region for code, node in bodies.items()})
    frames = {cell.body: cell.value for cell in cells if cell.indicator == "took_leave" and cell.sex == "all"
              and cell.region != "all" and cell.body != "all"}  # fmt: skip
    small = {body for body, frame in frames.items() if frame < 10}
    assert small, "the sample must have small bodies"
    release = publish_release(cells, year=YEAR, cut_off=date(2026, 1, 1), policy=load_policy(), bodies=bodies)
    published_bodies = {record["body"] for record in release.cells}
    assert not small & published_bodies
    assert "other" in published_bodies


def test_a_release_never_changes(release: Release) -> None:
    release.methodology_version = "changed"
    with pytest.raises(PermissionError):
        release.save()
    with pytest.raises(PermissionError):
        release.delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE publication_release SET methodology_version = 'changed'")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM publication_release")
    assert Release.objects.get(pk=release.pk).methodology_version == METHODOLOGY_VERSION


def test_a_correction_names_the_release_it_replaces(release: Release) -> None:
    cells = [Cell("took_leave", "2025", value=120)]
    correction = publish_release(
        cells, year=YEAR, cut_off=date(2026, 4, 1), policy=load_policy(), bodies=None, replaces=release
    )
    assert correction.replaces == release
    assert list(release.replaced_by.all()) == [correction]


def test_only_the_years_cells_are_published() -> None:
    cells = [Cell("took_leave", "2024", value=50), Cell("took_leave", "2025", value=60)]
    release = publish_release(cells, year=2025, cut_off=date(2026, 1, 1), policy=load_policy(), bodies=None)
    assert [record["period"] for record in release.cells] == ["2025"]


def test_the_files_are_those_of_the_contract(release: Release, tmp_path: Path) -> None:
    write_release(release, tmp_path)
    rows = list(csv.DictReader((tmp_path / "cells.csv").read_text(encoding="utf-8").splitlines()))
    assert tuple(rows[0]) == CONTRACT_FIELDS
    cells = json.loads((tmp_path / "cells.json").read_text(encoding="utf-8"))
    assert len(cells) == len(rows) == len(release.cells)
    assert all(tuple(cell) == CONTRACT_FIELDS for cell in cells)
    suppressed = [row for row in rows if row["status"].startswith("suppressed")]
    assert suppressed
    assert all(row["value"] == "" for row in suppressed)
    rate = next(cell for cell in cells if cell["indicator"] == "return_rate" and cell["value"] is not None)
    assert isinstance(rate["value"], float | int)
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["release"] == release.pk
    assert meta["cut_off"] == "2026-03-01"
    assert meta["policy"]["name"] == "sdc"
    assert meta["policy"]["primary_threshold"] == 5
    assert meta["methodology_version"] == METHODOLOGY_VERSION == "2026.1"
    assert set(meta["indicators"]["took_leave"]["definition"]) == {"kk", "ru", "en"}


def test_the_command_publishes_hand_built_cells(tmp_path: Path) -> None:
    cells = [
        {"indicator": "took_leave", "period": "2025", "sex": "F", "value": 3},
        {"indicator": "took_leave", "period": "2025", "sex": "M", "value": 40},
        {"indicator": "took_leave", "period": "2025", "sex": "all", "value": 43},
    ]
    source = tmp_path / "cells.json"
    source.write_text(json.dumps(cells), encoding="utf-8")
    out = tmp_path / "release"
    result = CliRunner().invoke(main, ["stats", "release", "--year", "2025", "--out", str(out), "--cells", str(source)])
    assert result.exit_code == 0, result.output
    written = json.loads((out / "cells.json").read_text(encoding="utf-8"))
    assert [(cell["sex"], cell["value"], cell["status"]) for cell in written] == [
        ("F", None, "suppressed_primary"),
        ("M", None, "suppressed_secondary"),
        ("all", 43, "published"),
    ]


def test_the_command_publishes_the_engines_cells_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kopir.publication import selection  # noqa: PLC0415

    asked: list[int] = []

    def engine_cells(year: int) -> list[Cell]:
        asked.append(year)
        return hand_built(year)

    monkeypatch.setattr(selection, "release_cells", engine_cells)
    result = CliRunner().invoke(main, ["stats", "release", "--year", "2025", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert asked == [2025]
    written = json.loads((tmp_path / "cells.json").read_text(encoding="utf-8"))
    assert [(cell["sex"], cell["value"]) for cell in written] == [("F", 30), ("M", 6), ("all", 36)]


def test_a_job_names_a_missing_provider() -> None:
    from kopir.publication.tasks import load_provider  # noqa: PLC0415

    with pytest.raises(LookupError, match=re.escape("no cells provider 'kopir.nowhere:cells'")):
        load_provider("kopir.nowhere:cells")


def test_the_guarantee_check_stops_a_small_count() -> None:
    from kopir.disclosure.checks import GuaranteeBroken  # noqa: PLC0415

    with pytest.raises(GuaranteeBroken):
        check_guarantees([Cell("x", "2025", value=3, status="published")], load_policy())


def test_the_demo_release_rolls_small_bodies_into_their_parent_from_the_database() -> None:
    from kopir.publication.demo import publish_demo_release  # noqa: PLC0415
    from tests.cases.builders import make_body  # noqa: PLC0415

    ministry = make_body("MIN")
    make_body("MIN-DEP", parent=ministry)
    asked: list[int] = []

    def provider(year: int) -> list[Cell]:
        asked.append(year)
        region = {"region": "KZ-71"}
        return [
            Cell("took_leave", str(year), body="MIN", value=30, **region),
            Cell("took_leave", str(year), body="MIN-DEP", value=4, **region),
            Cell("took_leave", str(year), body="all", value=34, **region),
        ]

    release = publish_demo_release(provider, today=date(2026, 2, 1))
    assert asked == [2025]
    assert release.year == 2025
    assert [(record["body"], record["value"]) for record in release.cells] == [("MIN", 34), ("all", 34)]


def test_no_hidden_count_of_a_whole_release_can_be_recovered(release: Release) -> None:
    """The independent attacker of the property tests, on every count table of a published release."""
    assert len({record["indicator"] for record in release.cells if record["kind"] == "count"}) >= 5
    assert assert_no_hidden_count_recoverable(release) > 50


def hand_built(year: int) -> list[Cell]:
    """A cells provider for the job test (named by its dotted path)."""
    return [Cell("took_leave", str(year), sex=sex, value=value) for sex, value in (("F", 30), ("M", 6), ("all", 36))]


def test_the_background_job_publishes_from_a_named_provider() -> None:
    from kopir.publication.tasks import publish_release_job  # noqa: PLC0415

    release_id = publish_release_job(2025, provider="tests.publication.test_release:hand_built")()
    release = Release.objects.get(pk=release_id)
    assert [(record["sex"], record["value"]) for record in release.cells] == [("F", 30), ("M", 6), ("all", 36)]


def test_a_withheld_table_is_named_in_the_metadata(tmp_path: Path) -> None:
    # four women due back in four regions give each other away: the table is withheld, and said so
    regions = ("KZ-11", "KZ-15", "KZ-19", "KZ-23")
    cells = [Cell("due_to_return", str(YEAR), sex="F", region=region, value=1) for region in regions]
    cells += [Cell("due_to_return", str(YEAR), sex="F", value=4), Cell("took_leave", str(YEAR), sex="F", value=40)]
    release = publish_release(cells, year=YEAR, cut_off=date(YEAR + 1, 1, 31), policy=load_policy(), bodies=None)
    write_release(release, tmp_path)
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["protection"] == {"coarsened": [], "withheld": [f"due_to_return@{YEAR}"]}


def test_a_releases_definitions_are_the_methodologys(release: Release) -> None:
    for indicator, meaning in release.indicators.items():
        for lang in ("kk", "ru", "en"):
            with translation.override(lang):
                assert meaning["definition"][lang] == str(BY_ID[indicator].definition), (indicator, lang)


def test_kopir_serve_queues_the_demo_release_of_the_last_full_year() -> None:
    """`kopir serve` queues it rather than making the first page wait (the queue runs it at once in tests)."""
    from kopir.publication.demo import queue_demo_release  # noqa: PLC0415
    from tests.cases.builders import make_body  # noqa: PLC0415

    make_body("MIN")
    assert not Release.objects.exists()
    assert queue_demo_release(today=date(2026, 2, 1)) == 2025
    assert list(Release.objects.values_list("year", flat=True)) == [2025]


@pytest.mark.django_db(transaction=True)
def test_the_protection_runs_outside_a_transaction(
    monkeypatch: pytest.MonkeyPatch, bodies: dict[str, BodyNode]
) -> None:
    """The audit takes a minute at the demo's size: on SQLite a transaction would hold the write lock through it."""
    from kopir.publication import services  # noqa: PLC0415 - the module whose `protect` is watched

    seen: list[bool] = []
    real = services.protect

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "protect", watched)
    cells = exact_cells(YEAR, {code: node.region for code, node in bodies.items()})
    release = publish_release(cells, year=YEAR, cut_off=date(2026, 3, 1), policy=load_policy(), bodies=bodies)
    assert seen == [False]
    assert Release.objects.filter(pk=release.pk).exists()
