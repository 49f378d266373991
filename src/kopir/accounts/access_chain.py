"""The access log's hash chain: each sealed row carries the hash of the one before it.

Rows are written without a lock (every page that shows personal data writes one, so a lock held
to the end of each request would queue them all) and **sealed** right after their transaction
commits: under one short lock, the rows not yet sealed get, in the order of their ids, the next
``chain_position``, the previous row's hash and their own (decision 0015).

``row_hash`` = SHA-256 (hex) of the UTF-8 JSON array (compact, non-ASCII kept)::

    [previous_hash, chain_position, id, at (UTC ISO 8601 with microseconds), actor_id, role,
     action, record_type, record_id, subject_id, detail, address, method, path]

The first row's ``previous_hash`` is 64 zeros. The functions take the model class so that the
migration that chains the existing rows can pass its historical model.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import DatabaseError, connections, transaction

GENESIS = "0" * 64
CHAIN_LOCK = 0x4B4F5049  # "KOPI": the PostgreSQL advisory lock taken while sealing
SEAL_BATCH = 500  # rows read and updated at a time while sealing
logger = logging.getLogger("kopir.audit")


def row_hash(row: Any, previous_hash: str, position: int) -> str:
    """The hash of one row chained after `previous_hash` at `position` (fields as documented above)."""
    canonical = [
        previous_hash,
        position,
        row.pk,
        row.at.astimezone(UTC).isoformat(timespec="microseconds"),
        row.actor_id,
        row.role,
        row.action,
        row.record_type,
        row.record_id,
        row.subject_id,
        row.detail,
        row.address,
        row.method,
        row.path,
    ]
    text = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def seal(log_model: Any, using: str = "default") -> int:
    """Chain every row not yet sealed, oldest id first; returns how many were sealed."""
    with transaction.atomic(using=using):
        if connections[using].vendor == "postgresql":
            with connections[using].cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        rows = log_model.objects.using(using)
        head = rows.filter(chain_position__isnull=False).order_by("-chain_position").first()
        previous, position = (head.row_hash, head.chain_position) if head else (GENESIS, 0)
        sealed = 0
        table = connections[using].ops.quote_name(log_model._meta.db_table)  # noqa: SLF001 - public metadata
        update = f"UPDATE {table} SET chain_position = %s, previous_hash = %s, row_hash = %s WHERE id = %s"  # noqa: S608
        while pending := list(rows.filter(chain_position__isnull=True).order_by("id")[:SEAL_BATCH]):
            chained = []
            for row in pending:
                position += 1
                own = row_hash(row, previous, position)
                chained.append((position, previous, own, row.pk))
                previous = own
            # the guard refuses this for a row sealed already, so a racing seal fails instead of forking
            with connections[using].cursor() as cursor:
                cursor.executemany(update, chained)
            sealed += len(pending)
        return sealed


def seal_after_commit(log_model: Any, using: str = "default") -> None:
    """Seal once the writing transaction has committed; a failure leaves the rows for the next seal.

    One seal per transaction is enough (it seals every row waiting): a transaction that writes
    many rows queues it once.
    """
    connection = connections[using]
    if connection.in_atomic_block and any(getattr(hook[1], "seals", False) for hook in connection.run_on_commit):
        return

    def run() -> None:
        try:
            seal(log_model, using)
        except DatabaseError:
            logger.warning("The access log could not be sealed now; the next write seals the rows.", exc_info=True)

    run.seals = True  # type: ignore[attr-defined]
    transaction.on_commit(run, using=using)


@dataclass(frozen=True)
class Verdict:
    rows: int  # sealed rows checked
    pending: int  # rows written but not sealed yet
    first_broken_id: int | None  # the id of the first row whose link does not hold
    head_hash: str  # the last row's hash: record it elsewhere to detect a rewrite of the whole chain

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def verify(log_model: Any, using: str = "default") -> Verdict:
    """Walk the chain from its first row: positions 1, 2, ... and every hash recomputed."""
    rows = log_model.objects.using(using)
    previous, checked = GENESIS, 0
    sealed = rows.filter(chain_position__isnull=False).order_by("chain_position").iterator(chunk_size=2000)
    for position, row in enumerate(sealed, start=1):
        if (
            row.chain_position != position
            or row.previous_hash != previous
            or row.row_hash != row_hash(row, previous, position)
        ):
            pending = rows.filter(chain_position__isnull=True).count()
            return Verdict(rows=checked, pending=pending, first_broken_id=row.pk, head_hash=previous)
        previous, checked = row.row_hash, checked + 1
    pending = rows.filter(chain_position__isnull=True).count()
    return Verdict(rows=checked, pending=pending, first_broken_id=None, head_hash=previous)
