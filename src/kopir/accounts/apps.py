from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users with roles scoped to a state body, and the personal-data access log."""

    name = "kopir.accounts"
    label = "accounts"
