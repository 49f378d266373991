"""Publishing a release: the policy applied to the engine's exact cells, checked, and frozen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import simplejson
from django.db import transaction

from kopir.disclosure import BodyNode, Policy, protect
from kopir.disclosure.checks import check_guarantees
from kopir.publication.indicators import METHODOLOGY_VERSION, definitions
from kopir.publication.models import Release
from kopir.publication.records import cells_csv, contract_row, metadata, stored
from kopir.statistics.cells import Cell


def publish_release(
    cells: Iterable[Cell],
    *,
    year: int,
    cut_off: date,
    policy: Policy,
    bodies: Mapping[str, BodyNode] | None,
    replaces: Release | None = None,
    methodology_version: str = METHODOLOGY_VERSION,
) -> Release:
    """Protect the year's cells (``YYYY`` and ``YYYY-Qn``) with ``policy`` and store them as a new release.

    ``cells`` are the exact cells with their margins, as `kopir.statistics` computes them;
    ``bodies`` is the body hierarchy for the roll-up of small bodies (None: no roll-up).

    The protection (an LP audit per suppressed cell: a minute at the demo's size) runs outside any
    transaction; only the release's one row is written in one. On the embedded SQLite a transaction
    takes the write lock at its start, so holding one through the audit would keep every signed-in
    page waiting for it.
    """
    own = [cell for cell in cells if cell.period[:4] == str(year)]
    protected = protect(own, policy, bodies)
    check_guarantees(protected.cells, policy)
    indicators = sorted({cell.indicator for cell in protected.cells})
    with transaction.atomic():
        return Release.objects.create(
            cut_off=cut_off,
            year=year,
            policy_name=policy.name,
            policy_version=policy.version,
            policy_settings=policy.settings(),
            methodology_version=methodology_version,
            replaces=replaces,
            cells=[stored(cell) for cell in protected.cells],
            indicators=definitions(indicators),
            noise=protected.noise,
            protection={"coarsened": protected.coarsened, "withheld": protected.withheld},
        )


def write_release(release: Release, directory: Path) -> list[Path]:
    """cells.csv, cells.json and metadata.json of the open-data contract, in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "cells.csv": cells_csv(release),
        "cells.json": _json([contract_row(record) for record in release.cells]),
        "metadata.json": _json(metadata(release)),
    }
    written = []
    for name, text in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _json(document: object) -> str:
    return simplejson.dumps(document, use_decimal=True, ensure_ascii=False, indent=2) + "\n"
