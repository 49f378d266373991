"""I10-I16 on small case sets counted by hand: time to return, pay, careers, managers, fathers, support."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kopir.cases.models import Appointment, AppointmentKind
from kopir.organisation.models import Corps, ManagerialLevel
from kopir.returns.models import (
    ArrangementKind,
    ArrangementRequest,
    ContactKind,
    Decision,
    KeepInTouch,
    NurseryRequest,
    ReturnInterview,
    ReturnPhase,
    ReturnPlan,
    TrainingItem,
    TrainingKind,
)
from kopir.statistics.computation import compute_cells
from kopir.statistics.engine import RETURN_BAND_LABELS
from tests.statistics.builders import (
    BACK_IN_FEBRUARY,
    back_in_february,
    body,
    leave,
    leaves,
    person,
    post,
    promoted,
    raise_pay,
)
from tests.statistics.helpers import cell, ratio, value

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 6, 30)
NEW_YEAR = date(2025, 1, 1)


def test_time_to_return_censors_those_still_on_leave_and_those_who_left() -> None:
    office = body("B1")
    leave(
        person(office), birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2025, 10, 27)), returned=date(2025, 10, 28)
    )
    leave(person(office), birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2025, 12, 31)), returned=date(2026, 1, 1))
    leave(person(office), birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2027, 12, 31)))  # on leave at the cut-off
    gone = person(office)
    episode = leave(gone, birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2027, 12, 31)))
    leaves(gone, date(2025, 6, 30), episode=episode, during_leave=True)  # censored at day 180
    cells = compute_cells(2025, as_of=AS_OF)
    # At day 300 three are at risk and one returns (S = 2/3); at day 365 two, and one returns (S = 1/3).
    assert value(cells, "time_to_return_median") == Decimal("12.0")
    assert value(cells, "time_to_return_km", breakdown="month=10") == Decimal("33.3")
    assert value(cells, "time_to_return_km", breakdown="month=12") == Decimal("66.7")  # not 2 of 4 = 50 %
    assert ratio(cells, "time_to_return_km", breakdown="month=12") == (2, 4)
    assert value(cells, "time_to_return_km", breakdown="month=9") == Decimal("0.0")
    assert cell(cells, "time_to_return_km", region="KZ-71", breakdown="month=12") is not None
    assert cell(cells, "time_to_return_km", region="KZ-71", body="B1", breakdown="month=12") is None


def test_time_to_return_bands_add_up_to_the_births_with_those_not_back_apart() -> None:
    office = body("B1")
    leave(
        person(office), birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2025, 5, 31)), returned=date(2025, 6, 2)
    )  # day 152: under 6 months
    leave(
        person(office), birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2025, 12, 31)), returned=date(2026, 1, 1)
    )  # day 365 is 11.99 months (a month is 365.25 / 12 days)
    leave(person(office), birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2027, 12, 31)))  # on leave at the cut-off
    gone = person(office)
    episode = leave(gone, birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2027, 12, 31)))
    leaves(gone, date(2025, 6, 30), episode=episode, during_leave=True)  # left without returning
    leave(person(office), birth=date(2024, 1, 1), returned=date(2025, 1, 1))  # a birth of another year
    cells = compute_cells(2025, as_of=AS_OF)
    bands = {b: value(cells, "time_to_return_months", breakdown=f"months={b}") for b in RETURN_BAND_LABELS}
    assert bands == {"00-06": 1, "06-12": 1, "12-18": 0, "18-24": 0, "24-36": 0, "36+": 0, "not_returned": 2}
    assert value(cells, "time_to_return_months") == 4
    assert value(cells, "time_to_return_months", sex="M") == 0
    assert value(cells, "time_to_return_months", body="B1", region="KZ-71", breakdown="months=not_returned") == 2


def test_time_to_return_has_no_median_until_half_are_back() -> None:
    office = body("B1")
    leave(
        person(office), birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2025, 10, 27)), returned=date(2025, 10, 28)
    )
    for _ in range(2):
        leave(person(office), birth=NEW_YEAR, childcare=(date(2025, 2, 26), date(2027, 12, 31)))
    assert value(compute_cells(2025, as_of=AS_OF), "time_to_return_median") is None


def test_pay_gap_leaves_out_those_on_leave_on_the_snapshot() -> None:
    office = body("B1")
    person(office, sex="male", pay=400_000)
    person(office, sex="male", pay=600_000)
    for pay in (300_000, 350_000, 550_000):
        person(office, pay=pay)
    on_leave = person(office, pay=1_000_000)
    leave(on_leave, birth=date(2025, 3, 1))  # maternity leave covers 31 March
    cells = compute_cells(2025, as_of=AS_OF)
    assert value(cells, "pay_mean", sex="F") == Decimal("400000")
    assert value(cells, "pay_median", sex="F") == Decimal("350000")
    assert value(cells, "pay_mean", sex="M") == Decimal("500000")
    assert ratio(cells, "pay_mean", sex="F") == (None, 3)
    assert value(cells, "pay_gap_mean") == Decimal("20.0")
    assert value(cells, "pay_gap_median") == Decimal("30.0")
    assert ratio(cells, "pay_gap_mean") == (3, 5)
    assert value(cells, "pay_gap_mean", breakdown="category=B-5") == Decimal("20.0")
    shares = [value(cells, "pay_quartile_share", sex="F", breakdown=f"quartile={q}") for q in (1, 2, 3, 4)]
    assert shares == [Decimal("100.0"), Decimal("0.0"), Decimal("100.0"), Decimal("0.0")]
    assert value(cells, "pay_quartile_share", sex="M", breakdown="quartile=2") == Decimal("100.0")


def test_women_in_managerial_and_senior_posts_on_31_december() -> None:
    office = body("B1")
    person(post(office, level=ManagerialLevel.HEAD_OF_SECTOR))
    person(post(office, level=ManagerialLevel.DEPUTY_HEAD))
    person(post(office, level=ManagerialLevel.CORPS_A), sex="male")
    person(office)
    gone = person(post(office, level=ManagerialLevel.HEAD_OF_STRUCTURAL_UNIT))
    leaves(gone, date(2025, 12, 30))
    cells = compute_cells(2025, as_of=AS_OF)
    assert ratio(cells, "women_managerial_share") == (2, 3)
    assert value(cells, "women_managerial_share") == Decimal("66.7")
    assert ratio(cells, "women_senior_share") == (0, 1)
    assert cell(cells, "women_managerial_share", sex="F") is None  # a share of women has no sex split


def test_fathers_share_of_childcare_episodes_and_days() -> None:
    office = body("B1")
    for _ in range(3):
        leave(person(office), birth=date(2024, 6, 1), childcare=(NEW_YEAR, date(2025, 12, 31)))
    leave(
        person(office, sex="male"),
        birth=date(2024, 6, 1),
        maternity=(date(2024, 12, 1), date(2024, 12, 2)),
        childcare=(NEW_YEAR, date(2025, 1, 31)),
    )
    cells = compute_cells(2025, as_of=AS_OF)
    assert ratio(cells, "fathers_share_episodes") == (1, 4)
    assert ratio(cells, "fathers_share_days") == (31, 3 * 365 + 31)
    assert value(cells, "fathers_share_days") == Decimal("2.8")


def test_support_received_by_the_returners() -> None:
    office = body("B1")
    helped, phased, refused = (back_in_february(person(office)) for _ in range(3))
    back_in_february(person(office))
    plan = ReturnPlan.objects.create(episode=helped, planned_return_date=BACK_IN_FEBRUARY)
    ReturnInterview.objects.create(plan=plan, held_on=date(2025, 2, 10), record="r")
    KeepInTouch.objects.create(plan=plan, on=date(2024, 9, 1), kind=ContactKind.CONTACT)
    TrainingItem.objects.create(plan=plan, kind=TrainingKind.COURSE, title="t", planned_on=date(2025, 3, 1))
    NurseryRequest.objects.create(plan=plan, requested_on=date(2024, 10, 1), placed_on=date(2025, 2, 1))
    ArrangementRequest.objects.create(plan=plan, **_arrangement(Decision.GRANTED))
    other = ReturnPlan.objects.create(episode=phased, planned_return_date=BACK_IN_FEBRUARY)
    ReturnPhase.objects.create(plan=other, starts_on=BACK_IN_FEBRUARY, ends_on=date(2025, 3, 31), work_percent=50)
    NurseryRequest.objects.create(plan=other, requested_on=date(2024, 10, 1))  # still in the queue
    waiting = ReturnPlan.objects.create(episode=refused, planned_return_date=BACK_IN_FEBRUARY)
    ArrangementRequest.objects.create(plan=waiting, **_arrangement(Decision.REFUSED), reasons="r")
    cells = compute_cells(2025, as_of=AS_OF)
    assert ratio(cells, "support_interview") == (1, 4)
    assert ratio(cells, "support_keep_in_touch") == (1, 4)
    assert ratio(cells, "support_training") == (1, 4)
    assert ratio(cells, "support_nursery") == (1, 4)
    assert ratio(cells, "support_flexible") == (2, 4)  # granted, or a phased schedule; not refused


def _arrangement(decision: Decision) -> dict[str, object]:
    return {
        "kind": ArrangementKind.FLEXIBLE_HOURS,
        "starts_on": BACK_IN_FEBRUARY,
        "ends_on": date(2025, 6, 30),
        "requested_on": date(2024, 12, 1),
        "deadline": date(2024, 12, 20),
        "decision": decision,
    }


def test_entitled_by_corps_and_by_the_category_held_on_31_december() -> None:
    office = body("B1")
    moved = person(post(office, category="B-5"))
    Appointment.objects.create(
        employee=moved,
        position=post(office, category="B-3"),
        starts_on=date(2025, 7, 1),
        kind=AppointmentKind.PROMOTION,
    )
    person(post(office, category="B-5"), sex="male")
    person(post(office, category="A-1", corps=Corps.A))
    cells = compute_cells(2025, as_of=AS_OF)
    assert value(cells, "entitled") == 3
    assert value(cells, "entitled", breakdown="category=B-3") == 1
    assert value(cells, "entitled", breakdown="category=B-5") == 1
    assert value(cells, "entitled", breakdown="corps=A") == 1
    assert value(cells, "entitled", sex="M", breakdown="corps=B") == 1
    assert value(compute_cells(2024, as_of=AS_OF), "entitled", breakdown="category=B-5") == 2


def test_pay_catch_up_needs_the_mean_rise_of_her_category() -> None:
    office = body("B1")
    caught_up, left_behind = person(office, pay=400_000), person(office, pay=400_000)
    for returner, pay in ((caught_up, 440_000), (left_behind, 420_000)):
        back_in_february(returner, pay=pay)
    for old, new, on in ((300_000, 330_000, date(2024, 6, 1)), (200_000, 220_000, date(2024, 7, 1))):
        raise_pay(person(office, pay=old), on, new)
    no_rises = person(post(office, category="C-1"), pay=400_000)
    back_in_february(no_rises)
    assert ratio(compute_cells(2025, as_of=AS_OF), "pay_catch_up_rate") == (1, 2)


def test_promotion_after_return_against_matched_peers() -> None:
    office = body("B1")
    went_up, stayed = person(office), person(office)
    leave(went_up, birth=date(2022, 1, 1), childcare=(date(2022, 2, 26), date(2023, 2, 28)), returned=date(2023, 3, 1))
    leave(stayed, birth=date(2022, 1, 1), childcare=(date(2022, 2, 26), date(2023, 3, 31)), returned=date(2023, 4, 1))
    promoted(went_up, date(2024, 5, 1))
    peers = [person(office) for _ in range(4)]
    promoted(peers[0], date(2024, 1, 1))
    cells = compute_cells(2025, as_of=AS_OF)
    assert ratio(cells, "promotion_24m") == (1, 2)
    assert ratio(cells, "promotion_24m_peers") == (1, 4)
    assert value(cells, "promotion_24m_ratio") == Decimal("200.0")  # 1 observed, 2 x 25 % expected
    assert value(cells, "promotion_24m", breakdown="corps=B") == Decimal("50.0")
    assert value(cells, "promotion_36m") is None  # nobody returned in 2022
