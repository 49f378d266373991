"""What a reform changes, read from the law: labels, today's and the reform's values, acts, new payments."""

from __future__ import annotations

import datetime as dt

from kopir.microsim.reforms import available, parse
from kopir.policy.reform_facts import facts_of, shipped_reform_facts
from kopir.rules import default_law

TITLE = {"kk": "Реформа", "ru": "Реформа", "en": "Reform"}


def test_a_reform_file_without_a_description_is_still_valid() -> None:
    law = default_law()
    change = {"parameter": "gfss.childcare.rate", "since": dt.date(2025, 1, 1), "value": 0.5}
    reform = parse({"id": "r", "title": TITLE, "changes": [change]}, law, source="r.yaml")
    facts = facts_of(reform, law, "ru")
    assert facts.description == ""
    [row] = facts.changes
    assert row.label == law["gfss.childcare.rate"].label["ru"]
    assert (row.today, row.reformed) == ("40%", "50%")
    reading = law["gfss.childcare.rate"].at(dt.date(2025, 1, 1))
    assert row.acts == tuple((ref.title["ru"], ref.href) for ref in reading.primary_references)
    assert row.acts  # every shipped value has its act


def test_every_shipped_reform_says_what_it_changes_in_each_language() -> None:
    for name in available():
        for lang in ("kk", "ru", "en"):
            facts = shipped_reform_facts(name, lang)
            assert facts is not None
            assert facts.description
            assert facts.changes or facts.payments


def test_a_new_payment_lists_its_settings_with_shares_as_percentages() -> None:
    facts = shipped_reform_facts("nursery-subsidy", "en")
    assert facts is not None
    [payment] = facts.payments
    assert payment.name == "Nursery place subsidy"
    settings = {setting.meaning: setting.value for setting in payment.settings}
    assert settings["subsidy per child and month, tenge"] == "30,000"
    assert settings["share of children in a subsidised place"] == "30%"


def test_an_unknown_reform_has_no_facts() -> None:
    assert shipped_reform_facts("../../etc/passwd", "en") is None
