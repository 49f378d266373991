from django.urls import path

from kopir.policy import views

app_name = "policy"
urlpatterns = [
    path("policy/", views.simulate_page, name="simulate"),
    path("policy/runs/<int:run_id>/", views.run_page, name="run"),
    path("policy/runs/<int:run_id>/tables.xlsx", views.run_workbook_download, name="run_workbook"),
    path("policy/runs/<int:run_id>/<slug:table>.csv", views.run_csv_download, name="run_csv"),
    path("policy/compare/", views.compare_page, name="compare"),
]
