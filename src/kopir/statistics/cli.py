"""``kopir stats``: the statistics commands (exact indicators, protected releases).

The group lives here so that each command can sit beside the code it runs; commands import
Django lazily, after ``django.setup()``, so that ``kopir calc`` stays free of it.
"""

from __future__ import annotations

import click

from kopir.command_setup import django_ready


@click.group()
def stats() -> None:
    """Statistics: exact indicators for analysts and protected public releases."""


@stats.command("compute")
@click.option("--year", type=int, required=True, help="The calendar year of the indicators.")
@click.option("--body", default=None, help="A state body's code; all bodies if left out.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per cell).")
@click.option("--all-cells", is_flag=True, help="Every region and body, not only the total (or the body's own).")
def compute_command(year: int, body: str | None, as_json: bool, all_cells: bool) -> None:
    """Print the exact indicators of YEAR with numerators and denominators, by sex.

    Exact figures are not for publication: they go to analysts; releases protect them first.
    """
    import json  # noqa: PLC0415

    django_ready()  # a migrated but empty database answers with zeros
    from kopir.organisation.models import StateBody  # noqa: PLC0415
    from kopir.statistics.computation import compute_cells  # noqa: PLC0415
    from kopir.statistics.snapshot import cell_to_json  # noqa: PLC0415

    if body and not StateBody.objects.filter(code=body).exists():
        raise click.BadParameter(f"no state body has the code {body!r}.", param_hint="--body")
    cells = compute_cells(year, body)
    if not all_cells:
        cells = [c for c in cells if (c.body == body if body else c.body == "all" and c.region == "all")]
    if as_json:
        click.echo(json.dumps([cell_to_json(c) for c in cells], ensure_ascii=False, indent=1))
        return
    for c in cells:
        share = f" ({c.numerator}/{c.denominator})" if c.denominator is not None else ""
        click.echo(f"{c.indicator:28} {c.sex:3} {c.region:6} {c.body:10} {c.breakdown:28} {c.value}{share}")
