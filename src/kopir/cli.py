"""The ``kopir`` command.

    kopir calc [FILE] [--lang kk|ru|en]   contract v1: a request (file or stdin) -> the response
    kopir serve [--host] [--port]          the web application (loads the demo data into an empty database)
    kopir demo [--seed] [--employees] [--replace]   fill the database with demo data (not in production)
    kopir createadmin --username NAME [--email]     the first administrator (password asked twice)
    kopir audit verify                     check the access log's hash chain
    kopir law-changes [--output FILE]      the law's changes as Markdown (docs/methodology/law-changes.md)

Bad input exits with status 2, prints nothing on standard output and the contract's error
object on standard error (kz-benefits contract, docs/contracts/calculation.md).
"""

from __future__ import annotations

import importlib
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import click
import simplejson

from kopir.command_language import click_speaks, command_line_language
from kopir.command_setup import django_ready
from kopir.rules import InvalidRequest, calculate, error_document
from kopir.rules.law import LANGUAGES, Language
from kopir.rules.request_json import read_request

EXIT_INVALID = 2
EXIT_REFUSED = 2  # as for bad input: the command was asked for something these settings do not allow


def _refuse_demo_data() -> None:
    from kopir.cases.demo import DEMO_REFUSED  # noqa: PLC0415 - needs Django set up

    click.echo(DEMO_REFUSED, err=True)
    sys.exit(EXIT_REFUSED)


CALC_MAX_BYTES = 1024 * 1024
"""A request file is a few hundred bytes; a megabyte leaves room for years of monthly income and no more."""


def dumps(document: Any) -> str:
    """JSON with exact decimal numbers (no binary floats) and readable Cyrillic."""
    return simplejson.dumps(document, use_decimal=True, ensure_ascii=False, indent=2)


def _read(stream: BinaryIO) -> Any:
    """The request within the same limits as the API (a larger file is refused without being read whole)."""
    return read_request(stream.read(CALC_MAX_BYTES + 1), max_bytes=CALC_MAX_BYTES)


class _LazyGroup(click.Group):
    """Command groups imported only when run or listed, so ``kopir calc`` loads no Django or numpy (decision 0017)."""

    LAZY = {
        "audit": "kopir.accounts.cli:audit",
        "records": "kopir.exchange.cli:records",
        "simulate": "kopir.microsim.cli:simulate",
        "stats": "kopir.statistics.cli:stats",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def main(self, args: Sequence[str] | None = None, **extra: Any) -> Any:  # type: ignore[override]
        """Run in the command line's language: click's words and the help texts too (decision 0025)."""
        given = list(sys.argv[1:] if args is None else args)
        with click_speaks(command_line_language(given, os.environ)):
            return super().main(args, **extra)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.LAZY:
            return super().get_command(ctx, cmd_name)
        module, name = self.LAZY[cmd_name].split(":")
        command: click.Command = getattr(importlib.import_module(module), name)
        if cmd_name == "stats" and isinstance(command, click.Group) and "release" not in command.commands:
            from kopir.publication.cli import release_command  # noqa: PLC0415 - with stats only

            command.add_command(release_command)
        return command


@click.group(cls=_LazyGroup)
@click.version_option(package_name="kopir")
def main() -> None:
    """Kopir: maternity and childcare payments, leave and the return to work in Kazakhstan."""


@main.command()
@click.argument("request_file", type=click.File("rb"), default="-")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the explanation, warnings and errors.",
)
def calc(request_file: BinaryIO, lang: Language) -> None:
    """Compute the payments for a contract-v1 request (JSON in REQUEST_FILE, or stdin)."""
    try:
        response = calculate(_read(request_file), lang=lang)
    except InvalidRequest as error:
        click.echo(dumps(error_document(error, lang)), err=True)
        sys.exit(EXIT_INVALID)
    click.echo(dumps(response))


