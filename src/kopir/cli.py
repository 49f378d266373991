"""The ``kopir`` command.

    kopir calc [FILE] [--lang kk|ru|en]   contract v1: a request (file or stdin) -> the response

Bad input exits with status 2, prints nothing on standard output and the contract's error
object on standard error (kz-benefits contract, shared/contracts/calculation.md).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any, TextIO

import click
import simplejson

from kopir.rules import InvalidRequest, calculate, error_document
from kopir.rules.errors import FieldError
from kopir.rules.i18n import N_
from kopir.rules.law import LANGUAGES, Language

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
    call_command("collectstatic", interactive=False, verbosity=0)
    click.echo(f"Kopir is serving on http://{host}:{port}/ (Ctrl+C stops it)")
    os.execvp(  # noqa: S606 - replace this process with gunicorn
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kopir.web.wsgi",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--access-logfile=-",
        ],
    )


if __name__ == "__main__":
    main()
