from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    """State bodies (hierarchy, level, region) and positions (corps, category, managerial level)."""

    name = "kopir.organisation"
    label = "organisation"
