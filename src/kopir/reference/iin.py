"""The individual identification number (IIN; ЖСН in Kazakh, ИИН in Russian): checks and a keyed digest.

Twelve digits (domain notes D.2; Government decree No. 565 of 11.06.2003):

* 1-6: date of birth, YYMMDD;
* 7: century and sex: 1/2 born in the 1800s, 3/4 in the 1900s, 5/6 in the 2000s; odd = male,
  even = female;
* 8-11: serial (registration) number;
* 12: check digit: the sum of the first eleven digits weighted 1, 2, ..., 11, modulo 11; if
  that is 10, the sum again with weights 3, 4, ..., 11, 1, 2; if that is 10 too, the number
  is never issued.

The check digit is weak in one place worth knowing: digit 11 has weight 11, which is 0
modulo 11, so whenever the first sum decides (about ten numbers in eleven), a typo in digit
11 yields another valid IIN. Other single-digit typos are caught unless they move the number
from one set of weights to the other (about one in a hundred). A valid IIN is therefore not
proof that it is the right person's.

The IIN is restricted personal data (Law No. 94-V): it encodes the birth date and sex. Keep it
in the HR zone; the statistics warehouse links records by `iin_digest`, a keyed hash. This
module never puts an IIN into an exception message or a repr, so logs do not collect them.

    >>> iin = validate_iin("900515401230")
    >>> iin.birth_date, iin.sex
    (datetime.date(1990, 5, 15), <Sex.FEMALE: 'female'>)
    >>> iin.masked
    '********1230'
    >>> is_valid_iin("900515401231")
    False
    >>> make_iin(date(1990, 5, 15), "female", 123)
    '900515401230'
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = [
    "MIN_DIGEST_KEY_BYTES",
    "Iin",
    "IinProblem",
    "InvalidIin",
    "Sex",
    "iin_digest",
    "is_valid_iin",
    "make_iin",
    "validate_iin",
]

LENGTH = 12
MASK_KEEPS = 4  # the masked form shows the last four digits only
MIN_DIGEST_KEY_BYTES = 32
"""An IIN has about 10^9 possible values: a short key would let anyone holding the digests
recover the IINs by trying them all. 32 bytes is the HMAC-SHA256 output size (RFC 2104)."""

_DIGITS = frozenset("0123456789")  # not str.isdigit: it accepts Arabic-Indic digits and "²"
_FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_NEVER_ISSUED = 10
_CENTURY_START = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
_MAX_SERIAL = 9999


class Sex(StrEnum):
    """Sex as digit 7 records it; equal to the strings "female" and "male"."""

    FEMALE = "female"
    MALE = "male"


class IinProblem(StrEnum):
    """Why a text is not a valid IIN: stable codes for callers to translate."""

    LENGTH = "length"
    """Not 12 characters (after stripping surrounding spaces)."""
    DIGITS = "digits"
    """Something other than the ASCII digits 0-9."""
    CENTURY = "century"
    """Digit 7 is not 1-6."""
    DATE = "date"
    """Digits 1-6 with the century are not a real date (e.g. 31 February)."""
    NEVER_ISSUED = "never_issued"
    """Both weighted sums give 10: no IIN is issued with these first eleven digits."""
    CHECKSUM = "checksum"
    """Digit 12 is not the check digit of the first eleven."""


_MESSAGES = {
    IinProblem.LENGTH: "an IIN has 12 digits",
    IinProblem.DIGITS: "an IIN has only the digits 0-9",
    IinProblem.CENTURY: "digit 7 of an IIN (century and sex) must be 1-6",
    IinProblem.DATE: "digits 1-6 of an IIN are not a real date of birth",
    IinProblem.NEVER_ISSUED: "no IIN is issued with these first eleven digits",
    IinProblem.CHECKSUM: "the last digit of the IIN does not match its check digit",
}


class InvalidIin(ValueError):
    """The text is not a valid IIN; `reason` says why. The message never contains the text."""

    def __init__(self, reason: IinProblem) -> None:
        super().__init__(f"{_MESSAGES[reason]} ({reason.value})")
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Iin:
    """A valid IIN and what it encodes. Its repr shows only the masked form."""

    value: str = field(repr=False)
    birth_date: date = field(repr=False)
    sex: Sex = field(repr=False)

    @property
    def serial(self) -> str:
        """Digits 8-11, the registration number."""
        return self.value[7:11]

    @property
    def masked(self) -> str:
        """The last four digits only, the rest as stars: "********1230" (issue 12).

        For HR screens, where a person must be told which of their records is meant. It hides
        the birth date and the sex digit that the first seven digits encode (an earlier form
        showed them); four digits of the serial and check digit tell colleagues apart without
        telling anyone who they are.
        """
        return f"{'*' * (LENGTH - MASK_KEEPS)}{self.value[-MASK_KEEPS:]}"

    def __repr__(self) -> str:
        return f"Iin({self.masked!r})"


def validate_iin(text: str) -> Iin:
    """Check `text` as an IIN and decode it; raise `InvalidIin` with the first problem found.

    Surrounding spaces are stripped (values pasted from forms carry them); spaces or dashes
    inside are not. The checks run in the order of `IinProblem`. A birth date in the future
    is not refused: that depends on today's date, which the caller knows and this check
    should not.
    """
    value = text.strip()
    if len(value) != LENGTH:
        raise InvalidIin(IinProblem.LENGTH)
    if not _DIGITS.issuperset(value):
        raise InvalidIin(IinProblem.DIGITS)
    digits = [int(character) for character in value]
    century_digit = digits[6]
    if century_digit not in _CENTURY_START:
        raise InvalidIin(IinProblem.CENTURY)
    try:
        birth_date = date(_CENTURY_START[century_digit] + int(value[:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise InvalidIin(IinProblem.DATE) from None
    check = _check_digit(digits[:11])
    if check is None:
        raise InvalidIin(IinProblem.NEVER_ISSUED)
    if check != digits[11]:
        raise InvalidIin(IinProblem.CHECKSUM)
    return Iin(value=value, birth_date=birth_date, sex=Sex.MALE if century_digit % 2 else Sex.FEMALE)


def is_valid_iin(text: str) -> bool:
    """Whether `text` is a valid IIN (see `validate_iin`)."""
    try:
        validate_iin(text)
    except InvalidIin:
        return False
    return True


def iin_digest(iin: str, key: bytes) -> str:
    """A keyed hash of the IIN (HMAC-SHA256, 64 hex digits) to link records without the IIN itself.

    The same IIN and key always give the same digest, so the statistics warehouse can join
    leave episodes, returns and promotions of one person without holding the IIN; without the
    key the digest reveals nothing. The key is a secret of the HR zone, at least
    `MIN_DIGEST_KEY_BYTES` long; changing it breaks every link, so rotate it only with a
    re-keying of the warehouse.

    The IIN is validated first (`InvalidIin` otherwise) and its canonical form hashed, so
    " 900515401230" and "900515401230" link, and a mistyped IIN does not quietly become a
    new person in the warehouse.
    """
    if len(key) < MIN_DIGEST_KEY_BYTES:
        raise ValueError(f"the digest key must have at least {MIN_DIGEST_KEY_BYTES} bytes, got {len(key)}")
    value = validate_iin(iin).value
    return hmac.new(key, value.encode("ascii"), hashlib.sha256).hexdigest()


def make_iin(birth_date: date, sex: Sex | str, serial: int) -> str:
    """A valid IIN for `birth_date`, `sex` ("female"/"male") and `serial` (0-9999), for demo data and tests.

    Raises `ValueError` if the birth year is outside 1800-2099, the serial outside 0-9999, or
    the eleven digits give a number that is never issued (about one serial in 120): take
    the next serial then.
    """
    sex = Sex(sex)
    century_start = birth_date.year // 100 * 100
    if century_start not in (1800, 1900, 2000):
        raise ValueError(f"an IIN encodes birth years 1800-2099, not {birth_date.year}")
    if not 0 <= serial <= _MAX_SERIAL:
        raise ValueError(f"the serial has four digits (0-{_MAX_SERIAL}), got {serial}")
    century_digit = (century_start - 1800) // 50 + (1 if sex is Sex.MALE else 2)
    first = f"{birth_date:%y%m%d}{century_digit}{serial:04d}"
    check = _check_digit([int(character) for character in first])
    if check is None:
        raise ValueError(f"serial {serial} gives a number that is never issued for this date and sex")
    return f"{first}{check}"


def _check_digit(digits: list[int]) -> int | None:
    """The check digit of the first eleven digits, or None if no IIN is issued with them."""
    check = sum(digit * weight for digit, weight in zip(digits, _FIRST_WEIGHTS, strict=True)) % 11
    if check == _NEVER_ISSUED:
        check = sum(digit * weight for digit, weight in zip(digits, _SECOND_WEIGHTS, strict=True)) % 11
        if check == _NEVER_ISSUED:
            return None
    return check
