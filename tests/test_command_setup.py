"""Only ``kopir serve`` and ``kopir demo`` migrate; the other database commands stop on an unmigrated database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kopir.command_setup import NOT_MIGRATED

REPO = Path(__file__).resolve().parents[1]
KOPIR = str(Path(sys.executable).with_name("kopir"))


def _development(tmp_path: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "KOPIR_"))}
    return environment | {
        "DJANGO_SETTINGS_MODULE": "kopir.web.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "KOPIR_VAR_DIR": str(tmp_path / "var"),
    }


@pytest.mark.parametrize(
    "command",
    [["stats", "compute", "--year", "2025"], ["records", "export", "out"], ["audit", "verify"]],
    ids=lambda command: command[0],
)
def test_a_command_on_an_unmigrated_database_says_what_prepares_it(tmp_path: Path, command: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [KOPIR, *command], env=_development(tmp_path), capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr
    assert NOT_MIGRATED in " ".join(result.stderr.split())
    assert not (tmp_path / "out").exists()
