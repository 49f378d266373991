from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Releases of protected statistics, the open-data API and the public statistics portal."""

    name = "kopir.publication"
    label = "publication"