@main.command("law-changes")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file (docs/methodology/law-changes.md) instead of standard output.",
)
def law_changes_command(output: str | None) -> None:
    """The law's changes, newest first, from the parameter files: the Markdown copy kept in docs/."""
    from kopir.rules.law_changes import changes_markdown  # noqa: PLC0415 - only this command needs it
    from kopir.rules.law_files import default_law  # noqa: PLC0415

    text = changes_markdown(default_law())
    if output is None:
        click.echo(text, nl=False)
        return
    with Path(output).open("w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, help="Gunicorn worker processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Migrate the database, collect static files and serve Kopir with gunicorn.

    An empty database gets the demo data only where the settings allow it (development); a
    production start creates no account at all (decision 0013).
    """
    click.echo("Bringing the database up to date (migrations) ...")
    django_ready(migrate=True)
    from django.conf import settings  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    from kopir.organisation.models import StateBody  # noqa: PLC0415 - needs Django set up

    empty = not StateBody.objects.exists()
    if empty and settings.KOPIR_DEMO_DATA:
        from kopir.cases.demo import DEMO_EMPLOYEES  # noqa: PLC0415

        click.echo("The database has no state bodies yet: loading the demo data (kopir demo).")
        click.echo(_build_demo_data(seed=2026, employees=DEMO_EMPLOYEES, replace=False), nl=False)
        from kopir.publication.demo import queue_demo_release  # noqa: PLC0415

        year = queue_demo_release()
        click.echo(
            f"Queued the demo release of {year} for the statistics portal: the job queue publishes it in the "
            "background within a few minutes (the portal shows no figures until then)."
        )
    elif empty:
        click.echo(
            "The database is empty and these settings load no demo data. Create the first administrator "
            "with `kopir createadmin`, then import the state bodies (`kopir records import`)."
        )
    click.echo("Collecting the static files ...")
    call_command("collectstatic", interactive=False, verbosity=0)
    click.echo("Starting the web server: loading the application and its first pages before it takes requests ...")
    _serve_with_queue(host, port, workers)


SERVE_READY_SECONDS = 600
"""How long `kopir serve` waits for the first answer before saying so (a loaded machine takes minutes)."""


def _announce_when_answering(host: str, port: int) -> None:
    """Print "serving" from a side thread once the server answers over HTTP, not before (issue 15).

    Any answer counts (a redirect to HTTPS or a refused host under the production settings too): the
    application is loaded once it answers at all.
    """
    import http.client  # noqa: PLC0415
    import threading  # noqa: PLC0415
    import time  # noqa: PLC0415

    probe_host = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host  # noqa: S104 - an address we compare, not bind

    def wait() -> None:
        started = time.monotonic()
        while time.monotonic() - started < SERVE_READY_SECONDS:
            connection = http.client.HTTPConnection(probe_host, port, timeout=SERVE_READY_SECONDS)
            try:
                connection.request("GET", "/healthz")
                connection.getresponse().read()
            except OSError:  # not listening yet
                time.sleep(0.2)
                continue
            finally:
                connection.close()
            click.echo(f"Kopir is serving on http://{host}:{port}/ (Ctrl+C stops it)")
            return
        click.echo(f"Kopir has not answered on {probe_host}:{port} after {SERVE_READY_SECONDS} s.", err=True)

    threading.Thread(target=wait, name="kopir-serve-ready", daemon=True).start()


def _serve_with_queue(host: str, port: int, workers: int) -> None:
    """Gunicorn in the foreground, and the job-queue consumer beside it, restarted when it dies."""
    from kopir.jobs.supervision import serve_supervised  # noqa: PLC0415 - only the server needs it

    _announce_when_answering(host, port)
    serve_supervised(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kopir.web.wsgi",
            "--config=python:kopir.web.gunicorn_warmup",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--access-logfile=-",
        ],
        [sys.executable, "-m", "django", "run_huey", "--quiet"],
    )


def _build_demo_data(*, seed: int, employees: int, replace: bool) -> str:
    """Run ``manage.py demo`` with a progress bar (on a terminal) or a line per chunk; its summary.

    Building the demo takes tens of seconds to minutes: without progress the command looked hung.
    """
    from django.core.management import call_command  # noqa: PLC0415
    from django.core.management.base import CommandError  # noqa: PLC0415

    summary = io.StringIO()
    on_terminal = sys.stdout.isatty()  # elsewhere the bar prints its label only, once
    with click.progressbar(length=employees, label="Building the demo data (employees)") as bar:

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.pos)
            if not on_terminal:
                click.echo(f"  {done} of {total} employees built")

        try:
            call_command("demo", seed=seed, employees=employees, replace=replace, progress=progress, stdout=summary)
        except CommandError as error:
            raise click.ClickException(str(error)) from None
    return summary.getvalue()


@main.command()
@click.option("--seed", default=2026, show_default=True, help="Random seed: the same seed gives the same data.")
@click.option(
    "--employees",
    default=20_000,  # kopir.cases.demo.DEMO_EMPLOYEES, importable only once Django is set up
    show_default=True,
    type=click.IntRange(min=1),
    help="Number of employees.",
)
@click.option(
    "--replace", is_flag=True, help="Delete all state bodies, employees and leave first (not the access log)."
)
def demo(seed: int, employees: int, replace: bool) -> None:
    """Migrate the database and fill it with demo data: a synthetic public sector and demo accounts.

    Refused (exit status 2) under settings without KOPIR_DEMO_DATA, and always under the production settings.
    """
    django_ready(check_migrated=False)
    from django.conf import settings  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    if not settings.KOPIR_DEMO_DATA:
        _refuse_demo_data()
    call_command("migrate", interactive=False, verbosity=0)
    click.echo(_build_demo_data(seed=seed, employees=employees, replace=replace), nl=False)


@main.command()
@click.option("--username", required=True, help="The administrator's sign-in name.")
@click.option("--email", default="", help="Her e-mail address (optional).")
@click.password_option(help="Asked twice, hidden, if not given (never put it on a shared command line).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the errors.")
def createadmin(username: str, email: str, password: str, lang: Language) -> None:
    """Create an administrator (the first of a production database); she sets up two-step sign-in when she signs in."""
    django_ready()
    from django.core.exceptions import ValidationError  # noqa: PLC0415
    from django.utils import translation  # noqa: PLC0415

    from kopir.accounts.administrators import administrator_create  # noqa: PLC0415 - needs Django set up

    try:
        with translation.override(lang):
            user = administrator_create(username=username, email=email, password=password)
    except ValidationError as error:
        for message in error.messages:
            click.echo(message, err=True)
        sys.exit(EXIT_REFUSED)
    click.echo(
        f"Created the administrator {user.username!r}. At her first sign-in Kopir asks her to set up "
        "two-step sign-in with an authenticator app, before anything else."
    )


if __name__ == "__main__":
    main()
