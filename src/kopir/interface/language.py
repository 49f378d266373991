"""The page's language as the rules know it: one of kk, ru, en."""

from __future__ import annotations

from datetime import date

from django.utils.functional import lazy
from django.utils.translation import get_language

from kopir.rules import formats
from kopir.rules.law import LANGUAGES, Language


def current_language() -> Language:
    """The page's language as the rules know it (Kazakh if Django's is not one of the three)."""
    language = (get_language() or "kk")[:2]
    return language if language in LANGUAGES else "kk"


def _day_in_page_language(value: date) -> str:
    return formats.day(value, current_language())


# A service's error message is a lazy text rendered in the page's language when the page shows it,
# so the date inside it is too: "2026 жылғы 7 желтоқсан", "7 декабря 2026 г.", never "2026-12-07".
local_day = lazy(_day_in_page_language, str)
