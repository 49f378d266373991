from django.urls import path

from kopir.calculator import journey_views
from kopir.calculator.views import CalculatorView, TimelineCalendarView

app_name = "calculator"
urlpatterns = [
    path("", CalculatorView.as_view(), name="form"),
    path("timeline.ics", TimelineCalendarView.as_view(), name="timeline"),
    path("calculator/", journey_views.StartView.as_view(), name="start"),
    path("calculator/example/", journey_views.ExampleView.as_view(), name="example"),
    path("calculator/start-again/", journey_views.StartAgainView.as_view(), name="start_again"),
    path("calculator/question/<slug:slug>/", journey_views.StepView.as_view(), name="step"),
    path("calculator/check/", journey_views.CheckView.as_view(), name="check"),
    path("calculator/result/", journey_views.ResultView.as_view(), name="result"),
    path("calculator/compare/", journey_views.CompareView.as_view(), name="compare"),
    path("calculator/print/", journey_views.PrintView.as_view(), name="print"),
]
