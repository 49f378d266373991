from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """Import and export of personnel and leave records (contract records-exchange v1)."""

    name = "kopir.exchange"
    label = "exchange"
