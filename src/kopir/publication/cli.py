"""``kopir stats release``: publish a protected release of one year and write the open-data files.

The exact cells are the indicator engine's, as `kopir.publication.selection.release_cells` chooses
them for the public (a plain import, so readers and import-linter see the hop); ``--cells FILE``
reads hand-built cells (a JSON list) instead.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from kopir.command_setup import django_ready
from kopir.statistics.cells import Cell


def cells_from_file(path: Path) -> list[Cell]:
    """Cells written as JSON objects with the contract's fields (and ``kind``); exact figures."""
    document = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return [cell_from_json(item) for item in document]


def cell_from_json(item: dict[str, Any]) -> Cell:
    value = item.get("value")
    if isinstance(value, str | float):
        value = Decimal(str(value))
    fields = {
        key: item[key] for key in ("sex", "region", "body", "breakdown", "numerator", "denominator") if key in item
    }
    return Cell(item["indicator"], str(item["period"]), kind=item.get("kind", "count"), value=value, **fields)


@click.command("release")
@click.option("--year", type=int, required=True, help="The year of the release.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Directory.")
@click.option("--cut-off", type=click.DateTime(["%Y-%m-%d"]), help="The data's cut-off date (default: today).")
@click.option("--policy", "policy_label", default="sdc-v1", show_default=True, help="Policy file (policies/*.yaml).")
@click.option("--replaces", type=int, help="The id of the release this one corrects.")
@click.option(
    "--cells",
    "cells_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Hand-built cells (a JSON list) instead of the engine's.",
)
def release_command(
    year: int,
    out: Path,
    cut_off: Any,
    policy_label: str,
    replaces: int | None,
    cells_file: Path | None,
) -> None:
    """Publish the protected release of YEAR and write cells.csv, cells.json and metadata.json to OUT."""
    django_ready()
    from kopir.disclosure import PolicyError, load_policy  # noqa: PLC0415
    from kopir.publication import selectors  # noqa: PLC0415
    from kopir.publication.selection import release_cells  # noqa: PLC0415
    from kopir.publication.services import publish_release, write_release  # noqa: PLC0415

    try:
        policy = load_policy(policy_label)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None
    earlier = selectors.release(replaces) if replaces is not None else None
    if replaces is not None and earlier is None:
        raise click.ClickException(f"there is no release {replaces} to replace")
    cells = cells_from_file(cells_file) if cells_file else release_cells(year)
    published = publish_release(
        cells,
        year=year,
        cut_off=cut_off.date() if cut_off else date.today(),  # noqa: DTZ011 - the cut-off is a local date
        policy=policy,
        bodies=selectors.body_hierarchy(),
        replaces=earlier,
    )
    for path in write_release(published, out):
        click.echo(f"wrote {path}")
    click.echo(f"release {published.pk} of {year} published under {policy.label}")
