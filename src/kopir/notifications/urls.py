from django.urls import path

from kopir.notifications import views

app_name = "notifications"
urlpatterns = [path("mail/", views.preferences, name="preferences")]
