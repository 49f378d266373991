from django.apps import AppConfig


class PolicyConfig(AppConfig):
    """The analysts' page of the microsimulation (kopir.microsim)."""

    name = "kopir.policy"
    label = "policy"
