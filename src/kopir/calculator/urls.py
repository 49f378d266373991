from django.urls import path

from kopir.calculator.views import CalculatorView, TimelineCalendarView

app_name = "calculator"
urlpatterns = [
    path("", CalculatorView.as_view(), name="form"),
    path("timeline.ics", TimelineCalendarView.as_view(), name="timeline"),
]
