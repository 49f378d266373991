"""I2-I7 on small case sets counted by hand: who took leave, who was due back, who came back, who stayed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kopir.cases.models import Destination, FollowUp, ReturnMode, SeparationReason
from kopir.statistics.computation import compute_cells
from tests.statistics.builders import back_in_february, body, due_in_february, leave, leaves, person
from tests.statistics.helpers import cell, ratio, value

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 6, 30)


def test_due_to_return_leaves_out_episodes_still_open_at_year_end() -> None:
    office = body("B1")
    leave(
        person(office),
        birth=date(2024, 3, 1),
        childcare=(date(2024, 4, 26), date(2025, 5, 31)),
        returned=date(2025, 6, 2),
    )
    leave(person(office), birth=date(2024, 6, 1), childcare=(date(2024, 7, 27), date(2025, 9, 30)))
    leave(person(office), birth=date(2025, 2, 1), childcare=(date(2025, 3, 29), date(2027, 2, 1)))
    cells = compute_cells(2025, as_of=AS_OF)
    assert value(cells, "due_to_return") == 2  # the open one is not due
    assert value(cells, "returned") == 1
    assert ratio(cells, "return_rate") == (1, 2)
    assert value(cells, "return_rate") == Decimal("50.0")
    assert value(cells, "return_rate", body="B1", region="KZ-71", sex="F") == Decimal("50.0")
    assert value(cells, "return_rate", sex="M") is None  # no men: no rate, not 0 %


def test_an_exit_during_leave_is_due_and_not_returned() -> None:
    office = body("B1")
    her = person(office)
    episode = leave(her, birth=date(2024, 8, 1), childcare=(date(2024, 9, 26), date(2026, 8, 1)))
    leaves(her, date(2025, 4, 30), episode=episode, during_leave=True, destination=Destination.PRIVATE_SECTOR)
    cells = compute_cells(2025, as_of=AS_OF)
    assert ratio(cells, "return_rate") == (0, 1)
    assert value(cells, "exits_during_leave") == 1
    assert value(cells, "exits_during_leave", breakdown="destination=private_sector") == 1
    assert value(cells, "exits_during_leave", breakdown="destination=state_body") == 0
    assert value(cells, "exits_during_leave", breakdown="reason=resignation") == 1
    assert value(cells, "exits_during_leave", breakdown="managerial=no") == 1


def test_an_early_return_counts_in_the_year_she_came_back() -> None:
    office = body("B1")
    leave(
        person(office),
        birth=date(2025, 1, 10),
        childcare=(date(2025, 3, 7), date(2027, 1, 10)),
        returned=date(2025, 10, 1),
    )
    assert ratio(compute_cells(2025, as_of=AS_OF), "return_rate") == (1, 1)
    assert value(compute_cells(2026, as_of=AS_OF), "due_to_return") is None  # not counted twice


def test_took_leave_counts_people_once_and_includes_leavers() -> None:
    office = body("B1")
    her = person(office)
    leave(her, birth=date(2024, 11, 1), childcare=(date(2024, 12, 27), date(2025, 12, 31)))
    leaver = person(office)
    episode = leave(leaver, birth=date(2025, 2, 1))
    leaves(leaver, date(2025, 3, 1), episode=episode, during_leave=True)
    him = person(office, sex="male")
    leave(him, birth=date(2023, 1, 1), maternity=(date(2025, 1, 1), date(2025, 1, 31)))  # as his childcare leave
    person(office)  # never on leave
    cells = compute_cells(2025, as_of=AS_OF)
    assert value(cells, "took_leave") == 3
    assert value(cells, "took_leave", sex="F") == 2
    assert value(cells, "took_leave", sex="M") == 1
    assert value(cells, "took_leave", breakdown="segment=childcare") == 1
    assert value(cells, "took_leave", breakdown="segment=maternity") == 2
    assert value(cells, "episodes_started") == 1  # the leaver's maternity leave began in November 2024
    assert value(cells, "births_in_year") == 1
    assert value(cells, "entitled") == 3  # the leaver is gone on 31 December


def test_retention_counts_the_returners_of_the_prior_year() -> None:
    office = body("B1")
    stays = person(office)
    leave(stays, birth=date(2023, 1, 1), childcare=(date(2023, 2, 26), date(2024, 3, 1)), returned=date(2024, 3, 4))
    goes = person(office)
    leave(goes, birth=date(2023, 2, 1), childcare=(date(2023, 3, 29), date(2024, 4, 1)), returned=date(2024, 4, 2))
    leaves(goes, date(2025, 1, 31), reason=SeparationReason.TRANSFER, destination=Destination.STATE_BODY)
    late_leaver = person(office)
    leave(
        late_leaver, birth=date(2023, 3, 1), childcare=(date(2023, 4, 26), date(2024, 5, 1)), returned=date(2024, 5, 2)
    )
    leaves(late_leaver, date(2025, 5, 10))  # 373 days after the return: retained
    followed = person(office)
    back = leave(
        followed, birth=date(2023, 4, 1), childcare=(date(2023, 5, 27), date(2024, 6, 1)), returned=date(2024, 6, 3)
    )
    FollowUp.objects.create(
        episode=back,
        months_after_return=12,
        employed_in_body=False,
        employed_in_state_service=True,
        recorded_on=date(2025, 6, 3),
    )
    this_year = person(office)
    leave(this_year, birth=date(2024, 1, 1), childcare=(date(2024, 2, 26), date(2025, 1, 1)), returned=date(2025, 1, 2))
    cells = compute_cells(2025, as_of=AS_OF)
    assert value(cells, "returned_prior_year") == 4
    assert value(cells, "retained_12m") == 2
    assert value(cells, "retained_12m_state") == 4
    assert ratio(cells, "retention_rate") == (2, 4)
    assert value(cells, "retention_rate") == Decimal("50.0")
    assert ratio(cells, "retention_rate_state") == (4, 4)


def test_exits_after_return_fall_in_their_windows() -> None:
    office = body("B1")
    quick = person(office)
    leave(quick, birth=date(2023, 6, 1), childcare=(date(2023, 7, 27), date(2024, 12, 31)), returned=date(2025, 1, 2))
    leaves(quick, date(2025, 3, 1))  # 2 months after
    slow = person(office)
    leave(slow, birth=date(2022, 6, 1), childcare=(date(2022, 7, 27), date(2024, 3, 31)), returned=date(2024, 4, 1))
    leaves(slow, date(2025, 6, 1), reason=SeparationReason.REORGANISATION)  # 14 months after
    cells = compute_cells(2025, as_of=AS_OF)
    assert value(cells, "exits_after_return_6m") == 1
    assert value(cells, "exits_after_return_12m") == 1
    assert value(cells, "exits_after_return_24m") == 2
    assert value(cells, "exits_after_return_24m", breakdown="reason=reorganisation") == 1
    assert value(cells, "exits_during_leave") == 0


def test_return_mode_and_the_same_or_equivalent_check() -> None:
    office = body("B1")
    for mode in (ReturnMode.SAME_POST, ReturnMode.LOWER_POST, ReturnMode.EQUIVALENT_POST):
        back_in_february(person(office, pay=400_000), mode=mode)
    paid_less = person(office, pay=400_000)
    back_in_february(paid_less, pay=350_000)
    cells = compute_cells(2025, as_of=AS_OF)
    assert value(cells, "return_mode", breakdown="mode=same_post") == 2
    assert value(cells, "return_mode", breakdown="mode=lower_post") == 1
    assert value(cells, "return_mode", breakdown="mode=part_time") == 0
    assert value(cells, "return_mode") == 4
    assert ratio(cells, "not_same_or_equivalent") == (2, 4)


def test_margins_add_up_across_bodies_and_regions() -> None:
    north, south, south_two = body("N", "KZ-11"), body("S", "KZ-75"), body("S2", "KZ-75")
    for office, n in ((north, 1), (south, 2), (south_two, 3)):
        for _ in range(n):
            back_in_february(person(office))
    cells = compute_cells(2025, as_of=AS_OF)
    assert value(cells, "returned", region="KZ-75") == 5
    assert value(cells, "returned", region="KZ-75", body="S2") == 3
    assert value(cells, "returned", region="KZ-11", body="N") == 1
    assert value(cells, "returned") == 6
    assert cell(cells, "returned", region="KZ-11", body="S") is None


def test_one_body_gives_its_own_cells_only() -> None:
    mine, other = body("MINE"), body("OTHER")
    back_in_february(person(mine))
    due_in_february(person(other))
    cells = compute_cells(2025, "MINE", as_of=AS_OF)
    assert {c.body for c in cells} == {"MINE"}
    assert ratio(cells, "return_rate", body="MINE", region="KZ-71") == (1, 1)
