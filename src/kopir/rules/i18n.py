"""Explanation, warning and error texts in Kazakh, Russian and English.

The English text is the message id (gettext style); Kazakh and Russian come from
``locale/<lang>/LC_MESSAGES/kopir_rules.po``. The catalogues are read with Babel and
compiled in memory on first use, so a fresh checkout needs no build step and the `.po`
files stay the single source.

Values are formatted for the language by Babel (``1 134 000 ₸`` in kk and ru,
``1,134,000 ₸`` in en), never inside the translated sentence.

Rendering is on the path of every answer, so what repeats is built once per language: the
translated template of a message, each formatted number, date and percentage (Babel parses its
pattern on every call), and the formatter of each type of value.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from functools import lru_cache, singledispatch
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

from kopir.rules.law import LANGUAGES, Language
from kopir.rules.money import tenge

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "kopir_rules"


def N_(message: str) -> str:  # noqa: N802 - the conventional name of gettext_noop
    """Mark a message for translation where it is defined; it is translated when rendered."""
    return message


@dataclass(frozen=True)
class Money:
    """An amount in tiyn, shown as tenge."""

    tiyn: int


@dataclass(frozen=True)
class MonthOf:
    """A calendar month, shown as "July 2025"."""

    first_day: date


@dataclass(frozen=True)
class Percent:
    """A rate, shown as a percentage."""

    rate: Decimal


@dataclass(frozen=True)
class Phrase:
    """A message id used as a value inside another message; translated with it."""

    msgid: str


@dataclass(frozen=True)
class Translated:
    """A text that comes already in three languages (a parameter's label)."""

    texts: Mapping[str, str]


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: Language) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English needs none: the ids are English)."""
    po_file = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po_file.exists():
        return gettext.NullTranslations()
    with po_file.open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@singledispatch
def format_value(value: Any, lang: Language) -> str:
    """Format one placeholder value for a language (plain text by default)."""
    return str(value)


@lru_cache(maxsize=len(LANGUAGES))
def _locale(lang: Language) -> Locale:
    return Locale.parse(lang)


@lru_cache(maxsize=8192)
def _number(value: Decimal | int, lang: Language, pattern: str | None = None) -> str:
    """Babel's number formatting, cached: amounts repeat across steps and calculations.

    Babel quantizes in the current decimal context; a wide one keeps any exact amount exact.
    """
    with localcontext() as context:
        context.prec = 60
        return format_decimal(value, format=pattern, locale=_locale(lang))


@lru_cache(maxsize=8192)
def _money(tiyn: int, lang: Language) -> str:
    """Cached by the integer amount: no Decimal is built or hashed when the amount was shown before."""
    return _number(tenge(tiyn), lang, "#,##0.##") + "\u00a0₸"


@format_value.register
def _(value: Money, lang: Language) -> str:
    return _money(value.tiyn, lang)


@lru_cache(maxsize=4096)
def _date(day: date, pattern: str, lang: Language) -> str:
    return format_date(day, format=pattern, locale=_locale(lang))


@format_value.register
def _(value: MonthOf, lang: Language) -> str:
    text = _date(value.first_day, "LLLL yyyy", lang)
    return text.lower() if lang == "kk" else text  # a month name is not capitalised mid-sentence in Kazakh


# Kazakh and Russian official texts write dates as 08.07.2025; English spells the month.
DATE_PATTERNS: dict[str, str] = {"kk": "dd.MM.yyyy", "ru": "dd.MM.yyyy", "en": "d MMMM yyyy"}


@format_value.register
def _(value: date, lang: Language) -> str:
    return _date(value, DATE_PATTERNS[lang], lang)


@lru_cache(maxsize=1024)
def _percent(rate: Decimal, lang: Language) -> str:
    return format_percent(rate, format="#,##0.##%", locale=_locale(lang))


@format_value.register
def _(value: Percent, lang: Language) -> str:
    return _percent(value.rate, lang)


@format_value.register
def _(value: Translated, lang: Language) -> str:
    return value.texts[lang]


@format_value.register
def _(value: Phrase, lang: Language) -> str:
    return template(value.msgid, lang)


@format_value.register(int)
@format_value.register(Decimal)
def _(value: int | Decimal, lang: Language) -> str:
    return str(value) if isinstance(value, bool) else _number(value, lang)


@lru_cache(maxsize=4096)
def template(msgid: str, lang: Language) -> str:
    """The translated text of a message id, looked up once per language."""
    return translations(lang).gettext(msgid)


_FORMATTERS: dict[type, Callable[[Any, Language], str]] = {}


def _formatter(kind: type) -> Callable[[Any, Language], str]:
    """`format_value`'s formatter for a type of value, found once per type instead of on every call."""
    formatter = _FORMATTERS[kind] = format_value.dispatch(kind)
    return formatter


def render(msgid: str, params: Mapping[str, Any], lang: Language) -> str:
    """Translate a message and fill its named placeholders with values formatted for the language."""
    text = template(msgid, lang)
    if not params:
        return text
    values = {}
    for name, value in params.items():
        kind = type(value)
        values[name] = (_FORMATTERS.get(kind) or _formatter(kind))(value, lang)
    return text % values
