from django.urls import path

from kopir.policy import views

app_name = "policy"
urlpatterns = [
    path("policy/", views.simulate_page, name="simulate"),
    path("policy/runs/<int:run_id>/", views.run_page, name="run"),
]
