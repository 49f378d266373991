"""A month's law is kept per month and the parameters its reading asked for: a law with the same ones finds
it, a change of any of them is read afresh (the draws of a cost's range run the same laws many times)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from kopir.rules import default_law
from kopir.rules.law import ParamValue
from kopir.rules.population.month_law import MonthLaw

MONTHS = np.array(["2025-03-01", "2025-09-01"], dtype="datetime64[D]")


def test_the_same_laws_read_again_give_the_kept_month() -> None:
    law = default_law()
    assert MonthLaw.read(law, MONTHS, 4) is MonthLaw.read(law, MONTHS, 4)


def test_a_law_that_changes_only_what_a_month_does_not_read_finds_the_kept_month() -> None:
    law = default_law()
    reform = law.with_values({"gfss.maternity.days_divisor": 31}, title="test")
    assert MonthLaw.read(reform, MONTHS, 4) is MonthLaw.read(law, MONTHS, 4)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("gfss.childcare.rate", Decimal("0.5"), "rate"),
        ("general.mrp", Decimal(5000), "allowance"),
        ("general.mzp", Decimal(500_000), "ceiling"),
        ("gfss.childcare.pension_contribution_at_floor", True, "pension_at_floor"),
    ],
)
def test_a_changed_parameter_is_read_afresh(path: str, value: ParamValue, field: str) -> None:
    law = default_law()
    before = MonthLaw.read(law, MONTHS, 4)
    after = MonthLaw.read(law.with_values({path: value}, title="test"), MONTHS, 4)
    old, new = getattr(before, field), getattr(after, field)
    if field == "rate":
        old, new = old.numerator * new.denominator, new.numerator * old.denominator
    assert not np.array_equal(old, new)
