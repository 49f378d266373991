from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """Return plans, phased schedules, flexible and remote arrangements, contact, training, nursery, checks."""

    name = "kopir.returns"
    label = "returns"
