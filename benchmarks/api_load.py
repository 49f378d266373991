"""How many ``POST /api/v1/calculations`` per second gunicorn serves on this machine, and how fast.

Prints figures; never passes or fails. Run: ``.venv/bin/python benchmarks/api_load.py``
(options: ``--concurrency 8 32 --duration 20 --workers 2 --engine auto|wrk|python``).

1. migrates a throw-away SQLite database in a temporary ``KOPIR_VAR_DIR``;
2. starts ``gunicorn kopir.web.wsgi:application --workers N`` on a free port of 127.0.0.1
   (``kopir.web.settings.dev``, ``DJANGO_DEBUG=false``, ``KOPIR_API_RATE=1000000/m`` so the
   rate limit never answers 429);
3. checks that every body (the contract's example and a few varied requests) answers 200;
4. for each concurrency, drives load on loopback for ``--duration`` seconds or ``--max-requests``
   requests, whichever comes first: with ``wrk`` (Debian package ``wrk``) if it is installed,
   otherwise with a pool of threads, each with its own keep-alive ``http.client`` connection;
5. stops gunicorn, also on Ctrl+C or an error.

For each run it prints concurrency, total requests, duration, requests/s, p50/p95/p99 latency
in ms and the count of non-2xx answers. Load generator and server share the same cores.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
URL_PATH = "/api/v1/calculations"
HOST = "127.0.0.1"
EXAMPLE: dict[str, Any] = json.loads((REPO / "examples" / "contract-example.json").read_text())


def _with(**changes: Any) -> dict[str, Any]:
    request = json.loads(json.dumps(EXAMPLE))
    for key, value in changes.items():
        *parents, leaf = key.split("__")
        target = request
        for parent in parents:
            target = target[parent]
        target[leaf] = value
    return request


BODIES: list[dict[str, Any]] = [
    EXAMPLE,
    _with(event__children=2, event__complicated_birth=True, previous_children=3),
    _with(income={"gross_salary": 950_000}, claimant={"employment": "individual_entrepreneur"}),
    _with(
        income={"monthly": [{"month": f"2024-{m:02d}", "so_base": 250_000 + 10_000 * m} for m in range(1, 13)]},
        return_to_work="2026-03-02",
    ),
    _with(claimant={"employment": "uninsured", "nuclear_test_zone": True}, income={"average_so_base": 0}),
    _with(
        event={"type": "adoption", "birth_date": "2025-03-10", "adoption_date": "2025-05-20", "children": 1},
        as_of="2025-06-01",
        income={"average_so_base": 595_000.5},
    ),
]
PAYLOADS = [json.dumps(body, ensure_ascii=False).encode() for body in BODIES]


@dataclass
class Result:
    engine: str
    concurrency: int
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    non_2xx: int
    errors: int = 0

    def print(self) -> None:
        print(
            f"[{self.engine}] concurrency {self.concurrency}: {self.requests} requests in {self.seconds:.1f} s, "
            f"{self.requests / self.seconds:,.1f} requests/s, latency p50 {self.p50_ms:.1f} ms, "
            f"p95 {self.p95_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, non-2xx {self.non_2xx}"
            + (f", socket errors {self.errors}" if self.errors else ""),
            flush=True,
        )


# -- the server ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _server_env(var_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="kopir.web.settings.dev",
        DJANGO_DEBUG="false",
        KOPIR_API_RATE="1000000/m",
        KOPIR_VAR_DIR=str(var_dir),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])),
    )
    return env


def _wait_until_answering(port: int, server: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode} before answering")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/api/v1/openapi.json")
            if connection.getresponse().status == 200:
                connection.close()
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on {HOST}:{port} within {timeout:.0f} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.terminate()  # the gunicorn master (our own child): it stops its workers
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextlib.contextmanager
def gunicorn(workers: int) -> Iterator[int]:
    """A migrated, running gunicorn on a free loopback port; stopped and cleaned up on exit."""
    var_dir = Path(tempfile.mkdtemp(prefix="kopir-api-load-"))
    (var_dir / "static").mkdir()  # the API needs no static files; WhiteNoise only wants the folder
    env = _server_env(var_dir)
    port = _free_port()
    server: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--noinput", "--verbosity", "0"], env=env, check=True
        )
        server = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn, fixed arguments
            [
                str(BIN / "gunicorn"),
                "kopir.web.wsgi:application",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            env=env,
            start_new_session=True,  # Ctrl+C reaches us, and we stop it in order
        )
        _wait_until_answering(port, server)
        yield port
    finally:
        if server is not None:
            _stop(server)
        shutil.rmtree(var_dir, ignore_errors=True)


def _check_bodies(port: int) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    for number, payload in enumerate(PAYLOADS):
        connection.request("POST", URL_PATH, body=payload, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200:
            raise SystemExit(f"body {number} answers {response.status}: {answer[:300]!r}")
    connection.close()
    print(f"{len(PAYLOADS)} bodies answer 200 (contract example and {len(PAYLOADS) - 1} varied)", flush=True)


# -- wrk -------------------------------------------------------------------------------------------

WRK_SCRIPT = """
local bodies = {%(bodies)s}
local limit = %(limit)d
local counter = 0
local sent = 0

