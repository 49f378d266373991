"""``kopir audit``: the access log's own checks.

kopir audit verify    walk the hash chain; OK with the count, or the first broken link (exit 1)
"""

from __future__ import annotations

import sys

import click

from kopir.command_setup import django_ready

EXIT_BROKEN = 1


@click.group()
def audit() -> None:
    """The access log: check that nobody changed or removed its entries."""


@audit.command("verify")
def verify_command() -> None:
    """Seal the entries still waiting for their hash, then recompute the whole chain from its first entry.

    Prints OK with the number of entries and the last entry's hash (keep it elsewhere: a later
    verify that no longer reaches it shows the chain was rewritten), or the id of the first entry
    whose link does not hold, with exit status 1.
    """
    django_ready()
    from kopir.accounts import access_chain  # noqa: PLC0415
    from kopir.accounts.models import AccessLog  # noqa: PLC0415

    access_chain.seal(AccessLog)
    verdict = access_chain.verify(AccessLog)
    if verdict.intact:
        click.echo(f"OK: {verdict.rows} entries chained; last hash {verdict.head_hash}")
        return
    click.echo(
        f"BROKEN: the link of entry {verdict.first_broken_id} does not hold "
        f"({verdict.rows} entries before it are intact)"
    )
    sys.exit(EXIT_BROKEN)
