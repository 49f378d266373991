"""Root URLs: pages under a language prefix (/kk/, /ru/, /en/), the API and admin without one."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from kopir.web.api import api
from kopir.web.health import healthz, readyz
from kopir.web.home import episode_calculator, home, my_calculator

handler500 = "kopir.web.outages.server_error_or_outage"  # an outage in a middleware answers 503 too
handler400 = "kopir.web.bad_requests.refused_request"  # a form over the size limit, too many fields: a translated page
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("home/", home, name="home"),
    path("home/calculator/", my_calculator, name="my_calculator"),
    path("hr/episodes/<int:episode_id>/calculator/", episode_calculator, name="episode_calculator"),
    path("", include("kopir.calculator.urls")),
    path("", include("kopir.cases.urls")),
    path("", include("kopir.returns.urls")),
    path("", include("kopir.policy.urls")),
    path("", include("kopir.statistics.urls")),
    path("", include("kopir.publication.urls")),
    path("", include("kopir.law.urls")),
    path("accounts/", include("kopir.accounts.urls")),
    path("accounts/", include("kopir.notifications.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    prefix_default_language=True,
)
