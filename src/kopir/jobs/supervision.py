"""``kopir serve`` keeps the job-queue consumer alive beside gunicorn.

Gunicorn restarts its own workers, but nothing restarted huey's consumer: killed (``kill -9``,
out of memory), it left reminders and queued runs unworked until someone restarted the service.
`serve_supervised` runs the web server in the foreground and checks the consumer every second,
starting it again when it has died; one that dies again at once is restarted after a growing
pause (1, 2, 4 ... 30 s), so a consumer that cannot start does not spin. Runs it left half done are
taken up by the lease sweeper (`kopir.jobs.leases`) of the new consumer.
"""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Mapping, Sequence

logger = logging.getLogger("kopir.jobs")

STOP_SECONDS = 10
LONGEST_PAUSE_SECONDS = 30.0
STEADY_AFTER_SECONDS = 60.0  # up this long, a consumer that dies is restarted at once again


class Supervised:
    """One child process kept running: started, checked, restarted when it has died, stopped."""

    def __init__(self, command: Sequence[str], *, name: str, env: Mapping[str, str] | None = None) -> None:
        self.command = list(command)
        self.name = name
        self.env = dict(env) if env is not None else None
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self._pause = 0.0
        self._started_at = 0.0
        self._restart_at: float | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, env=self.env)  # noqa: S603 - our own commands
        self._started_at = time.monotonic()

    def check(self) -> None:
        """Restart the process if it has died (after the pause its recent deaths call for)."""
        if self.process is None or self.process.poll() is None:
            return
        now = time.monotonic()
        if self._restart_at is None:
            steady = now - self._started_at >= STEADY_AFTER_SECONDS
            self._pause = 0.0 if steady else min(max(1.0, 2 * self._pause), LONGEST_PAUSE_SECONDS)
            self._restart_at = now + self._pause
            logger.warning(
                "%s stopped (exit status %s); starting it again in %.0f s",
                self.name,
                self.process.returncode,
                self._pause,
            )
        if now >= self._restart_at:
            self._restart_at = None
            self.restarts += 1
            self.start()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serve_supervised(server: Sequence[str], consumer: Sequence[str], *, poll_seconds: float = 1.0) -> int:
    """Run `server` in the foreground with `consumer` kept alive beside it; the server's exit status."""
    queue = Supervised(consumer, name="the job-queue consumer")
    queue.start()
    web = subprocess.Popen(list(server))  # noqa: S603 - our own server, fixed arguments
    try:
        while web.poll() is None:
            queue.check()
            time.sleep(poll_seconds)
    except KeyboardInterrupt:
        web.terminate()
    finally:
        queue.stop()
        if web.poll() is None:
            web.wait(timeout=STOP_SECONDS)
    return web.returncode
