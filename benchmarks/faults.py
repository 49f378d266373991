"""Faults on purpose: PostgreSQL restarted under writes, the queue's worker killed mid-run, and steady load.

Prints figures; never passes or fails. Run: ``.venv/bin/python benchmarks/faults.py``
(options: ``--rate 200 --seconds 60 --only restart|worker|load``); about four minutes.

It starts everything it needs on 127.0.0.1 and stops it afterwards: a PostgreSQL and a Redis of
its own in temporary directories (the machine's shared servers are not touched), Kopir migrated
into them and served by gunicorn (2 workers) with the production settings and throwaway secrets
(``DJANGO_SECURE_SSL_REDIRECT=false`` and ``X-Forwarded-Proto: https`` from the client stand in
for the TLS proxy), and huey's consumer kept alive as ``kopir serve`` keeps it
(`kopir.jobs.supervision`). Traffic goes to loopback only.

1. **PostgreSQL restarted during a stream of writes**: two signed-in analysts look at the exact
   indicators again and again (each look writes an access-log row in the request's transaction)
   while ``pg_ctl restart -m fast`` runs; it counts the acknowledged looks (200) against the rows
   in the database afterwards, the answers other than 200 while it was away, and how long after the
   restart began the service answered again.
2. **The queue's worker killed mid-run**: an analyst costs a reform on 1,000,000 persons (queued);
   once it runs, the consumer gets ``kill -9``; the supervisor starts a new one, whose sweeper
   takes the run up when its lease (60 s by default) has expired; it prints how long after the kill
   the run was done (or failed) and its attempts.
3. **Load**: ``POST /api/v1/calculations`` at a fixed rate (open loop: latency counts from when each
   request was due, so a stall is not hidden) for the given seconds; errors and p50/p95/p99.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from statistics import quantiles
from typing import Any

import psycopg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the private servers and gunicorn helpers of tests/web/live.py

from kopir.jobs.supervision import Supervised  # noqa: E402
from tests.web.live import (  # noqa: E402
    PASSWORD,
    PrivatePostgres,
    PrivateRedis,
    gunicorn,
    in_one_process,
    private_postgres,
    private_redis,
    production_environment,
)

EXAMPLE = (REPO / "examples" / "contract-example.json").read_bytes()
WRITERS = 2


@dataclass
class Stack:
    base: str
    env: dict[str, str]
    database: PrivatePostgres
    redis: PrivateRedis
    consumer: Supervised

    def query(self, sql: str, *params: Any) -> Any:
        with psycopg.connect(self.database.url.replace("postgres://", "postgresql://"), connect_timeout=5) as db:
            return db.execute(sql, params).fetchone()


class Visitor:
    """One visitor over plain HTTP with her own cookies, behind a pretend TLS proxy."""

    def __init__(self, base: str) -> None:
        self.host, port = base.removeprefix("http://").split(":")
        self.port = int(port)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str, dict[str, str]]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        sent = {"X-Forwarded-Proto": "https", "Host": self.host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, text, dict(response.headers)
        finally:
            connection.close()

    def form(self, path: str, fields: dict[str, str]) -> tuple[int, str, dict[str, str]]:
        _, page, _ = self.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise SystemExit(f"no form at {path}: {page[:300]}")
        body = "&".join(f"{k}={v}" for k, v in (fields | {"csrfmiddlewaretoken": token.group(1)}).items())
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"https://{self.host}{path}"}
        return self.request("POST", path, body.encode(), headers)

    def sign_in(self, username: str) -> None:
        status, _, _ = self.form("/en/accounts/login/", {"username": username, "password": PASSWORD})
        if status != 302:
            raise SystemExit(f"{username} could not sign in: {status}")


@contextmanager
def kopir_stack(directory: Path) -> Iterator[Stack]:
    with private_postgres() as database, private_redis() as redis:
        env = production_environment(
            database_url=database.url,
            redis_url=redis.url,
            var_dir=directory / "var",
            KOPIR_API_RATE="1000000/m",
        )
        print("migrating a private PostgreSQL, collecting static files ...", flush=True)
        users = "; ".join(
            f"User.objects.create_user(username='analyst{n}', password={PASSWORD!r}, role='analyst')"
            for n in range(WRITERS + 1)
        )
        in_one_process(
            env,
            ("migrate", "--verbosity=0"),
            ("collectstatic", "--noinput", "--verbosity=0"),
            then=f"from kopir.accounts.models import User; {users}",
        )
        consumer = Supervised(
            [sys.executable, str(REPO / "manage.py"), "run_huey", "--quiet"], name="the job-queue consumer", env=env
        )
        consumer.start()
        try:
            with gunicorn(env, directory / "gunicorn.log", workers=2) as base:
                yield Stack(base, env, database, redis, consumer)
        finally:
            consumer.stop()


@dataclass
class Timeline:
    answers: list[tuple[float, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int) -> None:
        with self.lock:
            self.answers.append((time.monotonic(), status))


def writes_across_a_restart(stack: Stack) -> None:
    print("\n1. PostgreSQL restarted during a stream of writes", flush=True)
    timeline, stop = Timeline(), threading.Event()

    def write(username: str) -> None:
        visitor = Visitor(stack.base)
        visitor.sign_in(username)
        while not stop.is_set():
            try:
                status = visitor.request("GET", "/en/analysis/indicators/?year=2025")[0]
            except OSError:
                status = 0  # no answer at all
            timeline.add(status)

    writers = [threading.Thread(target=write, args=(f"analyst{n}",)) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    time.sleep(3)
    began = time.monotonic()
    stack.database.restart()
    restarted = time.monotonic()
    time.sleep(6)
    stop.set()
    for writer in writers:
        writer.join()
    during = [(t, s) for t, s in timeline.answers if t >= began]
    failures = [(t, s) for t, s in during if s != 200]
    back = next((t for t, s in during if s == 200 and (not failures or t > failures[-1][0])), None)
    acknowledged = sum(1 for _, s in timeline.answers if s == 200)
    rows = stack.query(
        "SELECT count(*) FROM accounts_accesslog l JOIN accounts_user u ON u.id = l.actor_id "
        "WHERE l.action = 'read' AND u.username LIKE 'analyst%%'"
    )[0]
    print(f"   pg_ctl restart took {restarted - began:.2f} s")
    print(f"   acknowledged writes: {acknowledged}; rows in the database: {rows}; lost: {max(0, acknowledged - rows)}")
    print(f"   answers other than 200 meanwhile: {dict(Counter(s for _, s in failures)) or 'none'}")
    print(f"   served again {back - began:.2f} s after the restart began" if back else "   NOT served again")


def worker_killed_mid_run(stack: Stack) -> None:
    print("\n2. The queue's worker killed mid-run (1,000,000 persons)", flush=True)
    analyst = Visitor(stack.base)
    analyst.sign_in(f"analyst{WRITERS}")
    status, _, headers = analyst.form("/en/policy/", {"reform": "nursery-subsidy", "size": "1000000", "seed": "0"})
    if status != 302:
        raise SystemExit(f"the costing was refused: {status}")
    run_id = int(headers["Location"].rstrip("/").split("/")[-1])

    def state() -> tuple[str, int]:
        status, attempts = stack.query("SELECT status, attempts FROM policy_simulationrun WHERE id = %s", run_id)
        return str(status), int(attempts)

    while state()[0] != "running":
        stack.consumer.check()
        time.sleep(0.2)
    time.sleep(2)
    if stack.consumer.process is None:
        raise SystemExit("the consumer never started")
    os.kill(stack.consumer.process.pid, signal.SIGKILL)
    killed = time.monotonic()
    print("   kill -9 of the consumer 2 s into the run", flush=True)
    while state()[0] not in ("done", "failed") and time.monotonic() - killed < 300:
        stack.consumer.check()
        time.sleep(0.5)
    final, attempts = state()
    print(f"   consumer restarted by the supervisor: {stack.consumer.restarts} time(s)")
    print(f"   run {final} {time.monotonic() - killed:.1f} s after the kill, after {attempts} attempts")
    _, page, _ = analyst.request("GET", f"/en/policy/runs/{run_id}/")
    shown = 'data-testid="costs"' in page
    print(f"   its page shows the result: {shown}")


def load(stack: Stack, rate: int, seconds: int) -> None:
    print(f"\n3. Load: POST /api/v1/calculations at {rate} req/s for {seconds} s (PostgreSQL, Redis)", flush=True)
    visitor = Visitor(stack.base)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    started = time.monotonic() + 0.5
    total = rate * seconds

    def one(number: int) -> None:
        due = started + number / rate
        time.sleep(max(0.0, due - time.monotonic()))
        try:
            status = visitor.request("POST", "/api/v1/calculations", EXAMPLE, {"Content-Type": "application/json"})[0]
            outcome = "" if status == 200 else str(status)
        except OSError as error:
            outcome = type(error).__name__
        with lock:
            latencies.append(time.monotonic() - due)
            if outcome:
                errors[outcome] += 1

    with ThreadPoolExecutor(64) as pool:
        list(pool.map(one, range(total)))
    took = time.monotonic() - started
    cuts = quantiles(latencies, n=100)
    print(f"   {total} requests in {took:.1f} s ({total / took:.0f} req/s); errors: {dict(errors) or 'none'}")
    print(f"   latency p50 {cuts[49] * 1000:.1f} ms, p95 {cuts[94] * 1000:.1f} ms, p99 {cuts[98] * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=200, help="requests per second of the load")
    parser.add_argument("--seconds", type=int, default=60, help="how long the load lasts")
    parser.add_argument("--only", choices=["restart", "worker", "load"], help="one scenario only")
    options = parser.parse_args()
    print(f"cores: {os.cpu_count()}; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="kopir-faults-") as directory, kopir_stack(Path(directory)) as stack:
        if options.only in (None, "restart"):
            writes_across_a_restart(stack)
        if options.only in (None, "worker"):
            worker_killed_mid_run(stack)
        if options.only in (None, "load"):
            load(stack, options.rate, options.seconds)


if __name__ == "__main__":
    main()
