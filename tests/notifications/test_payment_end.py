"""The end of her childcare payment: from the child's birth date and the law's length, to her even after
an early return (the payment goes on, lower), not after she left the body (issue 18)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kopir.cases.models import EpisodeStatus
from kopir.cases.services.leave import childcare_payment_last_day
from kopir.notifications.models import SentMail
from kopir.notifications.services.planning import mail_plan

pytestmark = pytest.mark.django_db

NEAR_THE_END = date(2026, 12, 29)  # born 8 July 2025: the payment's last day is 7 January 2027


def test_the_last_day_is_the_eve_of_the_child_being_one_and_a_half(office: dict[str, Any]) -> None:
    assert childcare_payment_last_day(office["episode"]) == date(2027, 1, 7)


def test_no_last_day_before_the_birth_or_where_the_law_knows_no_length(office: dict[str, Any]) -> None:
    child = office["episode"].child
    child.birth_date, child.expected_birth = None, date(2025, 7, 8)
    child.save(update_fields=["birth_date", "expected_birth"])
    assert childcare_payment_last_day(office["episode"]) is None
    child.birth_date = date(2022, 3, 1)  # before the 1.5-year payment's first known length (2023)
    child.save(update_fields=["birth_date"])
    assert childcare_payment_last_day(office["episode"]) is None


@pytest.mark.parametrize(("status", "told"), [(EpisodeStatus.RETURNED, 1), (EpisodeStatus.EXITED, 0)])
def test_after_an_early_return_she_is_told_but_not_after_leaving(
    office: dict[str, Any], status: str, told: int
) -> None:
    office["episode"].status = status
    office["episode"].save(update_fields=["status"])
    mail_plan(today=NEAR_THE_END)
    assert SentMail.objects.filter(key=f"payment_ends:{office['episode'].pk}").count() == told
