"""The one formatter of dates, months, numbers, percentages and money for each language (Babel).

Every page, chart, export and command-line table formats its values here, and so do the rules'
explanations (``kopir.rules.i18n``), so a value reads the same wherever it is shown. The module
knows nothing of Django: a page passes its language.

What each language's official texts write:

- a date: "2026 жылғы 7 желтоқсан" (Kazakh puts the year first, in the genitive), "7 декабря 2026 г.",
  "7 December 2026";
- a month: "2025 жылғы шілде", "июль 2025", "July 2025";
- numbers and percentages with a decimal comma and a space between thousands in kk and ru;
- a value that rounds to zero is shown as zero, never "-0" or "-0,0%".

Babel parses a pattern on every call, and amounts and dates repeat across steps, so the results
are cached by value.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from kopir.rules.law import Language
from kopir.rules.money import tenge as in_tenge

# Kazakh writes the year first: "2026 жылғы 7 желтоқсан" (the format context keeps the month in lower case).
DATE_PATTERNS: dict[str, str] = {"kk": "y 'жылғы' d MMMM", "ru": "d MMMM y 'г.'", "en": "d MMMM y"}
# A month on its own is in the nominative in Russian ("июль 2025"), so the stand-alone form.
MONTH_PATTERNS: dict[str, str] = {"kk": "y 'жылғы' MMMM", "ru": "LLLL y", "en": "LLLL y"}


def language(code: str | None) -> Language:
    """One of the three languages for a language code ("ru-RU" is ru); Kazakh, the state language, otherwise."""
    short = (code or "kk")[:2]
    return "ru" if short == "ru" else "en" if short == "en" else "kk"


@lru_cache(maxsize=3)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@lru_cache(maxsize=4096)
def day(value: date, lang: Language) -> str:
    """A date as the language's official texts write it: "2026 жылғы 7 желтоқсан", "7 декабря 2026 г."."""
    return format_date(value, format=DATE_PATTERNS[lang], locale=_locale(lang))


@lru_cache(maxsize=1024)
def month(first_day: date, lang: Language) -> str:
    """A calendar month: "2025 жылғы шілде", "июль 2025", "July 2025"."""
    return format_date(first_day, format=MONTH_PATTERNS[lang], locale=_locale(lang))


def _pattern(places: int, *, exact: bool) -> str:
    """Grouped thousands with `places` decimals: all of them shown, or at most that many when not `exact`."""
    return "#,##0" + ("." + ("0" if exact else "#") * places if places else "")


def _unsigned_zero(value: Decimal, places: int) -> Decimal:
    """`value` without its sign when it rounds to zero at `places` decimals, so that it never shows as -0."""
    return abs(value) if value.quantize(Decimal(1).scaleb(-places)) == 0 else value


@lru_cache(maxsize=8192)
def number(value: Decimal | int | float, lang: Language, places: int = 2, *, exact: bool = False) -> str:
    """A number grouped by thousands, rounded to `places` decimals (trailing zeros dropped unless `exact`).

    Babel quantizes in the current decimal context; a wide one keeps any exact amount exact.
    """
    amount = _unsigned_zero(Decimal(str(value)) if isinstance(value, float) else Decimal(value), places)
    with localcontext() as context:
        context.prec = 60
        return format_decimal(amount, format=_pattern(places, exact=exact), locale=_locale(lang))


@lru_cache(maxsize=4096)
def percent(rate: Decimal | float, lang: Language, places: int = 2, *, exact: bool = False) -> str:
    """A rate (0.941) as a percentage: "94,1%" in kk and ru, "94.1%" in en; never "-0%"."""
    share = Decimal(str(rate)) if isinstance(rate, float) else Decimal(rate)
    share = _unsigned_zero(share * 100, places) / 100
    return format_percent(share, format=_pattern(places, exact=exact) + "%", locale=_locale(lang))


def percentage(points: Decimal | float, lang: Language, places: int = 2, *, exact: bool = False) -> str:
    """A figure already in percentage points (94.1) as a percentage."""
    value = Decimal(str(points)) if isinstance(points, float) else Decimal(points)
    return percent(value / 100, lang, places, exact=exact)


@lru_cache(maxsize=8192)
def tenge(tiyn: int, lang: Language) -> str:
    """An amount in tiyn as tenge: "1 134 000 ₸" in kk and ru, "1,134,000 ₸" in en."""
    return number(in_tenge(tiyn), lang) + "\u00a0₸"
