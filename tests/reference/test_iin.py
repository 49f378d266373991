"""IIN: the spec's example, each rejection reason, generated numbers, what the check digit catches, the digest."""

from __future__ import annotations

import doctest
import importlib
from datetime import date

import pytest
from hypothesis import assume, given, reject
from hypothesis import strategies as st

from kopir.reference import (
    IinProblem,
    InvalidIin,
    Sex,
    iin_digest,
    is_valid_iin,
    make_iin,
    validate_iin,
)

SPEC_EXAMPLE = "900515401230"  # domain notes D.2: female, born 15.05.1990
KEY = b"k" * 32
OTHER_KEY = b"o" * 32

birth_dates = st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31))
sexes = st.sampled_from(Sex)
serials = st.integers(min_value=0, max_value=9999)


@st.composite
def valid_iins(draw: st.DrawFn) -> str:
    try:
        return make_iin(draw(birth_dates), draw(sexes), draw(serials))
    except ValueError:
        reject()  # a never-issued serial, about one in 121


def _first_sum_decides(iin: str) -> bool:
    """Whether the check digit comes from the weights 1..11 (the first sum is not 10)."""
    return sum(int(digit) * weight for weight, digit in enumerate(iin[:11], start=1)) % 11 != 10


def _with_digit(iin: str, position: int, digit: str) -> str:
    """`iin` with the digit at 1-based `position` replaced."""
    return f"{iin[: position - 1]}{digit}{iin[position:]}"


# --- the spec's example -----------------------------------------------------------------------


def test_spec_example_is_a_woman_born_15_may_1990() -> None:
    iin = validate_iin(SPEC_EXAMPLE)
    assert iin.value == SPEC_EXAMPLE
    assert iin.birth_date == date(1990, 5, 15)
    assert iin.sex is Sex.FEMALE
    assert iin.sex.value == "female"
    assert iin.serial == "0123"
    assert iin.masked == "********1230"
    assert is_valid_iin(SPEC_EXAMPLE)


@pytest.mark.parametrize("last", "123456789")
def test_spec_example_with_another_last_digit_fails(last: str) -> None:
    with pytest.raises(InvalidIin) as error:
        validate_iin(SPEC_EXAMPLE[:11] + last)
    assert error.value.reason is IinProblem.CHECKSUM
    assert not is_valid_iin(SPEC_EXAMPLE[:11] + last)


def test_surrounding_spaces_are_stripped() -> None:
    assert validate_iin(f" {SPEC_EXAMPLE}\n").value == SPEC_EXAMPLE


# --- each rejection reason --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", IinProblem.LENGTH),
        ("90051540123", IinProblem.LENGTH),
        ("9005154012300", IinProblem.LENGTH),
        ("90051540123a", IinProblem.DIGITS),
        ("900515 01230", IinProblem.DIGITS),
        ("٩٠٠٥١٥٤٠١٢٣٠", IinProblem.DIGITS),  # Arabic-Indic digits: str.isdigit would accept them
        ("900515001230", IinProblem.CENTURY),
        ("900515701230", IinProblem.CENTURY),
        ("900515901230", IinProblem.CENTURY),
        ("900230401230", IinProblem.DATE),  # 30 February
        ("901315401230", IinProblem.DATE),  # month 13
        ("900500401230", IinProblem.DATE),  # day 0
        ("000229300000", IinProblem.DATE),  # 29 February 1900: not a leap year
        ("900515400540", IinProblem.NEVER_ISSUED),  # both weighted sums give 10
        ("900515400549", IinProblem.NEVER_ISSUED),
        ("900515401231", IinProblem.CHECKSUM),
    ],
)
def test_each_rejection_has_its_reason(text: str, reason: IinProblem) -> None:
    with pytest.raises(InvalidIin) as error:
        validate_iin(text)
    assert error.value.reason is reason
    assert error.value.reason == reason.value  # a stable string code for translations
    assert not is_valid_iin(text)


def test_reason_codes_are_stable() -> None:
    assert [problem.value for problem in IinProblem] == [
        "length",
        "digits",
        "century",
        "date",
        "never_issued",
        "checksum",
    ]


def test_the_iin_stays_out_of_messages_and_reprs() -> None:
    with pytest.raises(InvalidIin) as error:
        validate_iin("900515401231")
    assert "900515401231" not in str(error.value)
    assert "900515" not in str(error.value)
    assert SPEC_EXAMPLE not in repr(validate_iin(SPEC_EXAMPLE))
    assert repr(validate_iin(SPEC_EXAMPLE)) == "Iin('********1230')"


