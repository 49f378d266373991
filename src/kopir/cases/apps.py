from django.apps import AppConfig


class CasesConfig(AppConfig):
    """People and their leave: employees, children, pay history, appointments, leave episodes."""

    name = "kopir.cases"
    label = "cases"
