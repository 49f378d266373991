from django.apps import AppConfig


class CalculatorConfig(AppConfig):
    """The public payment calculator and its JSON API."""

    name = "kopir.calculator"
    label = "calculator"
