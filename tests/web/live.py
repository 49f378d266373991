"""Real processes for the reliability tests: the application under gunicorn, signed-in HTTP clients.

The tests that need them start Kopir as it runs in production (gunicorn workers, a file or server
database) rather than through the test client, since locks and outages only show between processes.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO

PASSWORD = "a-long-test-password"  # noqa: S105 - a throwaway account in a throwaway database


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(**changes: str) -> dict[str, str]:
    """This process's environment without its Django settings, with `changes`."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "KOPIR_"))}
    return kept | {"PYTHONPATH": str(REPO / "src")} | changes


TEST_SECRET = "t" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz!@#$%"
"""A secret long enough for the production settings' checks; for private test servers only."""


def production_environment(*, database_url: str, redis_url: str, var_dir: Path, **changes: str) -> dict[str, str]:
    """The production settings on loopback over a private PostgreSQL and Redis, with test secrets."""
    return environment(
        DJANGO_SETTINGS_MODULE="kopir.web.settings.production",
        DJANGO_SECRET_KEY=TEST_SECRET,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        KOPIR_FIELD_KEY=TEST_SECRET,
        KOPIR_LINK_KEY=TEST_SECRET[::-1],
        KOPIR_VAR_DIR=str(var_dir),
        **changes,
    )


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(REPO / "manage.py"), *args], env=env, capture_output=True, text=True, check=False, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def in_one_process(env: dict[str, str], *commands: tuple[str, ...], then: str = "") -> None:
    """Management `commands`, then the Python statements `then`, in one Django process (each start of
    manage.py imports the whole site: several seconds on a loaded machine)."""
    calls = "".join(f"call_command(*{list(command)!r}); " for command in commands)
    manage(env, "shell", "-c", f"from django.core.management import call_command; {calls}{then}")


def migrated_with_user(env: dict[str, str], username: str, role: str) -> None:
    """Migrate the database and create one account, in one Django process."""
    user = f"User.objects.create_user(username={username!r}, password={PASSWORD!r}, role={role!r})"
    in_one_process(env, ("migrate", "--verbosity=0"), then=f"from kopir.accounts.models import User; {user}")


@contextmanager
def gunicorn(env: dict[str, str], log: Path, *, workers: int = 3, options: tuple[str, ...] = ()) -> Iterator[str]:
    """Kopir under gunicorn on a free loopback port (with gunicorn's `options`); yields its base URL, then stops it."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603 - our own application server
            [
                sys.executable,
                "-m",
                "gunicorn",
                "kopir.web.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                *options,
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base, server)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped"
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=10):  # noqa: S310 - loopback
                return
        except OSError:  # not listening yet, or still importing
            time.sleep(0.2)
    raise TimeoutError(base)


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]


class Browser:
    """One visitor over real HTTP with her own cookies (session and CSRF)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())

    def request(
        self, path: str, data: dict[str, str] | bytes | None = None, headers: dict[str, str] | None = None
    ) -> Answer:
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(f"{self.base}{path}", data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                return Answer(response.status, response.read().decode(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(), dict(error.headers))

    def sign_in(self, username: str) -> None:
        form = self.request("/en/accounts/login/")
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
        assert found, form.body[:500]
        answer = self.request(
            "/en/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": found.group(1)},
            {"Referer": f"{self.base}/en/accounts/login/"},
        )
        assert answer.status == 302, (answer.status, answer.body[:500])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


PG_BIN = max(
    Path("/usr/lib/postgresql").glob("*/bin"),
    key=lambda p: int(p.parent.name),
    default=Path("/usr/lib/postgresql/15/bin"),
)
"""Debian's PostgreSQL programs, of the newest version installed."""
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the system user postgres when we are root."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PrivatePostgres:
    """A PostgreSQL server of our own in a temporary directory, on a free port: ours to stop and start.

    The machine's shared server is never touched; this one exists so that a test can take the
    database away from a running application and give it back.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/kopir"

    def create(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"])
        self.start()
        self._run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "kopir"])

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        self._run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.directory / "log"),
                "-w",
                "start",
            ]
        )

    def stop(self, mode: str = "fast") -> None:
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def restart(self) -> None:
        """``pg_ctl restart -m fast``, as two steps so that the server keeps its log file."""
        self.stop("fast")
        self.start()

    def _run(self, command: list[str]) -> None:
        subprocess.run(_as_postgres(command), check=True, capture_output=True, cwd="/")  # noqa: S603


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    directory = Path(tempfile.mkdtemp(prefix="kopir-pg-"))
    server = PrivatePostgres(directory)
    try:
        server.create()
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):
            server.stop("immediate")
        shutil.rmtree(directory, ignore_errors=True)


class PrivateRedis:
    """A Redis of our own on a free port, without persistence: ours to stop and start."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return
            time.sleep(0.05)
        raise TimeoutError(self.url)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    directory = Path(tempfile.mkdtemp(prefix="kopir-redis-"))
    server = PrivateRedis(directory)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)
