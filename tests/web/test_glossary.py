"""Every translation uses the glossary's official term for each domain concept (docs/translating/glossary.yaml).

The glossary holds one Kazakh and one Russian term per concept with its official source (the Social
Code, the Labour Code, the GFSS, GRI 401-3's Russian). A message whose English names the concept
must use the term, in any case ending, and no translation may use a variant the glossary bans
(the colloquial «декрет», «біржақты» for "uncertain", «ссылка органа» for a personnel number...).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from django.conf import settings

PACKAGE_DIR = Path(settings.LOCALE_PATHS[0]).parent  # src/kopir
GLOSSARY = PACKAGE_DIR.parents[1] / "docs" / "translating" / "glossary.yaml"
CATALOGUES = {
    "pages": PACKAGE_DIR / "locale" / "{lang}" / "LC_MESSAGES" / "django.po",
    "rules": PACKAGE_DIR / "rules" / "locale" / "{lang}" / "LC_MESSAGES" / "kopir_rules.po",
}


@dataclass(frozen=True)
class Text:
    """One text in three languages and where it comes from."""

    origin: str
    en: str
    kk: str
    ru: str


@cache
def glossary() -> dict[str, Any]:
    with GLOSSARY.open(encoding="utf-8") as stream:
        loaded: dict[str, Any] = yaml.safe_load(stream)
    return loaded


def _catalogue(origin: str, lang: str) -> dict[str, str]:
    with Path(str(CATALOGUES[origin]).format(lang=lang)).open("rb") as stream:
        messages = read_po(stream, locale=lang)
    texts = {}
    for message in messages:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else " | ".join(message.id)
        texts[key] = message.string if isinstance(message.string, str) else " | ".join(message.string)
    return texts


def _yaml_texts(folder: Path, *paths: tuple[str, ...]) -> Iterator[Text]:
    for file in sorted(folder.rglob("*.yaml")):
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
        for path in paths:
            node: Any = document
            for key in path:
                node = node.get(key) if isinstance(node, dict) else None
            if isinstance(node, dict) and {"en", "kk", "ru"} <= node.keys():
                yield Text(f"{file.name}:{'.'.join(path)}", node["en"], node["kk"], node["ru"])


@cache
def texts() -> tuple[Text, ...]:
    found = []
    for origin in CATALOGUES:
        kk, ru = _catalogue(origin, "kk"), _catalogue(origin, "ru")
        found += [Text(origin, msgid, kk[msgid], ru.get(msgid, "")) for msgid in kk]
    found += _yaml_texts(PACKAGE_DIR / "rules" / "parameters", ("metadata", "label"))
    found += _yaml_texts(PACKAGE_DIR / "microsim" / "reforms", ("title",), ("description",))
    return tuple(found)


CONCEPTS = sorted(glossary()["concepts"])


def test_the_glossary_covers_the_concepts_the_issue_lists() -> None:
    """Issue 19's concepts, each with its three terms and a source the glossary describes."""
    required = {
        "maternity_payment", "seed", "uncertain_rule", "personnel_number", "pay_catch_up", "equivalent_post",
        "multiple_birth", "gains_and_losses", "policy_costing", "return_to_work_rate", "retention_rate", "cut_off",
        "highest_base", "nursery", "return_to_work", "return_interview", "refresher_training", "remote_work",
        "birth_order", "birth_allowance", "destination", "json_object",
    }  # fmt: skip
    concepts = glossary()["concepts"]
    assert required <= set(concepts)
    for name, concept in concepts.items():
        assert all(concept[lang] for lang in ("en", "kk", "ru")), name
        assert concept["source"] in glossary()["sources"], name


def _prose(text: Text) -> str:
    """The English without the words both translations keep as they are: codes a format takes (`remote`)."""
    kept = set(re.findall(r"\b[a-z_]+\b", text.kk)) & set(re.findall(r"\b[a-z_]+\b", text.ru))
    return re.sub(r"\w+", lambda word: "" if word.group() in kept else word.group(), text.en)


@pytest.mark.parametrize("name", CONCEPTS)
def test_every_message_about_the_concept_uses_its_term(name: str) -> None:
    concept = glossary()["concepts"][name]
    where = re.compile(concept["where"], re.IGNORECASE)
    about = [text for text in texts() if where.search(_prose(text))]
    assert about, f"no message names {concept['en']!r}: the glossary's `where` is stale"
    for lang in ("kk", "ru"):
        term = re.compile(concept[f"{lang}_says"], re.IGNORECASE)
        missing = [
            (text.origin, text.en, getattr(text, lang)) for text in about if not term.search(getattr(text, lang))
        ]
        assert not missing, f"{lang}: these do not say {concept[lang]!r}: {missing}"


@pytest.mark.parametrize("name", CONCEPTS)
def test_no_translation_uses_a_banned_variant(name: str) -> None:
    banned = glossary()["concepts"][name].get("never", {})
    for lang, variants in banned.items():
        for variant in variants:
            pattern = re.compile(variant, re.IGNORECASE)
            wrong = [(text.origin, text.en) for text in texts() if pattern.search(getattr(text, lang))]
            assert not wrong, f"{lang}: {variant!r} in {wrong}"


@pytest.mark.parametrize(("origin", "lang"), [(o, lang) for o in CATALOGUES for lang in ("kk", "ru")])
def test_each_catalogue_is_well_formed_for_gnu_gettext(origin: str, lang: str) -> None:
    """Babel reads a .po leniently (a second msgstr left by a merge passes); GNU msgfmt -c does not."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) is needed, as for scripts/messages"
    path = str(CATALOGUES[origin]).format(lang=lang)
    checked = subprocess.run([msgfmt, "-c", "-o", os.devnull, path], capture_output=True, text=True, check=False)  # noqa: S603
    assert checked.returncode == 0, checked.stderr
