"""The Kazakh and Russian catalogues: every message translated, with the same placeholders.

The messages are found the way ``scripts/messages`` finds them: every ``N_("...")`` in the
rules package and the CLI. A message added to the code without a translation fails here;
run ``scripts/messages`` and translate it (docs/translating/README.md).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import kopir.rules
from kopir.rules.i18n import DOMAIN, LOCALE_DIR, render
from kopir.rules.law import Language

RULES_DIR = Path(kopir.rules.__file__).parent
KEYWORDS = {"N_": None}
TRANSLATED: tuple[Language, ...] = ("kk", "ru")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@cache
def msgids() -> tuple[str, ...]:
    """Every N_ message of the package (the rules, the CLI, the JSON API), in order, without repeats."""
    in_package = extract_from_dir(RULES_DIR.parent, method_map=[("**.py", "python")], keywords=KEYWORDS)
    found = [entry[2] for entry in in_package]
    messages = [message for message in found if isinstance(message, str)]
    assert len(messages) == len(found), "N_ takes one plain string"
    return tuple(dict.fromkeys(messages))


@cache
def catalog(lang: Language) -> Catalog:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as stream:
        return read_po(stream, locale=lang)


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def stray_percent(text: str) -> bool:
    """A ``%`` that is neither a named placeholder nor an escaped ``%%``."""
    return "%" in PLACEHOLDER.sub("", text).replace("%%", "")


def test_messages_are_found() -> None:
    assert len(msgids()) > 50
    assert "The request is not valid JSON (line %(line)s, column %(column)s)." in msgids()  # the CLI and API door


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_header(lang: Language) -> None:
    plural_forms = {
        "kk": "nplurals=2; plural=(n!=1);",
        "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    }
    headers = dict(catalog(lang).mime_headers)
    assert headers["Language"] == lang
    assert headers["Plural-Forms"] == plural_forms[lang]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated(lang: Language) -> None:
    entries = catalog(lang)
    missing = [msgid for msgid in msgids() if msgid not in entries or not entries[msgid].string]
    fuzzy = [msgid for msgid in msgids() if msgid in entries and entries[msgid].fuzzy]
    assert not missing, f"untranslated in {lang} (run scripts/messages, then translate): {missing}"
    assert not fuzzy, f"fuzzy in {lang} (check the translation, then drop the flag): {fuzzy}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang: Language) -> None:
    entries = catalog(lang)
    wrong = []
    for msgid in msgids():
        if msgid not in entries:
            continue
        text = str(entries[msgid].string)
        if placeholders(text) != placeholders(msgid) or text.count("%%") != msgid.count("%%") or stray_percent(text):
            wrong.append((msgid, text))
    assert not wrong, f"placeholders differ in {lang}: {wrong}"


def test_messages_without_values_have_no_percent() -> None:
    # `render` leaves a message without placeholders alone, so a `%%` there would show as is.
    assert not [msgid for msgid in msgids() if not placeholders(msgid) and "%" in msgid]


@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_every_message_renders(lang: Language) -> None:
    rendered: dict[str, str] = {}
    for msgid in msgids():
        params = {name: f"<{name}>" for name in placeholders(msgid)}
        text = render(msgid, params, lang)
        assert text.count("%") == msgid.count("%%"), (msgid, text)
        assert all(value in text for value in params.values()), (msgid, text)
        rendered[msgid] = text
    if lang != "en":  # rendering reads the same catalogue
        assert [msgid for msgid, text in rendered.items() if text == msgid] == []
