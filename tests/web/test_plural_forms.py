"""Every count in a sentence takes the plural form its number asks for, in Kazakh and Russian.

Russian has three forms (1 семья, 2 семьи, 5 семей, 21 семья); Kazakh keeps the noun singular after a
number (1 отбасы, 5 отбасы), so both of its forms read the same. Each plural sentence of the pages is
rendered through Django's ``ngettext`` for 1, 2, 5 and 21 and its noun checked. A count in a Russian
sentence that is not a plural entry must stand where no agreement is needed: after a colon, or before
an abbreviation ("дн.", "мес.").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
RULES_LOCALE_DIR = LOCALE_DIR.parent / "rules" / "locale"
COUNTS = (1, 2, 5, 21)
PLACEHOLDER = re.compile(r"%\((\w+)\)s")

# The Russian word that must follow (or precede) the number for 1, 2, 5 and 21, per sentence.
RUSSIAN_FORMS: dict[str, tuple[str, str, str, str]] = {
    "%(count)s more problem is not listed.": ("ошибка", "ошибки", "ошибок", "ошибка"),
    "%(families)s family is paid more, %(gain)s tenge on average.": ("семья", "семьи", "семей", "семья"),
    "%(families)s family is paid less, %(loss)s tenge on average.": ("семья", "семьи", "семей", "семья"),
    "%(families)s family is paid the same.": ("семьи", "семей", "семей", "семьи"),
    "The simulation of %(size)s person waits in the job queue for a free worker.": (
        "человека",
        "человек",
        "человек",
        "человека",
    ),
    "The simulation of %(size)s person is running in the job queue; it takes about ten seconds a million.": (
        "человека",
        "человек",
        "человек",
        "человека",
    ),
    "A service it needs is restarting; try again in %(seconds)s second.": (
        "секунду",
        "секунды",
        "секунд",
        "секунду",
    ),
    "%(days)s working day left": ("рабочий день", "рабочих дня", "рабочих дней", "рабочий день"),
    "%(compared)s colleague, %(raised)s with a raise": ("коллега", "коллеги", "коллег", "коллега"),
    "You were signed out after %(minutes)s minute without activity. Please sign in again.": (
        "минуты",
        "минут",
        "минут",
        "минуты",
    ),
    "You were signed out: a session lasts at most %(hours)s hour. Please sign in again.": (
        "часа",
        "часов",
        "часов",
        "часа",
    ),
    "This password is too short: it must have at least %(min_length)s character.": (
        "символа",
        "символов",
        "символов",
        "символа",
    ),
    "Your password must have at least %(min_length)s character.": ("символ", "символа", "символов", "символ"),
    "There was %(limit)s failed sign-in for this account or from this address.": (
        "неудачная попытка",
        "неудачные попытки",
        "неудачных попыток",
        "неудачная попытка",
    ),
    "Kopir: %(count)s new item for you": ("новый пункт", "новых пункта", "новых пунктов", "новый пункт"),
    "Signing in is locked for %(minutes)s minute, even with the right password.": (
        "минуту",
        "минуты",
        "минут",
        "минуту",
    ),
    "%(title)s: %(size)s person (run %(id)s)": ("человек", "человека", "человек", "человек"),
    (
        "%(heading)s of each cost: from %(draws)s draw of the synthetic population and of the figures it is "
        "calibrated to, each within its tolerance."
    ): ("выборке", "выборкам", "выборкам", "выборке"),
}
# Names of placeholders that hold a count of something.
COUNT_NAMES = "count|size|persons|births|families|seconds|minutes|hours|days|digits|threshold|compared|children"
# A count followed by a Russian word that is not an abbreviation ("дн.", "мес.", "чел.") nor "из", "или".
COUNT_BEFORE_NOUN = re.compile(rf"%\((?:{COUNT_NAMES})\)s (?!(?:из|или|по|и|на|в)\b)[а-яё]+(?!\.)\b")


def _plural_entries(lang: str) -> list[tuple[str, str]]:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "django.po").open("rb") as stream:
        return [(m.id[0], m.id[1]) for m in read_po(stream, locale=lang) if m.pluralizable]


def _filled(text: str, number: int) -> str:
    return text % dict.fromkeys(PLACEHOLDER.findall(text), number)


def test_every_plural_sentence_has_its_russian_forms_checked() -> None:
    assert {singular for singular, _ in _plural_entries("ru")} == set(RUSSIAN_FORMS)


@pytest.mark.parametrize("singular", sorted(RUSSIAN_FORMS))
def test_a_russian_count_takes_the_form_of_its_number(singular: str) -> None:
    plural = dict(_plural_entries("ru"))[singular]
    with translation.override("ru"):
        for number, word in zip(COUNTS, RUSSIAN_FORMS[singular], strict=True):
            text = _filled(translation.ngettext(singular, plural, number), number)
            assert re.search(rf"(?<!\d){number}\s+{word}(?![а-яё])|{word}[^.]*?(?<!\d){number}(?!\d)", text), (
                number,
                text,
            )


@pytest.mark.parametrize("singular", sorted(RUSSIAN_FORMS))
def test_a_kazakh_count_keeps_the_noun_singular(singular: str) -> None:
    """Both Kazakh forms are one sentence: only the number changes, and it is always shown."""
    plural = dict(_plural_entries("kk"))[singular]
    with translation.override("kk"):
        texts = {number: _filled(translation.ngettext(singular, plural, number), number) for number in COUNTS}
    assert all(str(number) in text and text != _filled(singular, number) for number, text in texts.items())
    assert texts[1].replace("1", "N") == texts[5].replace("5", "N") == texts[21].replace("21", "N")


@pytest.mark.parametrize(
    "path",
    [LOCALE_DIR / "ru" / "LC_MESSAGES" / "django.po", RULES_LOCALE_DIR / "ru" / "LC_MESSAGES" / "kopir_rules.po"],
    ids=["pages", "rules"],
)
def test_no_other_russian_count_stands_before_a_noun(path: Path) -> None:
    """Outside a plural entry the number cannot agree with its noun, so no noun follows it."""
    with path.open("rb") as stream:
        catalog = read_po(stream, locale="ru")
    wrong = [
        message.string
        for message in catalog
        if message.id and not message.pluralizable and COUNT_BEFORE_NOUN.search(str(message.string))
    ]
    assert not wrong
