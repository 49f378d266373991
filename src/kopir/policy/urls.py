from django.urls import path

from kopir.policy import views
from kopir.policy.builder_views import builder_new_page, builder_page, saved_reform_download, saved_reform_page

app_name = "policy"
urlpatterns = [
    path("policy/", views.simulate_page, name="simulate"),
    path("policy/runs/<int:run_id>/", views.run_page, name="run"),
]
urlpatterns += [path("policy/builder/", builder_page, name="builder")]
urlpatterns += [path("policy/builder/new/", builder_new_page, name="builder_new")]
urlpatterns += [path("policy/builder/<int:reform_id>/", saved_reform_page, name="builder_saved")]
urlpatterns += [path("policy/builder/<int:reform_id>/reform.yaml", saved_reform_download, name="builder_download")]
