"""Production: refuses to start without a real secret, hosts and database; HTTPS everywhere.

``manage.py check --deploy`` is clean with these settings (tested).
"""

from django.core.exceptions import ImproperlyConfigured

from kopir.web.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")  # noqa: F405 - no default: a missing key stops the start
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("kopir-local"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random value of at least 50 characters.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")  # noqa: F405
KOPIR_FIELD_KEY = env("KOPIR_FIELD_KEY")  # noqa: F405 - the IIN's encryption key: no default
KOPIR_LINK_KEY = env("KOPIR_LINK_KEY")  # noqa: F405 - the IIN's link key: no default
for _name in ("KOPIR_FIELD_KEY", "KOPIR_LINK_KEY"):
    if len(globals()[_name]) < 32 or globals()[_name].startswith("kopir-local"):
        raise ImproperlyConfigured(f"{_name} must be a random value of at least 32 characters.")
DATABASES = {"default": env.db("DATABASE_URL")}  # noqa: F405
# Production runs the job queue and the rate-limit counters on Redis: REDIS_URL has no default.
REDIS_URL = env("REDIS_URL")  # noqa: F405
CACHES = {"default": env.cache("REDIS_URL")}  # noqa: F405
HUEY = {
    "name": "kopir",
    "huey_class": "huey.RedisHuey",
    "url": REDIS_URL,
    "immediate": False,
    "consumer": {"workers": 2, "worker_type": "thread"},
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a restarted PostgreSQL costs a reconnection, not a 500

# EMAIL (decision 0021): optional. Without EMAIL_URL no message is queued (the reminders stay on the
# pages); with it, only a real SMTP server will do (the console or a file would put personal data in
# logs), from a sender address of the office's own.
_EMAIL_URL = env("EMAIL_URL", default="")  # noqa: F405
KOPIR_MAIL_ENABLED = bool(_EMAIL_URL)
if not _EMAIL_URL:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
elif not _EMAIL_URL.startswith(("smtp://", "smtps://", "smtp+tls://", "smtp+ssl://")):
    raise ImproperlyConfigured("EMAIL_URL must name an SMTP server (smtp://, smtps:// or smtp+tls://).")
elif not env("DEFAULT_FROM_EMAIL", default=""):  # noqa: F405
    raise ImproperlyConfigured("DEFAULT_FROM_EMAIL must be set when EMAIL_URL is: the address messages come from.")
KOPIR_SITE_URL = env("KOPIR_SITE_URL", default=f"https://{ALLOWED_HOSTS[0]}").rstrip("/")  # noqa: F405

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = False

# No demo data and no sign-in without the second factor, whatever the environment says (decision 0013).
KOPIR_DEMO_DATA = False
KOPIR_SECOND_FACTOR_REQUIRED = True
