"""EMAIL_URL: development shows mail on the console; production sends only through a real SMTP server,
or, without EMAIL_URL, queues no mail at all (decision 0021)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kopir.accounts.models import Role
from kopir.cases.services.reminders import reminders_sweep
from kopir.notifications.models import SentMail
from kopir.notifications.tasks import mail_run
from tests.cases.builders import make_body, make_employee
from tests.conftest import REPO
from tests.notifications.conftest import birth_episode, person
from tests.web.test_settings import SECRET

PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND.rsplit('.', 2)[-2], s.KOPIR_MAIL_ENABLED, s.EMAIL_HOST, s.EMAIL_PORT, s.KOPIR_SITE_URL)"
)


def _probe(module: str, tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "KOPIR_"))}
    environment.pop("EMAIL_URL", None)
    environment.pop("DEFAULT_FROM_EMAIL", None)
    production = {
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "kopir.example.kz",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "KOPIR_FIELD_KEY": SECRET,
        "KOPIR_LINK_KEY": SECRET[::-1],
        "REDIS_URL": "redis://127.0.0.1:6379/15",
    }
    return subprocess.run(  # noqa: S603 - our own settings
        [sys.executable, "-c", PROBE],
        env=environment
        | (production if module == "production" else {})
        | {"DJANGO_SETTINGS_MODULE": f"kopir.web.settings.{module}", "KOPIR_VAR_DIR": str(tmp_path)}
        | extra,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def test_development_shows_mail_on_the_console(tmp_path: Path) -> None:
    result = _probe("dev", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["console", "True"]


def test_email_url_names_the_smtp_server(tmp_path: Path) -> None:
    result = _probe("dev", tmp_path, EMAIL_URL="smtp+tls://kopir:secret@mail.gov.kz:587")
    assert result.stdout.split()[:4] == ["smtp", "True", "mail.gov.kz", "587"], result.stderr


def test_production_without_email_url_starts_and_sends_nothing(tmp_path: Path) -> None:
    result = _probe("production", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["dummy", "False", "localhost", "25", "https://kopir.example.kz"]


def test_production_refuses_a_console_or_file_backend(tmp_path: Path) -> None:
    result = _probe("production", tmp_path, EMAIL_URL="consolemail://", DEFAULT_FROM_EMAIL="kopir@gov.kz")
    assert result.returncode != 0
    assert "EMAIL_URL must name an SMTP server" in result.stderr


def test_production_with_smtp_needs_a_sender_address(tmp_path: Path) -> None:
    refused = _probe("production", tmp_path, EMAIL_URL="smtp://mail.gov.kz:25")
    assert refused.returncode != 0
    assert "DEFAULT_FROM_EMAIL" in refused.stderr
    started = _probe("production", tmp_path, EMAIL_URL="smtp://mail.gov.kz:25", DEFAULT_FROM_EMAIL="kopir@gov.kz")
    assert started.stdout.split()[:4] == ["smtp", "True", "mail.gov.kz", "25"], started.stderr


@pytest.mark.django_db
def test_the_console_backend_prints_the_whole_message(
    settings: Any, capsys: pytest.CaptureFixture[str], django_capture_on_commit_callbacks: Any
) -> None:
    """What a developer sees without EMAIL_URL: the message, text and HTML, on the console."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    body = make_body("CONS")
    hr = person(Role.HR_OFFICER, body, email="hr@example.kz", language="en")
    episode = birth_episode(make_employee(body))
    reminders_sweep(today=date(2025, 9, 4))
    with django_capture_on_commit_callbacks(execute=True):
        mail_run(today=date(2025, 9, 4))
    printed = capsys.readouterr().out
    assert "To: hr@example.kz" in printed
    assert "Subject: Kopir: Leave ended and no return is recorded" in printed
    assert f"/en/hr/episodes/{episode.pk}/" in printed
    assert SentMail.objects.get(recipient=hr).status == "sent"
