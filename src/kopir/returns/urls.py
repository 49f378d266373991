"""The return-plan pages, included under the language prefix (/kk/, /ru/, /en/) by the root URLconf."""

from django.urls import path

from kopir.returns.views import arrangements, checks, employee, page, plan, support

app_name = "returns"
PLAN = "hr/episodes/<int:episode_id>/return-plan/"
urlpatterns = [
    path(PLAN, page.plan_page, name="plan"),
    path(f"{PLAN}plan/", plan.plan_save, name="plan_save"),
    path(f"{PLAN}phases/", plan.phase_add, name="phase_add"),
    path(f"{PLAN}arrangements/", arrangements.arrangement_add, name="arrangement_add"),
    path(f"{PLAN}arrangements/<int:item_id>/decision/", arrangements.arrangement_decide, name="arrangement_decide"),
    path(f"{PLAN}contacts/", support.contact_add, name="contact_add"),
    path(f"{PLAN}notices/", support.notice_add, name="notice_add"),
    path(f"{PLAN}training/", support.training_add, name="training_add"),
    path(f"{PLAN}training/<int:item_id>/completion/", support.training_complete, name="training_complete"),
    path(f"{PLAN}nursery/", arrangements.nursery_add, name="nursery_add"),
    path(f"{PLAN}nursery/<int:item_id>/queue/", arrangements.nursery_queue, name="nursery_queue"),
    path(f"{PLAN}nursery/<int:item_id>/placement/", arrangements.nursery_place, name="nursery_place"),
    path(f"{PLAN}interview/", support.interview_save, name="interview_save"),
    path(f"{PLAN}interview/share/", support.interview_share, name="interview_share"),
    path(f"{PLAN}checks/", checks.checks_run, name="checks_run"),
    path(f"{PLAN}checks/<int:check_id>/justification/", checks.check_justify, name="check_justify"),
    path(f"{PLAN}checks/<int:check_id>/approval/", checks.check_approve, name="check_approve"),
    path("me/return-plan/<int:episode_id>/", employee.my_plan, name="my_plan"),
    path(
        "me/return-plan/<int:episode_id>/notices/<int:notice_id>/acknowledgement/",
        employee.notice_acknowledge,
        name="notice_acknowledge",
    ),
]
