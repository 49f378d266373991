from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users with roles scoped to a state body, and the personal-data access log."""

    name = "kopir.accounts"
    label = "accounts"

    def ready(self) -> None:
        from kopir.accounts import signin  # noqa: F401, PLC0415 - connects the sign-in receivers
