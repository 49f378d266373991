"""The page's language as the rules know it: one of kk, ru, en."""

from __future__ import annotations

from django.utils.translation import get_language

from kopir.rules.law import LANGUAGES, Language


def current_language() -> Language:
    """The page's language as the rules know it (Kazakh if Django's is not one of the three)."""
    language = (get_language() or "kk")[:2]
    return language if language in LANGUAGES else "kk"
