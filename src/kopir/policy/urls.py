from django.urls import path

from kopir.policy import views
from kopir.policy.builder_views import builder_new_page, builder_page, saved_reform_download, saved_reform_page

app_name = "policy"
urlpatterns = [
    path("policy/", views.simulate_page, name="simulate"),
    path("policy/runs/<int:run_id>/", views.run_page, name="run"),
    path("policy/runs/<int:run_id>/tables.xlsx", views.run_workbook_download, name="run_workbook"),
    path("policy/runs/<int:run_id>/<slug:table>.csv", views.run_csv_download, name="run_csv"),
    path("policy/compare/", views.compare_page, name="compare"),
]
urlpatterns += [path("policy/builder/", builder_page, name="builder")]
urlpatterns += [path("policy/builder/new/", builder_new_page, name="builder_new")]
urlpatterns += [path("policy/builder/<int:reform_id>/", saved_reform_page, name="builder_saved")]
urlpatterns += [path("policy/builder/<int:reform_id>/reform.yaml", saved_reform_download, name="builder_download")]
