"""GOV.UK's date input: a date as three boxes (day, month, year) instead of the browser's date picker.

The browser's picker shows mm/dd/yyyy or dd.mm.yyyy depending on its own locale, whatever the page's
language; three labelled boxes read the same in every browser and need no JavaScript. The day box takes
the field's own id, so an error summary's ``#id_<field>`` link lands in the first box.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NOT_A_DATE = _("Enter a real date: the day, the month and the year, for example 27 3 2027.")
INCOMPLETE = _("The date must include a day, a month and a year.")
PARTS = ("day", "month", "year")
EARLIEST_YEAR = 1900  # a two-digit year ("27") is a mistake to point out, not the year 27


class DatePartsWidget(forms.MultiWidget):
    """Three numeric text boxes named ``<name>_day``, ``<name>_month`` and ``<name>_year``."""

    template_name = "calculator/widgets/date_parts.html"

    def __init__(self) -> None:
        numeric = {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs=numeric | {"class": "date-part date-part-2", "maxlength": "2"}),
            "month": forms.TextInput(attrs=numeric | {"class": "date-part date-part-2", "maxlength": "2"}),
            "year": forms.TextInput(attrs=numeric | {"class": "date-part date-part-4", "maxlength": "4"}),
        }
        super().__init__(widgets)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
            return [day.day, day.month, day.year]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        field_id = (attrs or {}).get("id")
        for part, subwidget in zip(PARTS, subwidgets, strict=True):
            subwidget["part"] = part
            if field_id:  # the day box answers to the field's id; the others to <id>_month, <id>_year
                subwidget["attrs"]["id"] = field_id if part == "day" else f"{field_id}_{part}"
        return context

    def id_for_label(self, id_: str) -> str:
        return id_


class DatePartsField(forms.MultiValueField):
    """A date from three boxes; a half-filled or impossible date is an error that says what to write."""

    widget = DatePartsWidget

    def __init__(self, **kwargs: Any) -> None:
        parts = [forms.CharField(max_length=4) for _part in PARTS]
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> date | None:
        values = [str(part or "").strip() for part in (value or ["", "", ""])]
        if not any(values):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        if not all(values):
            raise ValidationError(INCOMPLETE, code="incomplete")
        try:
            day, month, year = (int(part) for part in values)
            answer = date(year, month, day)
        except (ValueError, OverflowError):  # "x", 31 February, or a year of twenty digits
            raise ValidationError(NOT_A_DATE, code="invalid") from None
        if year < EARLIEST_YEAR:
            raise ValidationError(NOT_A_DATE, code="invalid")
        return answer

    def compress(self, data_list: list[Any]) -> date | None:  # pragma: no cover - clean() does the work
        return None
