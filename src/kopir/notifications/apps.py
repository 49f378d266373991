from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Email: each person's preferences, and the record of every message queued and sent."""

    name = "kopir.notifications"
    label = "notifications"
