"""The public statistics portal, under the language prefix (/kk/, /ru/, /en/)."""

from django.urls import path

from kopir.publication import views

app_name = "publication"
urlpatterns = [
    path("statistics/", views.portal, name="portal"),
    path("statistics/releases/<int:release_id>.xlsx", views.release_xlsx, name="release_xlsx"),
    path("statistics/gri/", views.gri_index, name="gri_index"),
    path("statistics/gri/<str:body>/", views.gri_report, name="gri"),
    path("statistics/gri/<str:body>/gri-401-3.csv", views.gri_download_csv, name="gri_csv"),
    path("statistics/gri/<str:body>/gri-401-3.xlsx", views.gri_download_xlsx, name="gri_xlsx"),
]
