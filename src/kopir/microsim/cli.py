"""``kopir simulate REFORM``: cost a reform against the baseline on the synthetic population.

    kopir simulate childcare-2-years --size 1000000 --seed 1
    kopir simulate my-reform.yaml --json > result.json
    kopir simulate nursery-subsidy --charts charts/
    kopir simulate phased-return --size 20000000 --chunk 1000000
    kopir simulate phased-return --size 20000000 --scheduler tcp://10.0.0.5:8786   the chunks on a Dask cluster
    kopir simulate childcare-2-years --draws 20   the cost's 90% range over 20 draws
    kopir simulate --calibration                  the targets beside the achieved values

A reform file that cannot be used, or a Dask scheduler that does not answer, exits with status 2 and
says why on standard error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kopir.cluster import ClusterUnavailable
from kopir.microsim.calibration import calibration, format_calibration
from kopir.microsim.memory import columns_memory_kept
from kopir.microsim.population import assumptions, synthesize, with_so_base
from kopir.microsim.reforms import ReformError, available, load, titles
from kopir.microsim.results import format_text, report, write_charts
from kopir.microsim.uncertainty import MAXIMUM_DRAWS, fewest_draws, simulate_with_range
from kopir.rules import default_law
from kopir.rules.i18n import N_, render
from kopir.rules.law import LANGUAGES, Language

EXIT_INVALID = 2

MESSAGES = {
    "progress": N_("Simulating %(reform)s"),
    "name_a_reform": N_("Name a reform (%(reforms)s) or a YAML file."),
    "chart": N_("Chart written: %(path)s"),
    "problems": N_("%(source)s cannot be used:"),
    "no_scheduler": N_(
        "No Dask scheduler answers at %(address)s. Start one (dask scheduler, then dask worker with its address) "
        "or leave out --scheduler to run here."
    ),
    "not_a_scheduler": N_("--scheduler: %(address)s is not a scheduler address; write it as tcp://host:port."),
    "draws": N_("%(option)s is zero (no range) or a number of draws from %(minimum)s to %(maximum)s."),
}


class _ReformsInHelp(click.Command):
    """``--help`` ends with the shipped reforms, one line each: an analyst sees what she can cost."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        shipped = titles()
        width = max(len(reform) for reform in shipped)
        with formatter.section("Reforms shipped with Kopir"):
            for reform, title in shipped.items():  # not wrapped: one line each
                formatter.write(f"{'':>{formatter.current_indent}}{reform:<{width}}  {title['en']}\n")
        super().format_epilog(ctx, formatter)


@click.command(cls=_ReformsInHelp)
@click.argument("reform", required=False)
@click.option("--seed", default=0, show_default=True, help="Seed of the synthetic population.")
@click.option("--size", default=1_000_000, show_default=True, help="Persons to simulate (all weigh the same).")
@click.option("--chunk", default=250_000, show_default=True, help="Persons held in memory at once.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    help="Start a local Dask cluster of N processes for the run, e.g. 2 on two free cores (the same result).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Run the chunks as tasks on this Dask scheduler's workers (the same result; --workers is then ignored).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--charts", type=click.Path(file_okay=False, path_type=Path), help="Write SVG charts here.")
@click.option("--calibration", "show_calibration", is_flag=True, help="Print the calibration targets and stop.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the tables.")
@click.option("--draws", default=0, show_default=True, help="Runs for the cost's 90% range (0: none; at least 19).")
def simulate(  # noqa: PLR0913, PLR0917 - one parameter a click option
    reform: str | None,
    seed: int,
    size: int,
    chunk: int,
    workers: int,
    scheduler: str | None,
    as_json: bool,
    charts: Path | None,
    show_calibration: bool,
    lang: Language,
    draws: int,
) -> None:
    """Cost REFORM (a shipped reform's id or a YAML file) against today's law."""
    columns_memory_kept()  # this process computes columns chunk after chunk: each reuses the last one's pages
    law = default_law()
    a = assumptions()
    if show_calibration:
        population = with_so_base(synthesize(a, min(size, 1_000_000), seed=seed), law)
        click.echo(format_calibration(calibration(population, law)))
        return
    if reform is None:
        raise click.UsageError(render(MESSAGES["name_a_reform"], {"reforms": ", ".join(available())}, lang))
    if draws and not fewest_draws() <= draws <= MAXIMUM_DRAWS:
        bounds = {"option": "--draws", "minimum": fewest_draws(), "maximum": MAXIMUM_DRAWS}
        raise click.UsageError(render(MESSAGES["draws"], bounds, lang))
    try:
        chosen = load(reform, law)
    except ReformError as error:
        click.echo(render(MESSAGES["problems"], {"source": error.source}, lang), err=True)
        for problem in error.problems:
            click.echo(f"  - {problem.text(lang)}", err=True)
        sys.exit(EXIT_INVALID)
    label = render(MESSAGES["progress"], {"reform": chosen.title[lang]}, lang)
    try:
        with click.progressbar(length=size * (1 + draws), label=label, file=sys.stderr) as bar:
            totals, spread = simulate_with_range(
                chosen,
                law,
                a,
                size=size,
                seed=seed,
                draws=draws,
                chunk=chunk,
                on_chunk=bar.update,
                workers=workers,
                scheduler=scheduler,
            )
    except ClusterUnavailable as error:
        said = MESSAGES["not_a_scheduler" if error.malformed else "no_scheduler"]
        click.echo(render(said, {"address": error.address}, lang), err=True)
        sys.exit(EXIT_INVALID)
    document = report(totals, chosen, a.regions, seed=seed, uncertainty=spread)
    if charts is not None:
        for path in write_charts(document, charts, lang):
            click.echo(render(MESSAGES["chart"], {"path": str(path)}, lang), err=True)
    click.echo(json.dumps(document, ensure_ascii=False, indent=2) if as_json else format_text(document, lang))
