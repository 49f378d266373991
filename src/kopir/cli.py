"""The ``kopir`` command.

    kopir calc [FILE] [--lang kk|ru|en]   contract v1: a request (file or stdin) -> the response
    kopir serve [--host] [--port]          the web application (loads the demo data into an empty database)
    kopir demo [--seed] [--employees] [--replace]   fill the database with demo data

Bad input exits with status 2, prints nothing on standard output and the contract's error
object on standard error (kz-benefits contract, shared/contracts/calculation.md).
"""

from __future__ import annotations

import io
import json
import sys
from decimal import Decimal
from typing import Any, TextIO

import click
import simplejson

from kopir.exchange.cli import records
from kopir.microsim.cli import simulate
from kopir.publication.cli import release_command
from kopir.rules import InvalidRequest, calculate, error_document
from kopir.rules.errors import FieldError
from kopir.rules.i18n import N_
from kopir.rules.law import LANGUAGES, Language
from kopir.statistics.cli import stats

NOT_JSON = N_("The request is not valid JSON: %(problem)s.")
EXIT_INVALID = 2


def dumps(document: Any) -> str:
    """JSON with exact decimal numbers (no binary floats) and readable Cyrillic."""
    return simplejson.dumps(document, use_decimal=True, ensure_ascii=False, indent=2)


def _read(stream: TextIO) -> Any:
    text = stream.read()
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        problem = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise InvalidRequest([FieldError("request", NOT_JSON, (("problem", problem),))]) from None


@click.group()
@click.version_option(package_name="kopir")
def main() -> None:
    """Kopir: maternity and childcare payments, leave and the return to work in Kazakhstan."""


@main.command()
@click.argument("request_file", type=click.File("r", encoding="utf-8"), default="-")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the explanation, warnings and errors.",
)
def calc(request_file: TextIO, lang: Language) -> None:
    """Compute the payments for a contract-v1 request (JSON in REQUEST_FILE, or stdin)."""
    try:
        response = calculate(_read(request_file), lang=lang)
    except InvalidRequest as error:
        click.echo(dumps(error_document(error, lang)), err=True)
        sys.exit(EXIT_INVALID)
    click.echo(dumps(response))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, help="Gunicorn worker processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Migrate the database, collect static files and serve Kopir with gunicorn."""
    import os  # noqa: PLC0415 - only the server needs Django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopir.web.settings.dev")
    import django  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from kopir.organisation.models import StateBody  # noqa: PLC0415 - needs Django set up

    if not StateBody.objects.exists():
        click.echo("The database has no state bodies yet: loading the demo data (kopir demo) ...")
        call_command("demo")
        from kopir.publication.demo import publish_demo_release  # noqa: PLC0415

        click.echo(f"Published the demo release {publish_demo_release().pk} for the statistics portal.")
    call_command("collectstatic", interactive=False, verbosity=0)
    click.echo(f"Kopir is serving on http://{host}:{port}/ (Ctrl+C stops it)")
    _serve_with_queue(host, port, workers)


def _serve_with_queue(host: str, port: int, workers: int) -> None:
    """Gunicorn in the foreground, and the job-queue consumer beside it, restarted when it dies."""
    from kopir.jobs.supervision import serve_supervised  # noqa: PLC0415 - only the server needs it

    serve_supervised(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kopir.web.wsgi",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--access-logfile=-",
        ],
        [sys.executable, "-m", "django", "run_huey", "--quiet"],
    )


@main.command()
@click.option("--seed", default=2026, show_default=True, help="Random seed: the same seed gives the same data.")
@click.option("--employees", default=3000, show_default=True, type=click.IntRange(min=1), help="Number of employees.")
@click.option(
    "--replace", is_flag=True, help="Delete all state bodies, employees and leave first (not the access log)."
)
def demo(seed: int, employees: int, replace: bool) -> None:
    """Migrate the database and fill it with demo data: a synthetic public sector and demo accounts."""
    import os  # noqa: PLC0415 - only the database commands need Django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kopir.web.settings.dev")
    import django  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.core.management.base import CommandError  # noqa: PLC0415

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    summary = io.StringIO()
    with click.progressbar(length=employees, label="Building the demo data") as bar:

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.pos)

        try:
            call_command("demo", seed=seed, employees=employees, replace=replace, progress=progress, stdout=summary)
        except CommandError as error:
            raise click.ClickException(str(error)) from None
    click.echo(summary.getvalue(), nl=False)


main.add_command(stats)
main.add_command(records)
main.add_command(simulate)
stats.add_command(release_command)


if __name__ == "__main__":
    main()
