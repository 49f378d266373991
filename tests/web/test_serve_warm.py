"""`kopir serve`'s gunicorn settings: the site is loaded and its first pages rendered before any worker exists.

Each worker used to import the whole site on its first request, which outlasted gunicorn's worker
timeout on a loaded machine: the first visitors got a 500 (issue 15).
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.web.live import Browser, environment, gunicorn, manage

WARM = "--config=python:kopir.web.gunicorn_warmup"


def _log_with_workers_booted(log: Path, workers: int, seconds: float = 30) -> list[str]:
    """The log once every worker has said it booted (the first may answer before the second is forked)."""
    deadline = time.monotonic() + seconds
    while True:
        lines = log.read_text().splitlines()
        if sum("Booting worker" in line for line in lines) >= workers or time.monotonic() > deadline:
            return lines
        time.sleep(0.1)


def test_the_first_pages_are_rendered_in_the_master_before_the_workers_are_forked(tmp_path: Path) -> None:
    env = environment(
        DJANGO_SETTINGS_MODULE="kopir.web.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'kopir.sqlite3'}",
        KOPIR_VAR_DIR=str(tmp_path / "var"),
    )
    manage(env, "migrate", "--verbosity=0")
    log = tmp_path / "gunicorn.log"
    with gunicorn(env, log, workers=2, options=(WARM,)) as base:
        browser = Browser(base)
        statuses = [browser.request(page).status for page in ("/kk/", "/ru/", "/en/", "/kk/", "/ru/", "/en/")]
        lines = _log_with_workers_booted(log, 2)

    assert statuses == [200] * 6
    warmed = next(i for i, line in enumerate(lines) if "Warmed up before serving" in line)
    assert lines[warmed].endswith("/kk/ 200 OK, /ru/ 200 OK, /en/ 200 OK")
    booted = [i for i, line in enumerate(lines) if "Booting worker" in line]
    assert len(booted) == 2
    assert warmed < min(booted)
