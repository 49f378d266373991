from django.apps import AppConfig


class InterfaceConfig(AppConfig):
    """Installed only so Django finds the shared form templates (``interface/...``); it has no models."""

    name = "kopir.interface"
    label = "interface"
