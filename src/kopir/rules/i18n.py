"""Explanation, warning and error texts in Kazakh, Russian and English.

The English text is the message id (gettext style); Kazakh and Russian come from
``locale/<lang>/LC_MESSAGES/kopir_rules.po``. The catalogues are read with Babel and
compiled in memory on first use, so a fresh checkout needs no build step and the `.po`
files stay the single source.

Values are formatted for the language by ``kopir.rules.formats``, the formatter the pages use
too (``1 134 000 ₸`` in kk and ru, ``1,134,000 ₸`` in en), never inside the translated sentence.

Rendering is on the path of every answer, so what repeats is built once per language: the
translated template of a message, with the placeholders a full stop follows in it, and the
formatter of each type of value (``formats`` caches each formatted value).
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache, singledispatch
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kopir.rules import formats
from kopir.rules.law import LANGUAGES, Language, Translated

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "kopir_rules"


def N_(message: str) -> str:  # noqa: N802 - the conventional name of gettext_noop
    """Mark a message for translation where it is defined; it is translated when rendered."""
    return message


# The values an explanation shows (some thirty a calculation) are an int of their own type or a slotted
# object, not a frozen dataclass, which costs two to three times as much to build (its fields set through
# ``object.__setattr__``, in a dictionary of its own). None equals a value of another of these types:
# ``Money(5) != Percent(Decimal(5))``, as when they were dataclasses.


class Money(int):
    """An amount in tiyn, shown as tenge: an int of its own type, immutable and built in C.

    Equal to the same number of tiyn (the formatter's cache, shared with the pages, finds it), never
    to a `Percent` or a `MonthOf`.
    """

    __slots__ = ()

    @property
    def tiyn(self) -> int:
        return int(self)

    def __repr__(self) -> str:
        return f"Money({int(self)})"


class _Shown:
    """A value shown in a way of its own, held in its one slot; equal only to one of its own type holding an
    equal value, and not changed once made."""

    __slots__: tuple[str] = ()  # type: ignore[assignment]  # each kind names its one slot

    def _held(self) -> object:
        return getattr(self, self.__slots__[0])

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._held() == other._held()

    def __hash__(self) -> int:
        return hash((type(self), self._held()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._held()!r})"


class Percent(_Shown):
    """A rate, shown as a percentage.

    It holds the rate it is given, not a Decimal of its own: the rate read from the law keeps its hash,
    which the formatter's cache asks for and a new Decimal computes again (a modular power).
    """

    __slots__ = ("rate",)

    def __init__(self, rate: Decimal) -> None:
        self.rate = rate


class MonthOf(_Shown):
    """A calendar month, shown as "July 2025" (its first day)."""

    __slots__ = ("first_day",)

    def __init__(self, first_day: date) -> None:
        self.first_day = first_day


@dataclass(frozen=True)
class Phrase:
    """A message id used as a value inside another message; translated with it."""

    msgid: str


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


@format_value.register
def _(value: Money, lang: Language) -> str:
    return formats.tenge(value, lang)


@format_value.register
def _(value: MonthOf, lang: Language) -> str:
    return formats.month(value.first_day, lang)


@format_value.register
def _(value: date, lang: Language) -> str:
    return formats.day(value, lang)


@format_value.register
def _(value: Percent, lang: Language) -> str:
    return formats.percent(value.rate, lang)


@format_value.register
def _(value: Translated, lang: Language) -> str:
    return value.texts[lang]


@format_value.register
def _(value: Phrase, lang: Language) -> str:
    return template(value.msgid, lang)


@format_value.register(int)
@format_value.register(Decimal)
def _(value: int | Decimal, lang: Language) -> str:
    return str(value) if isinstance(value, bool) else formats.number(value, lang, 3)


def template(msgid: str, lang: Language) -> str:
    """The translated text of a message id, looked up once per language (kept with its placeholders, `_compiled`)."""
    return _compiled(msgid, lang)[0]


_FORMATTERS: dict[type, Callable[[Any, Language], str]] = {}
_PLACEHOLDER_AT_STOP = re.compile(r"%\((\w+)\)s\.")


@lru_cache(maxsize=4096)
def _compiled(msgid: str, lang: Language) -> tuple[str, frozenset[str]]:
    """The translated text, and the placeholders a full stop follows in it: found once per language."""
    text = translations(lang).gettext(msgid)
    return text, frozenset(_PLACEHOLDER_AT_STOP.findall(text))


def _formatter(kind: type) -> Callable[[Any, Language], str]:
    """`format_value`'s formatter for a type of value, found once per type instead of on every call."""
    formatter = _FORMATTERS[kind] = format_value.dispatch(kind)
    return formatter


def render(msgid: str, params: Mapping[str, Any], lang: Language) -> str:
    """Translate a message and fill its named placeholders with values formatted for the language."""
    text, stops = _compiled(msgid, lang)
    if not params:
        return text
    values = {}
    for name, value in params.items():
        kind = type(value)
        shown = values[name] = (_FORMATTERS.get(kind) or _formatter(kind))(value, lang)
        if name in stops and shown.endswith("."):
            text = text.replace(f"%({name})s.", f"%({name})s")  # "7 декабря 2026 г." ends the sentence once
    return text % values
