from django.apps import AppConfig


class LawConfig(AppConfig):
    """The public page of the law's changes, generated from the rules' parameter files."""

    name = "kopir.law"
    label = "law"
