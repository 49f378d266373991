"""Development: the embedded SQLite database, debug pages on, everything on localhost."""

from kopir.web.settings.base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405
# The demo data and its accounts (published password) belong to development; so does signing in to
# them without a second factor (KOPIR_SECOND_FACTOR_REQUIRED=true tries the enrolment locally).
KOPIR_DEMO_DATA = env.bool("KOPIR_DEMO_DATA", default=True)  # noqa: F405
KOPIR_SECOND_FACTOR_REQUIRED = env.bool("KOPIR_SECOND_FACTOR_REQUIRED", default=False)  # noqa: F405
