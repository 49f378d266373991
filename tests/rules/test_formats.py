"""The one formatter of dates, months, numbers and percentages, as each language's official texts write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kopir.rules import formats
from kopir.rules.i18n import MonthOf, Percent, render


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "2026 жылғы 7 желтоқсан"), ("ru", "7 декабря 2026 г."), ("en", "7 December 2026")],
)
def test_a_date_reads_in_the_official_order(lang: str, expected: str) -> None:
    assert formats.day(date(2026, 12, 7), lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "expected"), [("kk", "2025 жылғы шілде"), ("ru", "июль 2025"), ("en", "July 2025")])
def test_a_month_reads_in_the_official_order(lang: str, expected: str) -> None:
    assert formats.month(date(2025, 7, 1), lang) == expected  # type: ignore[arg-type]


def test_a_russian_sentence_that_ends_with_a_date_has_one_full_stop() -> None:
    """ "7 декабря 2026 г." ends the sentence; the message's own full stop is not doubled."""
    text = render("Held on %(day)s.", {"day": date(2026, 12, 7)}, "ru")
    assert text == "Held on 7 декабря 2026 г."  # not a rules message: the id itself, with the Russian date


def test_a_kazakh_month_in_an_explanation_starts_with_the_year() -> None:
    assert render("%(month)s", {"month": MonthOf(date(2025, 7, 1))}, "kk") == "2025 жылғы шілде"


@pytest.mark.parametrize(("lang", "expected"), [("kk", "94,1%"), ("ru", "94,1%"), ("en", "94.1%")])
def test_percentages_have_the_languages_decimal_sign(lang: str, expected: str) -> None:
    assert formats.percent(Decimal("0.941"), lang, 1) == expected  # type: ignore[arg-type]
    assert formats.percentage(Decimal("94.1"), lang, 1) == expected  # type: ignore[arg-type]
    assert render("%(rate)s", {"rate": Percent(Decimal("0.941"))}, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_value_that_rounds_to_zero_has_no_minus_sign(lang: str) -> None:
    assert formats.percent(-0.0001, lang, 1, exact=True) in {"0,0%", "0.0%"}  # type: ignore[arg-type]
    assert formats.percentage(Decimal("-0.04"), lang, 0) == "0%"  # type: ignore[arg-type]
    assert formats.number(-0.004, lang, 2) == "0"  # type: ignore[arg-type]
    assert formats.number(Decimal("-0.5"), lang, 1).startswith("-")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "expected"), [("kk", "1\u00a0234\u00a0567,5"), ("ru", "1\u00a0234\u00a0567,5"), ("en", "1,234,567.5")]
)
def test_numbers_are_grouped_with_the_languages_signs(lang: str, expected: str) -> None:
    assert formats.number(Decimal("1234567.5"), lang, 1) == expected  # type: ignore[arg-type]
    assert formats.number(1234567.5, lang, 1) == expected  # type: ignore[arg-type]


def test_money_is_shown_in_tenge() -> None:
    assert formats.tenge(113_400_000, "ru") == "1\u00a0134\u00a0000\u00a0₸"
    assert formats.tenge(12_345, "en") == "123.45\u00a0₸"
