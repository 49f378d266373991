"""A month's law is kept per month and parameters: the list of parameters it reads is complete, and a
change of any of them is read afresh (the draws of a cost's range run the same laws many times)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

import numpy as np
import pytest

from kopir.rules import default_law
from kopir.rules.law import Law, Parameter
from kopir.rules.population.month_law import READS, MonthLaw

MONTHS = np.array(["2025-03-01", "2025-09-01"], dtype="datetime64[D]")


class _Recording(Mapping[str, Parameter]):
    """The law's parameters, noting each one read."""

    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self.parameters = parameters
        self.read: set[str] = set()

    def __getitem__(self, path: str) -> Parameter:
        self.read.add(path)
        return self.parameters[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self.parameters)

    def __len__(self) -> int:
        return len(self.parameters)


def test_reads_names_every_parameter_a_month_law_reads() -> None:
    recording = _Recording(default_law().parameters)
    law = Law(parameters=recording, version="recorded")
    recording.read.clear()
    MonthLaw._read(law, MONTHS, 4)  # the reading itself, never the kept one
    assert recording.read
    assert recording.read <= set(READS)


def test_the_same_laws_read_again_give_the_kept_month() -> None:
    law = default_law()
    assert MonthLaw.read(law, MONTHS, 4) is MonthLaw.read(law, MONTHS, 4)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [("gfss.childcare.rate", Decimal("0.5"), "rate"), ("general.mrp", Decimal(5000), "allowance")],
)
def test_a_changed_parameter_is_read_afresh(path: str, value: Decimal, field: str) -> None:
    law = default_law()
    before = MonthLaw.read(law, MONTHS, 4)
    after = MonthLaw.read(law.with_values({path: value}, title="test"), MONTHS, 4)
    old, new = getattr(before, field), getattr(after, field)
    if field == "rate":
        old, new = old.numerator * new.denominator, new.numerator * old.denominator
    assert not np.array_equal(old, new)
