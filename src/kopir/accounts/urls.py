"""The second-factor pages, under /<lang>/accounts/ beside Django's sign-in pages."""

from django.urls import path

from kopir.accounts import second_factor_views
from kopir.accounts.second_factor import ENROL, VERIFY

urlpatterns = [
    path("second-factor/", second_factor_views.second_factor_verify, name=VERIFY),
    path("second-factor/enrol/", second_factor_views.second_factor_enrol, name=ENROL),
]
