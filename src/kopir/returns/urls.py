"""The return-plan pages, included under the language prefix (/kk/, /ru/, /en/) by the root URLconf."""

from django.urls import path

from kopir.returns import views

app_name = "returns"
PLAN = "hr/episodes/<int:episode_id>/return-plan/"
urlpatterns = [
    path(PLAN, views.plan_page, name="plan"),
    path(f"{PLAN}plan/", views.plan_save, name="plan_save"),
    path(f"{PLAN}phases/", views.phase_add, name="phase_add"),
    path(f"{PLAN}arrangements/", views.arrangement_add, name="arrangement_add"),
    path(f"{PLAN}arrangements/<int:item_id>/decision/", views.arrangement_decide, name="arrangement_decide"),
    path(f"{PLAN}contacts/", views.contact_add, name="contact_add"),
    path(f"{PLAN}notices/", views.notice_add, name="notice_add"),
    path(f"{PLAN}training/", views.training_add, name="training_add"),
    path(f"{PLAN}training/<int:item_id>/completion/", views.training_complete, name="training_complete"),
    path(f"{PLAN}nursery/", views.nursery_add, name="nursery_add"),
    path(f"{PLAN}nursery/<int:item_id>/queue/", views.nursery_queue, name="nursery_queue"),
    path(f"{PLAN}nursery/<int:item_id>/placement/", views.nursery_place, name="nursery_place"),
    path(f"{PLAN}interview/", views.interview_save, name="interview_save"),
    path(f"{PLAN}interview/share/", views.interview_share, name="interview_share"),
    path(f"{PLAN}checks/", views.checks_run, name="checks_run"),
    path(f"{PLAN}checks/<int:check_id>/justification/", views.check_justify, name="check_justify"),
    path(f"{PLAN}checks/<int:check_id>/approval/", views.check_approve, name="check_approve"),
    path("me/return-plan/<int:episode_id>/", views.my_plan, name="my_plan"),
    path(
        "me/return-plan/<int:episode_id>/notices/<int:notice_id>/acknowledgement/",
        views.notice_acknowledge,
        name="notice_acknowledge",
    ),
]