@pytest.mark.parametrize(
    ("text", "born", "sex"),
    [
        (make_iin(date(1899, 12, 31), Sex.MALE, 1), date(1899, 12, 31), Sex.MALE),
        (make_iin(date(1805, 1, 2), Sex.FEMALE, 42), date(1805, 1, 2), Sex.FEMALE),
        (make_iin(date(2000, 2, 29), Sex.MALE, 1), date(2000, 2, 29), Sex.MALE),
        (make_iin(date(2024, 7, 1), "female", 9999), date(2024, 7, 1), Sex.FEMALE),
    ],
)
def test_century_digit_decides_century_and_sex(text: str, born: date, sex: Sex) -> None:
    iin = validate_iin(text)
    assert (iin.birth_date, iin.sex) == (born, sex)
    assert text[6] == {1800: "12", 1900: "34", 2000: "56"}[born.year // 100 * 100][sex is Sex.FEMALE]


# --- make_iin ---------------------------------------------------------------------------------


def test_make_iin_rebuilds_the_spec_example() -> None:
    assert make_iin(date(1990, 5, 15), Sex.FEMALE, 123) == SPEC_EXAMPLE


def test_make_iin_refuses_what_it_cannot_build() -> None:
    with pytest.raises(ValueError, match="never issued"):
        make_iin(date(1990, 5, 15), Sex.FEMALE, 54)
    with pytest.raises(ValueError, match="1800-2099"):
        make_iin(date(2100, 1, 1), Sex.MALE, 1)
    with pytest.raises(ValueError, match="1800-2099"):
        make_iin(date(1799, 12, 31), Sex.MALE, 1)
    with pytest.raises(ValueError, match="four digits"):
        make_iin(date(1990, 5, 15), Sex.MALE, 10_000)
    with pytest.raises(ValueError, match="four digits"):
        make_iin(date(1990, 5, 15), Sex.MALE, -1)
    with pytest.raises(ValueError, match="'other'"):
        make_iin(date(1990, 5, 15), "other", 1)


@given(birth_dates, sexes, serials)
def test_make_iin_always_validates_and_round_trips(born: date, sex: Sex, serial: int) -> None:
    try:
        text = make_iin(born, sex, serial)
    except ValueError:
        reject()  # a never-issued serial: make_iin says so rather than return an invalid number
    iin = validate_iin(text)
    assert (iin.birth_date, iin.sex, iin.serial) == (born, sex, f"{serial:04d}")


# --- what the check digit catches -------------------------------------------------------------
# Verified empirically before writing these (all 108 single-digit changes of 20 000 random
# numbers): the check digit always catches a change of itself; digit 11 has weight 11 = 0 mod 11,
# so a change there is never caught when the first sum decides (~91%) and always caught when the
# second does; digits 1-10 changes slip through only when they move the number from one set of
# weights to the other (~1% of changes when the first sum decided, ~10% when the second did).


@given(valid_iins(), st.sampled_from("0123456789"))
def test_changing_the_check_digit_is_always_caught(iin: str, digit: str) -> None:
    assume(digit != iin[11])
    with pytest.raises(InvalidIin) as error:
        validate_iin(_with_digit(iin, 12, digit))
    assert error.value.reason is IinProblem.CHECKSUM


@given(valid_iins(), st.sampled_from("0123456789"))
def test_changing_digit_11_is_caught_only_when_the_second_sum_decides(iin: str, digit: str) -> None:
    assume(digit != iin[10])
    changed = _with_digit(iin, 11, digit)
    if _first_sum_decides(iin):
        before, after = validate_iin(iin), validate_iin(changed)  # another valid IIN, same date and sex
        assert (after.birth_date, after.sex) == (before.birth_date, before.sex)
    else:
        assert not is_valid_iin(changed)


@given(valid_iins(), st.integers(min_value=1, max_value=10), st.sampled_from("0123456789"))
def test_a_change_in_digits_1_to_10_passes_only_by_switching_weights(iin: str, position: int, digit: str) -> None:
    assume(digit != iin[position - 1])
    changed = _with_digit(iin, position, digit)
    if is_valid_iin(changed):
        assert _first_sum_decides(changed) != _first_sum_decides(iin)
        if position <= 7:
            # Digits 1-7 are the birth date and sex: a valid change always shows in them.
            before, after = validate_iin(iin), validate_iin(changed)
            assert (before.birth_date, before.sex) != (after.birth_date, after.sex)


def test_single_digit_typos_that_the_check_digit_misses() -> None:
    # The spec example: digit 11 can be anything.
    assert all(is_valid_iin(_with_digit(SPEC_EXAMPLE, 11, digit)) for digit in "0123456789")
    # Digit 10, switching from the first weights to the second: same date, sex, different person.
    assert is_valid_iin("900515400014")
    assert is_valid_iin("900515400514")


# --- the digest -------------------------------------------------------------------------------


def test_digest_is_stable_hex_and_canonical() -> None:
    digest = iin_digest(SPEC_EXAMPLE, KEY)
    assert digest == iin_digest(SPEC_EXAMPLE, KEY)
    assert digest == iin_digest(f" {SPEC_EXAMPLE} ", KEY)
    assert len(digest) == 64
    assert set(digest) <= set("0123456789abcdef")


def test_digest_depends_on_the_key_and_the_iin() -> None:
    assert iin_digest(SPEC_EXAMPLE, KEY) != iin_digest(SPEC_EXAMPLE, OTHER_KEY)
    assert iin_digest(SPEC_EXAMPLE, KEY) != iin_digest(make_iin(date(1990, 5, 15), Sex.FEMALE, 124), KEY)


@given(valid_iins())
def test_digest_does_not_contain_the_iin(iin: str) -> None:
    digest = iin_digest(iin, KEY)
    assert iin not in digest
    assert digest != iin_digest(iin, OTHER_KEY)


def test_digest_refuses_a_short_key_and_an_invalid_iin() -> None:
    with pytest.raises(ValueError, match="at least 32 bytes"):
        iin_digest(SPEC_EXAMPLE, b"short")
    with pytest.raises(InvalidIin) as error:
        iin_digest("900515401231", KEY)
    assert error.value.reason is IinProblem.CHECKSUM


def test_module_examples_hold() -> None:
    assert doctest.testmod(importlib.import_module("kopir.reference.iin")).failed == 0
