"""Tests: fast password hashing, an in-memory SQLite database unless DATABASE_URL names PostgreSQL."""

from kopir.web.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not env("DATABASE_URL", default=""):  # noqa: F405
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:", "ATOMIC_REQUESTS": True}}
KOPIR_API_RATE = env("KOPIR_API_RATE", default="100000/m")  # noqa: F405 - tests set their own limits
HUEY = {"name": "kopir-test", "immediate": True}  # tasks run in the calling process
KOPIR_DEMO_DATA = True  # the demo's own tests build it; the production refusal is tested in a subprocess
KOPIR_ACCESS_LOG_FLUSHABLE = True  # transactional tests flush the database between tests (accounts' flush)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the SMTP tests start a real server
