from django.urls import path

from kopir.cases import views

app_name = "cases"
urlpatterns = [
    path("hr/", views.employee_list, name="employees"),
    path("hr/employees/<int:employee_id>/", views.employee_detail, name="employee"),
    path("hr/employees/<int:employee_id>/episodes/", views.episode_open, name="episode_open"),
    path("hr/episodes/<int:episode_id>/", views.episode_detail, name="episode"),
    path("hr/episodes/<int:episode_id>/segments/", views.segment_add, name="segment_add"),
    path("hr/episodes/<int:episode_id>/return/", views.return_add, name="return_add"),
    path("hr/episodes/<int:episode_id>/separation/", views.separation_add, name="separation_add"),
    path("hr/episodes/<int:episode_id>/replacement/", views.replacement_set, name="replacement_set"),
    path("me/", views.my_leave, name="my_leave"),
]
