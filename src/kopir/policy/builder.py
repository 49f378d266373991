"""The reform builder's writes: an analyst's overrides become a reform file, checked, then saved.

The builder has no checks of its own for a change: it writes the same document a reform file holds
(``kopir.microsim.reforms``) and lets `parse` find the problems, so a page, a file and the command
line refuse exactly the same things with the same words. What comes from the form is passed on as
typed (a date that is not one stays a string, a number stays its text), so `parse` names it as the
analyst wrote it.

A saved reform is its YAML file. It is read and checked again before every run, so a reform the law
no longer accepts (a parameter renamed, a value now out of range) is refused with its problems named
instead of costing something else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml
from django.utils.text import slugify

from kopir.accounts.models import AccessAction, User
from kopir.accounts.services import access_log_record
from kopir.microsim.reforms import Reform, parse
from kopir.policy.models import SavedReform
from kopir.policy.selectors import costing_allowed
from kopir.rules.law import LANGUAGES, Law
from kopir.strict_yaml import load_strict

SOURCE = "builder"
SWITCH_WORDS = {"true": True, "false": False}
DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]+")


@dataclass(frozen=True)
class Override:
    """One change as the analyst typed it: a parameter's path, its new value and the day it starts."""

    parameter: str
    value: str
    since: str


@dataclass(frozen=True)
class Draft:
    """A reform being built: titles and descriptions by language, and its overrides in the page's order."""

    title: Mapping[str, str]
    description: Mapping[str, str]
    overrides: tuple[Override, ...]

    @property
    def slug(self) -> str:
        """The file's name (and the reform's id), from the English title: ``my-reform.yaml``."""
        return slugify(self.title.get("en", ""))[:60].strip("-") or "reform"


def _since(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return text  # parse names it: "since must be a date (YYYY-MM-DD), not '...'"


def _value(text: str) -> str | bool:
    """A switch's words as YAML would read them; any other text as typed (parse reads it as a number).

    A decimal comma (``0,45``, as Kazakh and Russian write it) is read as the point a file would hold.
    """
    if DECIMAL_COMMA.fullmatch(text.strip()):
        return text.strip().replace(",", ".")
    return SWITCH_WORDS.get(text.strip().lower(), text)


def draft_document(draft: Draft) -> dict[str, Any]:
    """The reform file's document for `draft`, exactly as a file on disk would give it to `parse`."""
    return {
        "id": draft.slug,
        "title": dict(draft.title),
        "description": dict(draft.description),
        "changes": [
            {"parameter": o.parameter, "since": _since(o.since), "value": _value(o.value)} for o in draft.overrides
        ],
    }


def draft_checked(draft: Draft, law: Law) -> Reform:
    """The reform of `draft`, or `ReformError` with every problem `parse` finds in it."""
    return parse(draft_document(draft), law, source=SOURCE, expected_id=draft.slug)


def _plain(value: Any) -> Any:
    """A checked value as the file writes it: a whole number, a decimal that reads back exactly, a switch."""
    if isinstance(value, Decimal):
        return float(value) if Decimal(repr(float(value))) == value else str(value)
    return value


def reform_yaml(reform: Reform) -> str:
    """The reform file of a checked reform (``kopir simulate <id>.yaml`` reads it back to the same reform)."""
    document = {
        "id": reform.id,
        "title": {lang: reform.title[lang] for lang in LANGUAGES},
        "description": {lang: reform.description[lang] for lang in LANGUAGES},
        "changes": [{"parameter": c.parameter, "since": c.since, "value": _plain(c.value)} for c in reform.changes],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def saved_reform_create(*, owner: User, draft: Draft, law: Law) -> SavedReform:
    """Check `draft` against `law` and keep it as `owner`'s reform file; logged.

    Raises `ReformError` (nothing saved) when `parse` finds a problem, `PermissionDenied` (logged)
    for a viewer who may not cost reforms.
    """
    costing_allowed(viewer=owner)
    reform = draft_checked(draft, law)
    saved = SavedReform.objects.create(
        owner=owner,
        slug=reform.id,
        document=reform_yaml(reform),
        **{f"title_{lang}": reform.title[lang] for lang in LANGUAGES},
        **{f"description_{lang}": reform.description[lang] for lang in LANGUAGES},
    )
    access_log_record(actor=owner, action=AccessAction.CREATE, record=saved, subject_id=None, detail=saved.slug)
    return saved


def _as_typed(value: Any) -> str:
    """A value of a reform file as the analyst types it in the form: a switch's word, an ISO date, a number."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def saved_reform_draft(saved: SavedReform) -> Draft:
    """A saved reform's texts and changes as the form holds them: the start of a new reform.

    Read from its file as written and not checked against today's law, so that a reform the law now
    refuses can be copied and mended (a saved reform is never edited: the copy is saved as a new one).
    """
    changes = load_strict(saved.document).get("changes") or []
    return Draft(
        title={lang: saved.title(lang) for lang in LANGUAGES},
        description={lang: getattr(saved, f"description_{lang}") for lang in LANGUAGES},
        overrides=tuple(
            Override(str(change["parameter"]), _as_typed(change["value"]), _as_typed(change["since"]))
            for change in changes
        ),
    )


def saved_reform_parsed(saved: SavedReform, law: Law) -> Reform:
    """A saved reform read back from its file and checked against today's `law` (`ReformError` if refused)."""
    return parse(load_strict(saved.document), law, source=f"{saved.slug}.yaml", expected_id=saved.slug)
