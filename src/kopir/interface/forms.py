"""Form widgets every app's forms share."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker (``<input type="date">``), which sends and shows ISO dates."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")
