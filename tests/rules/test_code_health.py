"""Code-health tests of the rules' texts (issue 13, point 4), as PolicyEngine keeps for its variables.

- No digit in a message text: a number of the law (a rate, a deadline, an age) is read from the
  parameters on the day and passed in as a value, so a reform that changes it cannot leave a text
  that lies. Technical names (UTF-8, a date format's example, a power of ten) are not the law's and are
  allowed by token; the texts the kernel rewrite replaces (rules/payments) are listed by name.
- Every parameter labelled in kk, ru and en, each in its own script.
(Every value's official act with a link: ``test_legal_trail.py``.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

import kopir.rules
from kopir.rules import default_law
from tests.rules.test_translations import TRANSLATED, catalog, msgids

RULES_DIR = Path(kopir.rules.__file__).parent
PLACEHOLDER = re.compile(r"%\(\w+\)s")
DIGIT = re.compile(r"\d")
# Not numbers of the law: an encoding's name, the example of a date format, the power of ten of a JSON limit.
TECHNICAL_TOKENS = ("UTF-8", "2025-07-08", "2025-07", "10^")
# Explanation and warning texts of the payments that the kernel rewrite (issue 13, point 3) replaces with
# texts that take the number from the law; until it lands they are the only numbers left in the rules' texts.
KERNEL_REWRITES = frozenset(
    {
        (
            "Fewer than %(minimum)s months of social contributions in the 24 months before the birth (%(count)s); "
            "the state allowance is paid instead."
        ),
        "The child was adopted after the age of 1.5, when the payment ends.",
        "No social contributions were paid in the 12 months before the leave.",
        "No cap applies: the right arose before 8 April 2025.",
        (
            "The 14 extra days after a complicated or multiple birth come on a second certificate; apply for the "
            "recalculation within 12 months."
        ),
    }
)
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
LATIN = re.compile(r"[A-Za-z]")
# Latin letters that stand in a Kazakh or Russian label: the abbreviations of the contributions.
LATIN_IN_LABELS = re.compile(r"\b(?:MZP|MRP|SO|OPV|GFSS)\b")


def digits_in(msgid: str) -> bool:
    text = PLACEHOLDER.sub("", msgid)
    for token in TECHNICAL_TOKENS:
        text = text.replace(token, "")
    return bool(DIGIT.search(text))


def test_a_number_of_the_law_is_caught_and_a_technical_name_is_not() -> None:
    assert digits_in("minus the 10%% pension contribution")
    assert digits_in("The child is 1.5: the payments end")
    assert not digits_in("minus the %(opv_rate)s pension contribution")
    assert not digits_in("Send the request as application/json in UTF-8 (this one is %(media_type)s).")


def test_no_digit_in_a_message_of_the_rules_or_their_catalogues() -> None:
    in_use = set(msgids())
    in_catalogues = {str(m.id) for lang in TRANSLATED for m in catalog(lang) if m.id and str(m.id) in in_use}
    with_digits = sorted(m for m in in_use | in_catalogues if digits_in(m) and m not in KERNEL_REWRITES)
    assert not with_digits, f"read the number from the law and pass it as a value: {with_digits}"


def test_the_known_exceptions_are_the_kernels_only() -> None:
    payments = extract_from_dir(RULES_DIR / "payments", method_map=[("**.py", "python")], keywords={"N_": None})
    in_payments = {entry[2] for entry in payments}
    elsewhere = set(msgids()) - in_payments
    assert not KERNEL_REWRITES & elsewhere, "an exception outside rules/payments: fix the text instead"


@pytest.mark.parametrize("path", sorted(default_law().parameters))
def test_every_parameter_is_labelled_in_kazakh_russian_and_english(path: str) -> None:
    label = default_law()[path].label
    assert all(label[lang].strip() for lang in ("kk", "ru", "en")), path
    assert not CYRILLIC.search(label["en"]), f"{path}: the English label has Cyrillic letters"
    for lang in ("kk", "ru"):
        assert CYRILLIC.search(label[lang]), f"{path}: the {lang} label is not in Cyrillic"
        assert not LATIN.search(LATIN_IN_LABELS.sub("", label[lang])), f"{path}: English words in the {lang} label"
    assert label["kk"] != label["ru"], f"{path}: the Kazakh label is the Russian one"
