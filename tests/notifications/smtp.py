"""A real SMTP server for the tests: aiosmtpd on a free loopback port, keeping what arrives.

It can refuse the next messages with a temporary failure (451), as a busy relay does, so that the
queue's retry is tested against the real protocol rather than a stubbed backend.
"""

from __future__ import annotations

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Mailbox:
    """aiosmtpd's handler: each accepted message parsed, in arrival order."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse_next = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        if self.refuse_next:
            self.refuse_next -= 1
            return "451 4.3.0 Try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)  # policy.default makes EmailMessage
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


def start(box: Mailbox) -> tuple[Controller, int]:
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, port
