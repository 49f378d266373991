"""Development: the embedded SQLite database, debug pages on, everything on localhost."""

from kopir.web.settings.base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405
