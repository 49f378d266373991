"""The language of the command line's own words: click's "Usage:", "Error:", "Options" and the ``--help`` texts.

A command with ``--lang`` prints its results in that language, so its help and click's words about it
(``Error: Invalid value for '--size'``) follow the same choice. Without ``--lang`` on the command line
(``kopir --help``, ``kopir serve --help``, a mistyped command) the language is ``KOPIR_LANG``, then the
POSIX locale (the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set: ``ru_RU.UTF-8`` is Russian),
and English otherwise, as ``--lang`` defaults to (decision 0025).

The texts are entries of the rules' catalogue (``kopir_rules``), the one the command line's tables and
messages already use, looked up by their English text; a text without an entry stays English.
Click looks its words up through the module-level ``gettext`` names of its modules and formats help
with ``Context.formatter_class``; both are replaced only while a command runs, and put back afterwards.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import click
from babel.messages.pofile import read_po

from kopir.rules.i18n import DOMAIN, LOCALE_DIR
from kopir.rules.law import LANGUAGES, Language

LANG_OPTION = "--lang"
LANGUAGE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)
EXTRAS = "  ["  # click appends "  [default: 0]" to an option's help


def command_line_language(args: Sequence[str], environ: Mapping[str, str]) -> Language:
    """``--lang X`` on the command line, else ``KOPIR_LANG``, else the POSIX locale, else English."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = args[index + 1] if arg == LANG_OPTION and index + 1 < len(args) else arg.partition("=")[2]
        if (arg == LANG_OPTION or arg.startswith(LANG_OPTION + "=")) and value in LANGUAGES:
            return value
    chosen = environ.get("KOPIR_LANG", "")
    if chosen in LANGUAGES:
        return chosen
    locale = next((environ[name] for name in LANGUAGE_VARIABLES if environ.get(name)), "")
    short = locale[:2].lower()
    return short if short in LANGUAGES else "en"


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(lang: Language) -> dict[str, str]:
    """The rules' catalogue of a language as English text -> translated text (empty for English)."""
    if lang == "en":
        return {}
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as stream:
        entries = read_po(stream, locale=lang)
    return {
        m.id: m.string for m in entries if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
    }


def translated(text: str, lang: Language) -> str:
    """`text` in `lang` when the catalogue has it; also an option's help with click's "  [default: …]"
    after it, and a command's help that click shortened to "…" for a list of commands."""
    words = catalogue(lang)
    if text in words:
        return words[text]
    help_text, extras, rest = text.partition(EXTRAS)
    if extras and help_text in words:
        return f"{words[help_text]}{extras}{rest}"
    if text.endswith("..."):
        full = next((english for english in words if english.startswith(text[:-3])), None)
        if full is not None:
            return _shortened(words[full], max(len(text), 45))
    return text


def _shortened(text: str, limit: int) -> str:
    """The first sentence, cut at a word with "..." when longer than `limit` (as click shortens a help text)."""
    sentence = text.partition(". ")[0].rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 3].rsplit(" ", 1)[0] + "..."


def _formatter_in(lang: Language) -> type[click.HelpFormatter]:
    class TranslatingFormatter(click.HelpFormatter):
        """Click's help formatter writing each help text in `lang` (click's own words come through `gettext`)."""

        def write_text(self, text: str) -> None:
            super().write_text(translated(text, lang))

        def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
            super().write_dl([(term, translated(text, lang)) for term, text in rows], col_max, col_spacing)

    return TranslatingFormatter


@contextmanager
def click_speaks(lang: Language) -> Iterator[None]:
    """While the block runs, click's words and the help texts are in `lang`."""
    words = catalogue(lang)

    def gettext(message: str) -> str:
        return words.get(message, message)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return gettext(singular if count == 1 else plural)

    saved: list[tuple[Any, str, Any]] = [(click.Context, "formatter_class", click.Context.formatter_class)]
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        saved += [(module, attr, getattr(module, attr)) for attr in ("_", "ngettext") if hasattr(module, attr)]
    replacements = {"_": gettext, "ngettext": ngettext, "formatter_class": _formatter_in(lang)}
    try:
        for owner, attr, _old in saved:
            setattr(owner, attr, replacements[attr])
        yield
    finally:
        for owner, attr, old in saved:
            setattr(owner, attr, old)
