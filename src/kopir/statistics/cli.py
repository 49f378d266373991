"""``kopir stats``: the statistics commands (exact indicators, protected releases).

The group lives here so that each command can sit beside the code it runs; commands import
Django lazily, after ``django.setup()``, so that ``kopir calc`` stays free of it.
"""

from __future__ import annotations

import sys

import click

from kopir.command_setup import django_ready
from kopir.rules.law import LANGUAGES, Language


@click.group()
def stats() -> None:
    """Statistics: exact indicators for analysts and protected public releases."""


EXIT_NO_DATA = 3
"""`kopir stats compute` for a year without data: every count is zero (nothing printed on standard output)."""


@stats.command("compute")
@click.option("--year", type=int, required=True, help="The calendar year of the indicators.")
@click.option("--body", default=None, help="A state body's code; all bodies if left out.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per cell) instead of a table.")
@click.option("--all-cells", is_flag=True, help="Every region and body, not only the total (or the body's own).")
@click.option(
    "--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the table and messages."
)
def compute_command(year: int, body: str | None, as_json: bool, all_cells: bool, lang: Language) -> None:
    """Print the exact indicators of YEAR with numerators and denominators, by sex, as a table.

    Exact figures are not for publication: they go to analysts; releases protect them first.
    A year without data (every count zero) prints nothing and says so on standard error, with
    exit status 3.
    """
    import json  # noqa: PLC0415

    django_ready()  # a migrated but empty database is a year without data
    from django.utils import translation  # noqa: PLC0415

    from kopir.organisation.models import StateBody  # noqa: PLC0415
    from kopir.statistics.cli_table import cells_table, has_data, no_data_message  # noqa: PLC0415
    from kopir.statistics.computation import compute_cells  # noqa: PLC0415
    from kopir.statistics.snapshot import cell_to_json  # noqa: PLC0415

    with translation.override(lang):
        if body and not StateBody.objects.filter(code=body).exists():
            message = translation.gettext("no state body has the code %(code)s.") % {"code": repr(body)}
            raise click.BadParameter(message, param_hint="--body")
        cells = compute_cells(year, body)
        if not all_cells:
            cells = [c for c in cells if (c.body == body if body else c.body == "all" and c.region == "all")]
        if not has_data(cells):
            click.echo(no_data_message(year, body), err=True)
            sys.exit(EXIT_NO_DATA)
        if as_json:
            click.echo(json.dumps([cell_to_json(c) for c in cells], ensure_ascii=False, indent=1))
            return
        click.echo(cells_table(cells, lang, places=all_cells))
