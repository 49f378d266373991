"""scripts/with-postgres: the suite's PostgreSQL is the one that answers, else a throwaway one of its own.

The closed port stands for a machine where no PostgreSQL runs; the machine's own servers are
never stopped for this.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.web.live import free_port

SCRIPT = REPO / "scripts" / "with-postgres"
REPORT = (
    "import json, os, psycopg; url = os.environ['DATABASE_URL']; "
    "row = psycopg.connect(url.replace('postgres://', 'postgresql://', 1)).execute('select 1 + 1').fetchone(); "
    "print(json.dumps({'url': url, 'answer': row[0]}))"
)


def _with_postgres(probe: str, *command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KOPIR_TEST_POSTGRES_URL": probe}
    return subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(SCRIPT), *command], env=env, capture_output=True, text=True, check=False, timeout=120
    )


def _closed(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_with_no_server_answering_a_throwaway_postgres_serves_the_command_then_goes() -> None:
    closed = free_port()
    done = _with_postgres(f"postgres://postgres@127.0.0.1:{closed}/kopir", sys.executable, "-c", REPORT)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["answer"] == 2
    port = int(report["url"].rsplit(":", 1)[1].split("/")[0])
    assert port != closed
    assert f"does not answer at 127.0.0.1:{closed}" in done.stdout
    directory = Path(
        next(line for line in done.stdout.splitlines() if "throwaway PostgreSQL on" in line).split(" in ")[1].split()[0]
    )
    assert _closed(port)  # stopped
    assert not directory.exists()  # and deleted


def test_the_command_s_status_is_the_script_s() -> None:
    closed = free_port()
    done = _with_postgres(f"postgres://postgres@127.0.0.1:{closed}/kopir", sys.executable, "-c", "raise SystemExit(7)")
    assert done.returncode == 7


def test_a_server_that_answers_is_used_as_it_is() -> None:
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        url = f"postgres://someone@127.0.0.1:{port}/elsewhere"
        done = _with_postgres(url, sys.executable, "-c", "import os; print(os.environ['DATABASE_URL'])")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"== PostgreSQL answers at 127.0.0.1:{port}: using it", url]
