"""Production is not the demo: the production settings refuse demo data, and a first start creates no account.

The production settings run in subprocesses (as in tests/web/test_settings.py), the first start
on a fresh PostgreSQL database through the real ``kopir serve`` (gunicorn and the queue consumer).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from click.testing import CliRunner
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings

from kopir.accounts.models import Role, User
from kopir.cases.demo import DemoDataRefused, build_demo
from kopir.cli import main
from tests.conftest import REPO
from tests.web.test_settings import SECRET

KOPIR = str(Path(sys.executable).with_name("kopir"))
POSTGRES = os.environ.get("KOPIR_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REFUSAL = "These settings refuse demo data"
STRONG = "Shanyraq-over-the-steppe-7"
START_SECONDS = 120


def _production(tmp_path: Path, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "KOPIR_"))}
    return environment | {
        "DJANGO_SETTINGS_MODULE": "kopir.web.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "kopir.example.kz",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "KOPIR_FIELD_KEY": SECRET,
        "KOPIR_LINK_KEY": SECRET[::-1],
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "KOPIR_VAR_DIR": str(tmp_path / "var"),
        **extra,
    }


def _run(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=environment, capture_output=True, text=True, check=False, cwd=REPO, timeout=300)  # noqa: S603


def test_kopir_demo_is_refused_in_production_even_when_asked_for(tmp_path: Path) -> None:
    result = _run([KOPIR, "demo", "--employees", "5"], _production(tmp_path, KOPIR_DEMO_DATA="true"))
    assert result.returncode == 2, result.stderr
    assert REFUSAL in result.stderr
    assert "kopir createadmin" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "db.sqlite3").exists() or (tmp_path / "db.sqlite3").stat().st_size == 0


def test_manage_py_demo_is_refused_in_production(tmp_path: Path) -> None:
    result = _run([sys.executable, "manage.py", "demo", "--employees", "5"], _production(tmp_path, KOPIR_DEMO_DATA="1"))
    assert result.returncode == 2
    assert REFUSAL in result.stderr


PROBE = "import django; django.setup(); from django.conf import settings as s; "
PROBE += "print(s.KOPIR_DEMO_DATA, s.KOPIR_SECOND_FACTOR_REQUIRED)"


def test_production_overrides_the_flags_development_keeps_the_demo(tmp_path: Path) -> None:
    asked = {"KOPIR_DEMO_DATA": "true", "KOPIR_SECOND_FACTOR_REQUIRED": "false"}
    production = _run([sys.executable, "-c", PROBE], _production(tmp_path, **asked))
    assert production.stdout.split() == ["False", "True"], production.stderr
    development = _run(
        [sys.executable, "-c", PROBE],
        {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "KOPIR_"))}
        | {"DJANGO_SETTINGS_MODULE": "kopir.web.settings.dev", "KOPIR_VAR_DIR": str(tmp_path)},
    )
    assert development.stdout.split() == ["True", "False"], development.stderr


@pytest.mark.django_db
def test_the_demo_builder_and_command_refuse_without_the_flag() -> None:
    with override_settings(KOPIR_DEMO_DATA=False):
        with pytest.raises(DemoDataRefused):
            build_demo(employees=5)
        with pytest.raises(CommandError) as refused:
            call_command("demo", employees=5)
    assert refused.value.returncode == 2
    assert not User.objects.exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    name = f"kopir_first_start_{os.getpid()}"
    parts = urlsplit(POSTGRES)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _serve_until_up(environment: dict[str, str], port: int) -> str:
    """`kopir serve` until it says it serves, then stopped; what it printed."""
    lines: list[str] = []
    deadline = time.monotonic() + START_SECONDS
    with subprocess.Popen(  # noqa: S603 - our own command
        [KOPIR, "serve", "--port", str(port), "--workers", "1"],
        env=environment,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as server:
        try:
            assert server.stdout is not None
            while time.monotonic() < deadline:
                line = server.stdout.readline()
                if not line:
                    break
                lines.append(line)
                if "Kopir is serving" in line:
                    break
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return "".join(lines)


def test_a_production_first_start_on_empty_postgresql_creates_no_account(tmp_path: Path, empty_postgres: str) -> None:
    output = _serve_until_up(_production(tmp_path, DATABASE_URL=empty_postgres, KOPIR_DEMO_DATA="true"), _free_port())
    assert "Kopir is serving" in output, output
    assert "these settings load no demo data" in output
    assert "kopir createadmin" in output
    with psycopg.connect(empty_postgres) as connection:
        users = connection.execute("SELECT count(*) FROM accounts_user").fetchone()
        bodies = connection.execute("SELECT count(*) FROM organisation_statebody").fetchone()
    assert users == (0,)
    assert bodies == (0,)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "This password is too short: it must have at least 12 characters."),
        ("kk", "Бұл құпиясөз тым қысқа. Онда кемінде 12 таңба болуы керек."),
        ("ru", "Введённый пароль слишком короткий: он должен содержать не менее 12 символов."),
    ],
)
def test_createadmin_refuses_a_weak_password(lang: str, message: str) -> None:
    arguments = ["createadmin", "--username", "root", "--lang", lang]
    result = CliRunner().invoke(main, arguments, input="kopir-demo\nkopir-demo\n")
    assert result.exit_code == 2
    assert message in result.output
    assert not User.objects.filter(username="root").exists()


@pytest.mark.django_db
def test_createadmin_makes_an_administrator_who_must_enrol_at_first_sign_in() -> None:
    result = CliRunner().invoke(main, ["createadmin", "--username", "root"], input=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    admin = User.objects.get(username="root")
    assert (admin.role, admin.is_staff, admin.is_superuser) == (Role.ADMINISTRATOR, True, True)
    client = Client()
    assert client.post("/en/accounts/login/", {"username": "root", "password": STRONG}).status_code == 302
    assert "/accounts/second-factor/enrol/?next=%2Fadmin%2F" in client.get("/admin/")["Location"]


DEMO_SIGN_IN = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
home = {"employee": "/en/me/", "analyst": "/en/analysis/indicators/"}
for name in ("hr", "head", "admin", "employee", "analyst"):
    client.logout()
    signed_in = client.post("/en/accounts/login/", {"username": name, "password": "kopir-demo"}).status_code
    page = client.get(home.get(name, "/en/hr/"))
    print(name, signed_in, page.status_code)
"""


def test_development_still_loads_the_demo_and_its_accounts_sign_in(tmp_path: Path) -> None:
    development = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "KOPIR_"))}
    development |= {"DJANGO_SETTINGS_MODULE": "kopir.web.settings.dev", "KOPIR_VAR_DIR": str(tmp_path)}
    built = _run([KOPIR, "demo", "--employees", "40"], development)
    assert built.returncode == 0, built.stderr
    assert "password 'kopir-demo'" in built.stdout
    signed_in = _run([sys.executable, "-c", DEMO_SIGN_IN], development)
    assert signed_in.stdout.split("\n")[:5] == [
        f"{name} 302 200" for name in ("hr", "head", "admin", "employee", "analyst")
    ], signed_in.stderr
