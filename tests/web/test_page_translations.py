"""The pages' Kazakh and Russian catalogues (``src/kopir/locale``): complete, faithful, and up to date.

The page strings (templates, form labels, payment names) are marked for Django's gettext and
collected by ``scripts/messages`` with ``makemessages`` into one ``django.po`` per language;
``scripts/install`` compiles them. The rules' own texts have a separate catalogue, checked in
``tests/rules/test_translations.py``. A string marked in a template or in Python without an
entry here fails; run ``scripts/messages``, translate it (docs/translating/ru.md, kk.md) and
run ``scripts/install``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract, extract_from_file
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PACKAGE_DIR = LOCALE_DIR.parent  # src/kopir
TRANSLATED = ("kk", "ru")
PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# The keywords makemessages gives xgettext for Python (its own list plus xgettext's defaults), without
# the rules' `N_`, which belongs to the other catalogue.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
# The same options as scripts/messages.
MAKEMESSAGES = ["makemessages", "-l", "kk", "-l", "ru", "--no-location", "--no-obsolete", "-i", "rules/*"]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")

Key = tuple[str | None, str]  # (context, msgid); a plural message by its singular


def _key(message: str | tuple[str, ...], context: str | None) -> Key:
    return (context, message if isinstance(message, str) else message[0])


def _sources() -> list[Path]:
    """The files makemessages reads: .py, .html and .txt under src/kopir, except the rules."""
    return sorted(
        path
        for path in PACKAGE_DIR.rglob("*")
        if path.suffix in {".py", ".html", ".txt"} and path.relative_to(PACKAGE_DIR).parts[0] != "rules"
    )


@cache
def marked() -> frozenset[Key]:
    """Every string marked for translation in the pages' sources, found without GNU gettext.

    Python is read by Babel with Django's keywords; a template is first turned into Python by
    Django's own ``templatize``, as makemessages does before it calls xgettext.
    """
    found: list[tuple[int, str | tuple[str, ...], list[str], str | None]] = []
    for path in _sources():
        if path.suffix == ".py":
            found += extract_from_file("python", path, KEYWORDS)
        else:
            code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
            found += extract("python", io.BytesIO(code.encode()), KEYWORDS, options={"encoding": "utf-8"})
    return frozenset(_key(message, context) for _, message, _, context in found)


@cache
def catalog(lang: str) -> Catalog:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "django.po").open("rb") as stream:
        return read_po(stream, locale=lang)


def entries(lang: str) -> dict[Key, Message]:
    return {_key(message.id, message.context): message for message in catalog(lang) if message.id}


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def stray_percent(text: str) -> bool:
    """A ``%`` that is neither a named placeholder nor an escaped ``%%``."""
    return "%" in PLACEHOLDER.sub("", text).replace("%%", "")


def same_values(msgid: str, text: str, *, python_format: bool) -> bool:
    """The same named placeholders; in a python-format message also the same ``%%`` and no stray ``%``."""
    if placeholders(text) != placeholders(msgid):
        return False
    return not python_format or (text.count("%%") == msgid.count("%%") and not stray_percent(text))


def _strings(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def test_marked_strings_are_found() -> None:
    keys = marked()
    assert (None, "What will I receive?") in keys  # a template
    assert (None, "How do you work?") in keys  # the form
    assert (None, "Paid from the state budget") in keys  # a template tag
    assert (None, "value in force since %(since)s") in keys  # a blocktranslate with a variable
    assert not any("{{" in msgid or "{%" in msgid for _, msgid in keys)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_header(lang: str) -> None:
    headers = dict(catalog(lang).mime_headers)
    assert headers["Language"] == lang
    assert headers["Plural-Forms"] == PLURAL_FORMS[lang]
    assert not catalog(lang).fuzzy, "the header is marked fuzzy"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated(lang: str) -> None:
    messages = [message for message in catalog(lang) if message.id]
    assert len(messages) > 50
    missing = [message.id for message in messages if not all(_strings(message.string))]
    fuzzy = [message.id for message in messages if message.fuzzy]
    assert not missing, f"untranslated in {lang}: {missing}"
    assert not fuzzy, f"fuzzy in {lang} (check the translation, then drop the flag): {fuzzy}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang: str) -> None:
    wrong = [
        (message.id, text)
        for message in catalog(lang)
        if message.id
        for text in _strings(message.string)
        if not same_values(_strings(message.id)[0], text, python_format=message.python_format)
    ]
    assert not wrong, f"placeholders differ in {lang}: {wrong}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_string_is_in_the_catalogue(lang: str) -> None:
    in_catalogue = set(entries(lang))
    missing = sorted(marked() - in_catalogue, key=str)
    stale = sorted(in_catalogue - marked(), key=str)
    assert not missing, f"marked but not in {lang} (run scripts/messages, then translate): {missing}"
    assert not stale, f"in {lang} but no longer marked (run scripts/messages): {stale}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogue_is_current(lang: str) -> None:
    """The pages show what the .po says: the .mo is built from this .po (scripts/install)."""
    with translation.override(lang):
        stale = [
            message.id
            for message in catalog(lang)
            if isinstance(message.id, str) and message.id and _shown(message) != message.string
        ]
    assert not stale, f"the {lang} .mo is missing or older than the .po (run scripts/install): {stale}"


def _shown(message: Message) -> str:
    if message.context:
        return translation.pgettext(message.context, str(message.id))
    return translation.gettext(str(message.id))


@pytest.mark.skipif(any(shutil.which(tool) is None for tool in GETTEXT_TOOLS), reason="makemessages needs GNU gettext")
def test_makemessages_would_add_nothing(tmp_path: Path) -> None:
    """Run scripts/messages' makemessages on a copy of the package: the catalogues keep their messages."""
    copy = tmp_path / "kopir"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("rules", "__pycache__", "*.mo"))
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(  # noqa: S603 - Django's own command on a temporary copy
        [sys.executable, "-m", "django", *MAKEMESSAGES],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for lang in TRANSLATED:
        with (copy / "locale" / lang / "LC_MESSAGES" / "django.po").open("rb") as stream:
            refreshed = {_key(message.id, message.context) for message in read_po(stream, locale=lang) if message.id}
        assert refreshed == set(entries(lang)), f"scripts/messages would change the {lang} catalogue"
