"""A cold ``kopir calc`` loads only what a calculation needs (issue 14, decision 0017).

Every command used to import the microsimulation, the statistics, Django's neighbours and every
country's holiday calendars before reading its arguments. The command groups are now imported
when run, and the holidays come from a table built ahead, so a calculation starts in a fraction of
the time. Checked in a real process with ``-X importtime``, which names every module imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from kopir.cli import main
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "contract-example.json"
NOT_FOR_A_CALCULATION = (
    "django",
    "numpy",
    "holidays",
    "jsonschema",
    "kopir.microsim",
    "kopir.statistics",
    "kopir.exchange",
    "kopir.publication",
    "kopir.web",
    "kopir.cases",
)


def _imported_by(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    result = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-X", "importtime", "-m", "kopir.cli", *args], capture_output=True, text=True, check=False
    )
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    return result, modules


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules for prefix in NOT_FOR_A_CALCULATION if m == prefix or m.startswith(f"{prefix}.")}


def test_a_cold_calc_imports_neither_django_nor_the_microsimulation_nor_every_calendar() -> None:
    result, modules = _imported_by("calc", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total_net"] > 0
    assert "kopir.rules" in modules  # the check sees the imports at all
    assert _heavy(modules) == set()


def test_a_refused_request_imports_jsonschema_only_to_word_the_errors() -> None:
    bad = REPO / "examples" / "contract-example.json"
    document = json.loads(bad.read_text(encoding="utf-8"))
    document["claimant"]["employment"] = "pirate"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kopir.cli", "calc", "--lang", "ru"],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "claimant.employment" in result.stderr
    assert "jsonschema" in {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


def test_the_other_command_groups_are_still_there_when_asked_for() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["--help"])
    assert listing.exit_code == 0
    for name in ("calc", "records", "simulate", "stats", "serve", "demo", "createadmin"):
        assert f"  {name} " in listing.output
    stats = runner.invoke(main, ["stats", "--help"])
    assert stats.exit_code == 0
    assert "release" in stats.output
    assert "compute" in stats.output
    assert runner.invoke(main, ["simulate", "--help"]).exit_code == 0
    assert runner.invoke(main, ["records", "--help"]).exit_code == 0
