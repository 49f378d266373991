"""The law's changes, under the language prefix (/kk/law/, /ru/law/, /en/law/)."""

from django.urls import path

from kopir.law import views

app_name = "law"
urlpatterns = [path("law/", views.law_changes_page, name="changes")]
