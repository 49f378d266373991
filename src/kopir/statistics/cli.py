"""``kopir stats``: the statistics commands (exact indicators, protected releases).

The group lives here so that each command can sit beside the code it runs; commands import
Django lazily, after ``django.setup()``, so that ``kopir calc`` stays free of it.
"""

from __future__ import annotations

import click


@click.group()
def stats() -> None:
    """Statistics: exact indicators for analysts and protected public releases."""
