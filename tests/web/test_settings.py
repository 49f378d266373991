"""Settings from the environment: the production settings refuse unsafe values and pass check --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from kopir.rules.law import LANGUAGES
from tests.conftest import REPO

SECRET = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz!@#$%"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(REPO / "manage.py"), *args],
        env=environment | env,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def test_production_passes_check_deploy(tmp_path: Path) -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="kopir.web.settings.production",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="kopir.example.kz",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        KOPIR_FIELD_KEY=SECRET,
        KOPIR_LINK_KEY=SECRET[::-1],
        REDIS_URL="redis://127.0.0.1:6379/15",
        KOPIR_VAR_DIR=str(tmp_path / "var"),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="kopir.web.settings.production",
        DJANGO_ALLOWED_HOSTS="kopir.example.kz",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_the_development_key(tmp_path: Path) -> None:
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="kopir.web.settings.production",
        DJANGO_SECRET_KEY="kopir-local-development-only-not-secret",  # noqa: S106 - the known, refused key
        DJANGO_ALLOWED_HOSTS="kopir.example.kz",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_the_web_speaks_the_languages_of_the_rules() -> None:
    assert tuple(code for code, _ in settings.LANGUAGES) == LANGUAGES


def test_production_refuses_to_start_without_the_iin_keys(tmp_path: Path) -> None:
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="kopir.web.settings.production",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="kopir.example.kz",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode != 0
    assert "KOPIR_FIELD_KEY" in result.stderr


QUEUE_PROBE = """
import django
django.setup()
from huey.contrib.djhuey import HUEY
from kopir.cases.tasks import reminders_now
HUEY.flush()
reminders_now()
task = HUEY.dequeue()
print(type(HUEY).__name__, task.name)
HUEY.flush()
"""


def test_with_redis_url_the_jobs_go_through_redis(tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 - our own probe
        [sys.executable, "-c", QUEUE_PROBE],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        env={k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
        | {
            "DJANGO_SETTINGS_MODULE": "kopir.web.settings.dev",
            "REDIS_URL": "redis://127.0.0.1:6379/15",
            "KOPIR_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["RedisHuey", "reminders_now"]


def test_a_mistyped_trusted_proxy_stops_the_start(tmp_path: Path) -> None:
    """Read on every request, a bad network would make each one a 500: the start refuses it instead."""
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="kopir.web.settings.dev",
        KOPIR_TRUSTED_PROXIES="10.0.0.0/8,10.0.0.300",
        KOPIR_VAR_DIR=str(tmp_path / "var"),
    )
    assert result.returncode != 0
    assert "KOPIR_TRUSTED_PROXIES: '10.0.0.300'" in result.stderr
