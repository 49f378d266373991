from django.apps import AppConfig


class WebConfig(AppConfig):
    """Registers the base templates, static files and the Babel formatting filters."""

    name = "kopir.web"
    label = "web"
