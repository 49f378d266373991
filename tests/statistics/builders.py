"""Keyword builders for the small case sets the indicator tests count by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from kopir.cases.models import (
    Appointment,
    AppointmentKind,
    Child,
    Destination,
    Employee,
    EpisodeKind,
    FollowUp,
    LeaveEpisode,
    LeaveSegment,
    PayRecord,
    ReturnMode,
    ReturnToWork,
    SegmentKind,
    Separation,
    SeparationReason,
)
from kopir.cases.services.people import employee_create
from kopir.organisation.models import BodyLevel, Corps, ManagerialLevel, Position, StateBody
from kopir.returns.models import ContactKind, KeepInTouch, NurseryRequest, ReturnPlan
from tests.cases.builders import fresh_iin


def body(code: str, region: str = "KZ-71") -> StateBody:
    return StateBody.objects.create(
        code=code, name_kk=code, name_ru=code, name_en=code, level=BodyLevel.CENTRAL, region_iso=region, region_kato="0"
    )


def post(
    at: StateBody, *, level: ManagerialLevel = ManagerialLevel.SPECIALIST, category: str = "B-5", corps: Corps = Corps.B
) -> Position:
    return Position.objects.create(
        body=at, name_kk="p", name_ru="p", name_en="p", corps=corps, category=category, managerial_level=level
    )


def person(
    at: StateBody | Position,
    *,
    sex: str = "female",
    hired: date = date(2015, 1, 1),
    pay: int | None = None,
) -> Employee:
    position = at if isinstance(at, Position) else post(at)
    employee = employee_create(
        position=position,
        surname="Test",
        given_name="T",
        iin=fresh_iin(date(1990, 5, 15), sex),
        hired_on=hired,
        actor=None,
    )
    if pay is not None:
        PayRecord.objects.create(employee=employee, effective_from=hired, monthly_salary=Decimal(pay))
    return employee


def leave(
    employee: Employee,
    *,
    birth: date,
    maternity: tuple[date, date] | None = None,
    childcare: tuple[date, date] | None = None,
    returned: date | None = None,
    mode: ReturnMode = ReturnMode.SAME_POST,
    pay: int | None = None,
) -> LeaveEpisode:
    """An episode: maternity leave from 70 days before the birth to 55 after unless given, then childcare."""
    child = Child.objects.create(parent=employee, birth_date=birth, birth_order=1)
    episode = LeaveEpisode.objects.create(
        employee=employee, child=child, kind=EpisodeKind.BIRTH, opened_on=birth - timedelta(days=80)
    )
    first, last = maternity or (birth - timedelta(days=70), birth + timedelta(days=55))
    LeaveSegment.objects.create(episode=episode, kind=SegmentKind.MATERNITY, planned_start=first, planned_end=last)
    if childcare is not None:
        LeaveSegment.objects.create(
            episode=episode, kind=SegmentKind.CHILDCARE, planned_start=childcare[0], planned_end=childcare[1]
        )
    if returned is not None:
        salary = pay if pay is not None else _pay_on(employee, returned)
        ReturnToWork.objects.create(
            episode=episode,
            first_working_day=returned,
            mode=mode,
            position=employee.position,
            monthly_salary=Decimal(salary),
        )
    return episode


def _pay_on(employee: Employee, on: date) -> int:
    record = employee.pay_records.filter(effective_from__lte=on).order_by("-effective_from").first()
    return int(record.monthly_salary) if record else 300_000


def leaves(
    employee: Employee,
    last_day: date,
    *,
    episode: LeaveEpisode | None = None,
    during_leave: bool = False,
    reason: SeparationReason = SeparationReason.RESIGNATION,
    destination: Destination = Destination.UNKNOWN,
) -> Separation:
    return Separation.objects.create(
        employee=employee,
        episode=episode,
        date=last_day,
        during_leave=during_leave,
        reason=reason,
        destination=destination,
    )


def promoted(employee: Employee, on: date) -> Appointment:
    return Appointment.objects.create(
        employee=employee, position=employee.position, starts_on=on, kind=AppointmentKind.PROMOTION
    )


def raise_pay(employee: Employee, on: date, amount: int) -> PayRecord:
    return PayRecord.objects.create(employee=employee, effective_from=on, monthly_salary=Decimal(amount))


LAST_YEAR_BIRTH = date(2024, 1, 1)
CHILDCARE_TO_JANUARY = (date(2024, 2, 26), date(2025, 1, 31))
BACK_IN_FEBRUARY = date(2025, 2, 3)


def back_in_february(
    employee: Employee, *, mode: ReturnMode = ReturnMode.SAME_POST, pay: int | None = None
) -> LeaveEpisode:
    """A birth on 1 January 2024, childcare leave to 31 January 2025, back on 3 February 2025."""
    return leave(
        employee, birth=LAST_YEAR_BIRTH, childcare=CHILDCARE_TO_JANUARY, returned=BACK_IN_FEBRUARY, mode=mode, pay=pay
    )


def due_in_february(employee: Employee) -> LeaveEpisode:
    """The same leave, with no return recorded: due back in 2025, not returned."""
    return leave(employee, birth=LAST_YEAR_BIRTH, childcare=CHILDCARE_TO_JANUARY)


def varied_records() -> None:
    """Two regions, posts with and without a category, every kind of outcome, nulls in every column,
    pay rises in both regions (so that a category's mean rise is the country's, not a region's)."""
    north, south = body("N1", "KZ-11"), body("S1", "KZ-75")
    manager = post(north, level=ManagerialLevel.HEAD_OF_SECTOR, category="")
    for office in (north, south):
        back_in_february(person(office, pay=250_000), mode=ReturnMode.PART_TIME, pay=245_000)
        due_in_february(person(office, sex="male"))
    returned = back_in_february(person(manager, pay=333_333))
    FollowUp.objects.create(
        episode=returned,
        months_after_return=12,
        employed_in_body=False,
        employed_in_state_service=True,
        recorded_on=date(2026, 2, 3),
    )
    plan = ReturnPlan.objects.create(episode=returned, planned_return_date=date(2025, 2, 3))
    KeepInTouch.objects.create(plan=plan, on=date(2024, 9, 1), kind=ContactKind.CONTACT)
    NurseryRequest.objects.create(plan=plan, requested_on=date(2024, 10, 1))
    gone = person(south)
    episode = leave(gone, birth=date(2024, 5, 1))
    leaves(gone, date(2024, 12, 1), episode=episode, during_leave=True, reason=SeparationReason.TRANSFER)
    leaves(person(north), date(2025, 6, 30), destination=Destination.STATE_BODY)
    promoted(person(south, hired=date(2020, 3, 1)), date(2025, 4, 1))
    for office, rise in ((north, 260_000), (south, 400_000)):
        raise_pay(person(office, pay=250_000), date(2024, 6, 1), rise)
    catching_up = person(north, pay=250_000)
    back_in_february(catching_up, pay=270_000)
