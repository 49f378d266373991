"""The embedded SQLite under several clients at once: no 500 and no "database is locked".

Every request runs in a transaction (ATOMIC_REQUESTS) and the exact-indicators page writes an
access-log row on each look, so six visitors on three gunicorn workers write to one file at once,
which is how the fuzzing run met 28 "database is locked" errors before WAL, IMMEDIATE and the busy
timeout (decision 0016).
"""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.web.live import Browser, environment, gunicorn, migrated_with_user

VISITORS = 6
LOOKS = 8


def test_six_visitors_write_at_once_without_a_lock_error(tmp_path: Path) -> None:
    database = tmp_path / "kopir.sqlite3"
    env = environment(
        DJANGO_SETTINGS_MODULE="kopir.web.settings.base",
        DATABASE_URL=f"sqlite:///{database}",
        KOPIR_VAR_DIR=str(tmp_path / "var"),
        KOPIR_SQLITE_BUSY_SECONDS="30",
    )
    migrated_with_user(env, "analyst", "analyst")
    log = tmp_path / "gunicorn.log"

    def visit(base: str) -> list[int]:
        browser = Browser(base)
        browser.sign_in("analyst")
        return [browser.request("/en/analysis/indicators/?year=2025").status for _ in range(LOOKS)]

    # --preload: the site is imported once, before the fork, as `kopir serve` does (decision 0027); each worker
    # still opens its own connection to the file on its first request, so the writers are three processes
    with gunicorn(env, log, options=("--preload",)) as base, ThreadPoolExecutor(VISITORS) as pool:
        statuses = [status for visitor in pool.map(visit, [base] * VISITORS) for status in visitor]

    assert statuses == [200] * VISITORS * LOOKS
    assert "database is locked" not in log.read_text()
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        looks = db.execute("SELECT count(*) FROM accounts_accesslog WHERE action = 'read'").fetchone()[0]
    assert looks == VISITORS * LOOKS  # every acknowledged look was written
