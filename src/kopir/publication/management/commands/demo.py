"""``manage.py demo [--seed N] [--employees N] [--replace] [--today YYYY-MM-DD]``: the demo data.

Fills an empty case database with a synthetic public sector (`kopir.cases.demo.build_demo`),
the demo body's return plans and the analyst's runs (`kopir.publication.demo_build`), and
prints what it built and the demo accounts. ``kopir demo`` runs it with a progress bar;
`call_command("demo", progress=callback)` passes a progress callback too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kopir.cases.demo import DEMO_EMPLOYEES, DemoDatabaseNotEmpty, DemoDataRefused
from kopir.publication.demo_build import build_whole_demo

EXIT_REFUSED = 2


class Command(BaseCommand):
    help = "Fill an empty database with demo data: state bodies, employees, their leave and return plans, runs."
    stealth_options = ("progress",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed: the same seed gives the same data.")
        parser.add_argument(
            "--employees", type=int, default=DEMO_EMPLOYEES, help=f"Number of employees (default {DEMO_EMPLOYEES})."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete all state bodies, positions, employees and leave first (the access log is kept).",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The day the data is as of (YYYY-MM-DD; default: today). Fix it to reproduce data later.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["employees"] < 1:
            raise CommandError("--employees must be at least 1.")
        try:
            summary = build_whole_demo(
                seed=options["seed"],
                employees=options["employees"],
                today=options["today"],
                progress=options.get("progress"),
                replace=options["replace"],
            )
        except DemoDataRefused as error:
            raise CommandError(str(error), returncode=EXIT_REFUSED) from None
        except DemoDatabaseNotEmpty as error:
            raise CommandError(str(error)) from None
        self.stdout.write("\n".join(summary.lines()))
