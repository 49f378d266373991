from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    """The indicators I1-I16: exact figures for analysts, their methodology, their recomputation."""

    name = "kopir.statistics"
    label = "statistics"
