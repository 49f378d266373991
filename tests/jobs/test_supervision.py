"""``kopir serve`` restarts the job-queue consumer when it dies, and stops it with the web server.

Real processes stand in for gunicorn and huey's consumer: a "server" that lives a few seconds and a
"consumer" that writes its process id to a file and waits.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

from kopir.jobs.supervision import Supervised, serve_supervised

SERVER_SECONDS = 6


def _pids(file: Path) -> list[int]:
    return [int(line) for line in file.read_text().split()] if file.exists() else []


def _until_pids(file: Path, count: int, seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while len(_pids(file)) < count:
        assert time.monotonic() < deadline, f"{count} consumers not started within {seconds} s"
        time.sleep(0.05)
    return _pids(file)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _consumer(pids: Path) -> list[str]:
    script = f"import os, time; open({str(pids)!r}, 'a').write(f'{{os.getpid()}}\\n'); time.sleep(60)"
    return [sys.executable, "-c", script]


def test_a_killed_consumer_is_started_again_and_stopped_with_the_server(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    server = [sys.executable, "-c", f"import time; time.sleep({SERVER_SECONDS})"]
    serving = threading.Thread(target=serve_supervised, args=(server, _consumer(pids)), kwargs={"poll_seconds": 0.1})
    serving.start()
    first = _until_pids(pids, 1)[0]
    os.kill(first, signal.SIGKILL)
    killed_at = time.monotonic()
    second = _until_pids(pids, 2)[1]
    assert time.monotonic() - killed_at < 3  # restarted at once after a first death (1 s pause)
    assert second != first
    assert _alive(second)
    serving.join(timeout=SERVER_SECONDS + 15)
    assert not serving.is_alive()
    time.sleep(0.2)
    assert not _alive(second)  # the server stopped: so did the consumer


def test_a_consumer_that_keeps_dying_is_restarted_after_growing_pauses(tmp_path: Path) -> None:
    crashing = Supervised([sys.executable, "-c", "raise SystemExit(3)"], name="a consumer that cannot start")
    crashing.start()
    started = time.monotonic()
    while crashing.restarts < 3:
        crashing.check()
        time.sleep(0.05)
    assert time.monotonic() - started >= 1 + 2 + 4 - 0.5  # not a spin: 1, 2 then 4 s apart
    crashing.stop()
