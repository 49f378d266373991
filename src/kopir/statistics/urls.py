"""The statistics pages, under the language prefix: public methodology, exact tables behind access control."""

from django.urls import path

from kopir.statistics import views

app_name = "statistics"
urlpatterns = [
    path("statistics/methodology/", views.methodology, name="methodology"),
    path("statistics/methodology/<slug:slug>/", views.methodology_indicator, name="indicator"),
    path("analysis/indicators/", views.exact_tables, name="exact"),
    path("analysis/indicators/runs/", views.run_request, name="run_request"),
]
