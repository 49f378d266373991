"""Every setting, read from the environment with safe local defaults (twelve-factor).

The embedded default is a SQLite file under ``var/``; ``DATABASE_URL`` switches to PostgreSQL
(``postgres://user@127.0.0.1:5432/kopir``). ``REDIS_URL`` switches the cache (and with it the API's
rate limits) from local memory to Redis. ``production.py`` refuses to start with unsafe values.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent  # src/kopir
REPO_DIR = PACKAGE_DIR.parent.parent
env = environ.Env()

# GENERAL
# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="kopir-local-development-only-not-secret")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
ROOT_URLCONF = "kopir.web.urls"
WSGI_APPLICATION = "kopir.web.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
VAR_DIR = Path(env("KOPIR_VAR_DIR", default=str(REPO_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default keeps its database and queue files here

# DATABASES
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'kopir.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# A connection kept across requests is checked before reuse, so a restarted server costs one
# reconnection instead of an error (decision 0016).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The embedded SQLite under several clients at once: WAL lets readers go on beside the writer, and
# IMMEDIATE transactions take the write lock at BEGIN, where the busy timeout waits for it, instead
# of failing with "database is locked" when a reading transaction later wants to write.
KOPIR_SQLITE_BUSY_SECONDS = env.int("KOPIR_SQLITE_BUSY_SECONDS", default=20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": KOPIR_SQLITE_BUSY_SECONDS,
    }

# CACHES: local memory by default, Redis when REDIS_URL is set
# https://docs.djangoproject.com/en/5.2/topics/cache/
CACHES = {"default": env.cache("REDIS_URL", default="locmemcache://kopir")}

# APPS
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = ["ninja", "huey.contrib.djhuey", "axes", "django_otp", "django_otp.plugins.otp_totp"]
LOCAL_APPS = [
    "kopir.web",
    "kopir.calculator",
    "kopir.organisation",
    "kopir.accounts",
    "kopir.cases",
    "kopir.returns",
    "kopir.publication",
    "kopir.notifications",
]
LOCAL_APPS += ["kopir.exchange", "kopir.policy", "kopir.statistics", "kopir.interface", "kopir.law"]
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "calculator:form"
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "kopir.web.outages.OutageMiddleware",  # database, Redis or queue away: 503 with Retry-After (decision 0016)
    "django.middleware.security.SecurityMiddleware",
    # before WhiteNoise, so that static files carry them too (decision 0015)
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # every refusal (403, 401, an anonymous request sent to sign in, CSRF) into the access log
    "kopir.accounts.middleware.RefusalLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kopir.accounts.session_limits.SessionLimitsMiddleware",  # after messages: it says why it signed out
    "django_otp.middleware.OTPMiddleware",
    "kopir.accounts.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page (429)
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# INTERNATIONALISATION: Kazakh, Russian, English; the browser's language picks the default
# https://docs.djangoproject.com/en/5.2/topics/i18n/
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"

# STATIC FILES, served by WhiteNoise (no separate web server needed)
# https://whitenoise.readthedocs.io/
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# SECURITY
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp 4): scripts and styles from this site's static files only,
# nothing inline, no frames, forms post here. The Swagger UI of /api/v1/docs is django-ninja's
# local template, which keeps its script in a static file too (decision 0015).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Permissions-Policy: the pages use none of the browser's powerful features
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
CSRF_FAILURE_VIEW = "kopir.accounts.views.csrf_failure"  # translated, and logged as a refusal

# THE ACCESS LOG: this many refusals by one account or address within this many minutes is a
# burst, listed on the administrator's page and logged as a WARNING when it starts (decision 0015)
KOPIR_REFUSAL_BURST_COUNT = env.int("KOPIR_REFUSAL_BURST_COUNT", default=20)
KOPIR_REFUSAL_BURST_MINUTES = env.int("KOPIR_REFUSAL_BURST_MINUTES", default=10)

# JOB QUEUE (huey): reminders and escalations run by themselves. The embedded default keeps the
# queue in a SQLite file beside the database (no extra service); REDIS_URL moves it to Redis.
# https://huey.readthedocs.io/en/latest/django.html
_REDIS_URL = env("REDIS_URL", default="")
HUEY = {
    "name": "kopir",
    "immediate": env.bool("KOPIR_QUEUE_IMMEDIATE", default=False),
    "consumer": {"workers": 1, "worker_type": "thread"},
    **(
        {"huey_class": "huey.RedisHuey", "url": _REDIS_URL}
        if _REDIS_URL
        else {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "queue.sqlite3")}
    ),
}
# OUTAGES AND JOBS (decision 0016): how long a client should wait during an outage; a queued run's
# lease (its worker beats every KOPIR_JOB_HEARTBEAT_SECONDS; silent for KOPIR_JOB_LEASE_SECONDS it
# is taken up again), how often, how long a run may wait in the queue, how many a user may have
KOPIR_RETRY_AFTER_SECONDS = env.int("KOPIR_RETRY_AFTER_SECONDS", default=5)
KOPIR_JOB_HEARTBEAT_SECONDS = env.float("KOPIR_JOB_HEARTBEAT_SECONDS", default=10)
KOPIR_JOB_LEASE_SECONDS = env.float("KOPIR_JOB_LEASE_SECONDS", default=60)
KOPIR_JOB_QUEUE_TIMEOUT_SECONDS = env.float("KOPIR_JOB_QUEUE_TIMEOUT_SECONDS", default=900)
KOPIR_JOB_MAX_ATTEMPTS = env.int("KOPIR_JOB_MAX_ATTEMPTS", default=3)
KOPIR_JOBS_PER_USER = env.int("KOPIR_JOBS_PER_USER", default=3)
KOPIR_RETURN_ESCALATION_WORKING_DAYS = env.int("KOPIR_RETURN_ESCALATION_WORKING_DAYS", default=5)
KOPIR_LEAVE_END_NOTICE_WORKING_DAYS = env.int("KOPIR_LEAVE_END_NOTICE_WORKING_DAYS", default=10)
# the return plan: a decision on a flexible-work request, notice of it, the return interview
KOPIR_ARRANGEMENT_DECISION_WORKING_DAYS = env.int("KOPIR_ARRANGEMENT_DECISION_WORKING_DAYS", default=10)
KOPIR_DECISION_NOTICE_WORKING_DAYS = env.int("KOPIR_DECISION_NOTICE_WORKING_DAYS", default=2)
KOPIR_INTERVIEW_WORKING_DAYS = env.int("KOPIR_INTERVIEW_WORKING_DAYS", default=10)
# records exchange: the largest upload over HTTP (about 200,000 employees with their histories)
KOPIR_RECORDS_UPLOAD_MAX_BYTES = env.int("KOPIR_RECORDS_UPLOAD_MAX_BYTES", default=200 * 1024 * 1024)

# EMAIL (issue 18, decision 0021): SMTP from EMAIL_URL (smtp://user:password@host:587, smtp+tls://,
# smtps://); without it development shows each message on the console. Reminders are sent from the
# queue, retried KOPIR_MAIL_RETRIES times KOPIR_MAIL_RETRY_SECONDS apart; links start with KOPIR_SITE_URL.
_EMAIL = {k: v for k, v in env.email_url("EMAIL_URL", default="consolemail://").items() if v is not None}
vars().update(_EMAIL)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="kopir@localhost")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
KOPIR_MAIL_ENABLED = True
KOPIR_MAIL_RETRIES = env.int("KOPIR_MAIL_RETRIES", default=4)
KOPIR_MAIL_RETRY_SECONDS = env.int("KOPIR_MAIL_RETRY_SECONDS", default=300)
KOPIR_SITE_URL = env("KOPIR_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# the record of sent messages is kept this many days, then deleted by the nightly prune
KOPIR_MAIL_KEEP_DAYS = env.int("KOPIR_MAIL_KEEP_DAYS", default=400)

# PERSONAL DATA: the IIN is stored encrypted (KOPIR_FIELD_KEY) and linked by a keyed hash
# (KOPIR_LINK_KEY). The defaults serve development only; production requires real keys.
KOPIR_FIELD_KEY = env("KOPIR_FIELD_KEY", default="kopir-local-field-key-for-development-only")
KOPIR_LINK_KEY = env("KOPIR_LINK_KEY", default="kopir-local-link-key-for-development-only")

# REQUEST LIMITS: the calculation API takes small JSON bodies only
KOPIR_API_MAX_BODY_BYTES = env.int("KOPIR_API_MAX_BODY_BYTES", default=64 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = KOPIR_API_MAX_BODY_BYTES
KOPIR_API_RATE = env("KOPIR_API_RATE", default="120/m")
# THE CLIENT'S ADDRESS: X-Forwarded-For is read only from these reverse proxies (networks), or from
# this many proxies in front; neither set (the default) ignores the header (kopir.accounts.client_address)
KOPIR_TRUSTED_PROXIES = env.list("KOPIR_TRUSTED_PROXIES", default=[])
for _network in KOPIR_TRUSTED_PROXIES:  # a typo here would fail every request later: stop the start instead
    try:
        ipaddress.ip_network(_network.strip(), strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"KOPIR_TRUSTED_PROXIES: {_network!r} is not an address or network.") from None
KOPIR_TRUSTED_PROXY_COUNT = env.int("KOPIR_TRUSTED_PROXY_COUNT", default=0)

# SIGN-IN (issue 12, decision 0013): lockout after repeated failures, password rules, a second
# factor for the roles that see many people's data, and limits on how long a session lives.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# django-axes: N failures lock the account (whatever the address) and the address (whatever the
# account) for the cool-off; counted in the database, so the count holds across gunicorn workers.
AXES_FAILURE_LIMIT = env.int("KOPIR_SIGNIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("KOPIR_SIGNIN_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "kopir.accounts.client_address.client_address"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "kopir.accounts.signin.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = False  # a success would also clear the address's count: one own account would reset it
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "kopir.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("KOPIR_PASSWORD_MIN_LENGTH", default=12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The second factor (TOTP, django-otp) is required of these roles and of every staff user; the
# others may enrol. Only the development settings may turn the requirement off (the demo accounts).
KOPIR_SECOND_FACTOR_ROLES = ["administrator", "hr_officer", "body_head"]
KOPIR_SECOND_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "Kopir"
# Sessions: the roles above are signed out after this many minutes without a request; every
# session ends this many hours after sign-in, whatever the activity.
KOPIR_SESSION_IDLE_MINUTES = env.int("KOPIR_SESSION_IDLE_MINUTES", default=30)
KOPIR_SESSION_LIFETIME_HOURS = env.int("KOPIR_SESSION_LIFETIME_HOURS", default=12)
SESSION_COOKIE_AGE = KOPIR_SESSION_LIFETIME_HOURS * 3600
# Demo data (`kopir demo`, and `kopir serve` on an empty database) only where this is on: the
# development settings turn it on; the production settings refuse it whatever the environment says.
KOPIR_DEMO_DATA = env.bool("KOPIR_DEMO_DATA", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}