function request()
  sent = sent + 1
  local body = bodies[(sent %% #bodies) + 1]
  return wrk.format("POST", "%(path)s", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  counter = counter + 1
  if counter >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  io.write(string.format("KOPIR %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.timeout))
end
"""


def _lua_string(payload: bytes) -> str:
    text = payload.decode()
    level = "=" * 4
    assert f"]{level}]" not in text  # noqa: S101 - bodies are ours
    return f"[{level}[{text}]{level}]"


def run_wrk(port: int, concurrency: int, duration: int, max_requests: int) -> Result:
    threads = max(1, min(2, concurrency))
    script = WRK_SCRIPT % {
        "bodies": ", ".join(_lua_string(payload) for payload in PAYLOADS),
        "limit": max(1, max_requests // threads),
        "path": URL_PATH,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    try:
        completed = subprocess.run(  # noqa: S603 - wrk from the system, fixed arguments
            [
                shutil.which("wrk") or "wrk",
                f"--threads={threads}",
                f"--connections={concurrency}",
                f"--duration={duration}s",
                "--timeout=10s",
                f"--script={lua.name}",
                f"http://{HOST}:{port}{URL_PATH}",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        )
    finally:
        Path(lua.name).unlink()
    line = next(line for line in completed.stdout.splitlines() if line.startswith("KOPIR "))
    total, micros, p50, p95, p99, bad_status, *socket_errors = (int(v) for v in line.split()[1:])
    return Result(
        "wrk", concurrency, total, micros / 1e6, p50 / 1e3, p95 / 1e3, p99 / 1e3, bad_status, sum(socket_errors)
    )


# -- Python fallback -----------------------------------------------------------------------------


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_python(port: int, concurrency: int, duration: int, max_requests: int) -> Result:
    lock = threading.Lock()
    issued = 0
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    non_2xx = [0] * concurrency
    errors = [0] * concurrency
    deadline = time.monotonic() + duration

    def take() -> int | None:
        nonlocal issued
        with lock:
            if issued >= max_requests or time.monotonic() >= deadline:
                return None
            issued += 1
            return issued

    def client(index: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
        while (number := take()) is not None:
            payload = PAYLOADS[number % len(PAYLOADS)]
            began = time.perf_counter()
            try:
                connection.request("POST", URL_PATH, body=payload, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()  # reconnects on the next request
                continue
            latencies[index].append(time.perf_counter() - began)
            if not 200 <= response.status < 300:
                non_2xx[index] += 1
        connection.close()

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(client, range(concurrency)))
    seconds = time.monotonic() - began
    ordered = sorted(latency for per_client in latencies for latency in per_client)
    if not ordered:
        raise SystemExit("no request was answered")
    p50, p95, p99 = (_percentile(ordered, share) * 1000 for share in (0.50, 0.95, 0.99))
    return Result("python", concurrency, len(ordered), seconds, p50, p95, p99, sum(non_2xx), sum(errors))


# -- main ------------------------------------------------------------------------------------------


def _interrupt_on_sigterm() -> None:
    def handler(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, handler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32], help="open connections, one run each")
    parser.add_argument("--duration", type=int, default=20, help="seconds per run (at most)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="requests per run (at most)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of load before the runs (not reported)")
    parser.add_argument("--engine", choices=["auto", "wrk", "python"], default="auto")
    arguments = parser.parse_args()
    engine = arguments.engine
    if engine == "auto":
        engine = "wrk" if shutil.which("wrk") else "python"
    if engine == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk), use --engine python")
    run = run_wrk if engine == "wrk" else run_python
    _interrupt_on_sigterm()
    print(
        f"POST {URL_PATH}: gunicorn --workers {arguments.workers} on {HOST}, {os.cpu_count()} CPUs, "
        f"load with {engine}; load average before: {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    try:
        with gunicorn(arguments.workers) as port:
            _check_bodies(port)
            if arguments.warmup:
                run(port, max(arguments.concurrency), arguments.warmup, arguments.max_requests)
            for concurrency in arguments.concurrency:
                run(port, concurrency, arguments.duration, arguments.max_requests).print()
        print(f"load average after: {os.getloadavg()[0]:.2f} (over 1 minute, load generator included)")
    except KeyboardInterrupt:
        print("interrupted; gunicorn stopped", file=sys.stderr)
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
