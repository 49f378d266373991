"""From lines of JSON to records: every field checked, every problem collected, none fatal.

Each line is read on its own, with the checks that need nothing beyond the line: types,
unknown fields, the IIN and its agreement with sex and birth date, enumerations, and the order
of appointments and leave segments. What needs other lines or the database (body codes,
unique references and IINs) is `checking`'s work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from kopir.cases.leave_state import third_birthday_eve
from kopir.exchange import problems as p
from kopir.exchange.lines import Source, read_lines
from kopir.exchange.records import (
    BODIES_FILE,
    CORPS,
    DESTINATIONS,
    EMPLOYEES_FILE,
    LEVELS,
    MANAGERIAL_LEVELS,
    RETURN_MODES,
    SEGMENT_KINDS,
    SEPARATION_REASONS,
    SEXES,
    AppointmentRecord,
    BodyRecord,
    ChildRecord,
    EmployeeRecord,
    EpisodeRecord,
    ReturnRecord,
    SegmentRecord,
    SeparationRecord,
)
from kopir.reference import IinProblem, InvalidIin, validate_iin
from kopir.rules.request import EARLIEST_DATE, LATEST_DATE

T = TypeVar("T")

IIN_REASONS = {
    IinProblem.LENGTH: p.IIN_LENGTH,
    IinProblem.DIGITS: p.IIN_DIGITS,
    IinProblem.CENTURY: p.IIN_CENTURY,
    IinProblem.DATE: p.IIN_DATE,
    IinProblem.NEVER_ISSUED: p.IIN_NEVER_ISSUED,
    IinProblem.CHECKSUM: p.IIN_CHECKSUM,
}
CODE_LENGTH = 32
REF_LENGTH = 64
NAME_LENGTH = 300
CATEGORY_LENGTH = 16
CENT = Decimal("0.01")


class Missing:
    """A value that is absent or wrong: the record cannot be built, the problem is already noted."""


MISSING = Missing()


class Line:
    """One line's checks: each reader notes its problem and returns the value or `MISSING`."""

    def __init__(self, file: str, number: int, found: list[p.Problem]) -> None:
        self.file = file
        self.number = number
        self.found = found
        self.failed = False
        self.absent: set[str] = set()

    def problem(self, path: str, reason: p.Reason, **params: object) -> Missing:
        """Note a problem (one per field: an absent field is not also reported as of the wrong type)."""
        self.failed = True
        if path in self.absent:
            return MISSING
        details = tuple((name, str(value)) for name, value in params.items())
        self.found.append(p.Problem(self.file, self.number, path, reason, details))
        return MISSING

    def fields(self, value: Any, path: str, known: Sequence[str]) -> dict[str, Any] | Missing:
        """An object with exactly the `known` fields (all required; null where the format allows it)."""
        if not isinstance(value, dict):
            return self.problem(path or "$", p.NOT_OBJECT)
        for name in value:
            if name not in known:
                self.problem(_join(path, name), p.UNKNOWN_FIELD)
        for name in known:
            if name not in value:
                self.problem(_join(path, name), p.MISSING)
                self.absent.add(_join(path, name))
        return value

    def items(self, value: Any, path: str) -> list[Any] | Missing:
        if not isinstance(value, list):
            return self.problem(path, p.NOT_LIST)
        return value

    def text(self, value: Any, path: str, limit: int, *, allow_empty: bool = False) -> str | Missing:
        if not isinstance(value, str):
            return self.problem(path, p.NOT_TEXT)
        if not value.strip() and not allow_empty:
            return self.problem(path, p.EMPTY)
        if len(value) > limit:
            return self.problem(path, p.TOO_LONG, limit=limit)
        return value

    def day(self, value: Any, path: str) -> date | Missing:
        if isinstance(value, str) and len(value) == 10:
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return self.problem(path, p.NOT_DATE)
            if EARLIEST_DATE <= day <= LATEST_DATE:
                return day
            return self.problem(path, p.DATE_OUT_OF_RANGE, first=EARLIEST_DATE, last=LATEST_DATE)
        return self.problem(path, p.NOT_DATE)

    def optional_day(self, value: Any, path: str) -> date | Missing | None:
        return None if value is None else self.day(value, path)

    def choice(self, value: Any, path: str, choices: Sequence[str]) -> str | Missing:
        if not isinstance(value, str) or value not in choices:
            return self.problem(path, p.NOT_CHOICE, choices=", ".join(choices))
        return value

    def boolean(self, value: Any, path: str) -> bool | Missing:
        if not isinstance(value, bool):
            return self.problem(path, p.NOT_BOOLEAN)
        return value

    def amount(self, value: Any, path: str) -> Decimal | Missing:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return self.problem(path, p.NOT_AMOUNT)
        try:
            amount = Decimal(value)
            exact = amount.quantize(CENT)
        except InvalidOperation:
            return self.problem(path, p.NOT_AMOUNT)
        if amount < 0 or exact != amount:
            return self.problem(path, p.NOT_AMOUNT)
        return exact


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def each(line: Line, values: Any, path: str, read: Callable[[Line, Any, str], T | Missing]) -> list[T] | Missing:
    """Read every item of a list (all of them, so that all problems are found)."""
    items = line.items(values, path)
    if isinstance(items, Missing):
        return MISSING
    read_items = [read(line, item, f"{path}[{index}]") for index, item in enumerate(items)]
    if any(isinstance(item, Missing) for item in read_items):
        return MISSING
    return [item for item in read_items if not isinstance(item, Missing)]


def json_lines(file: str, source: Source, found: list[p.Problem]) -> Iterator[tuple[Line, Any]]:
    """Each non-blank line's JSON value, read within the limits of `lines`; a refused line is reported and skipped."""
    for number, value, problem in read_lines(source):
        line = Line(file, number, found)
        if problem is not None:
            path, reason, params = problem
            line.problem(path, reason, **params)
            continue
        yield line, value


# bodies.jsonl


BODY_FIELDS = ("code", "name", "parent", "level", "region")
NAME_FIELDS = ("kk", "ru", "en")


def body_record(line: Line, value: Any) -> BodyRecord | Missing:
    obj = line.fields(value, "", BODY_FIELDS)
    if isinstance(obj, Missing):
        return MISSING
    code = line.text(obj.get("code"), "code", CODE_LENGTH)
    names = line.fields(obj.get("name"), "name", NAME_FIELDS)
    name = (
        MISSING
        if isinstance(names, Missing)
        else [line.text(names.get(lang), f"name.{lang}", NAME_LENGTH) for lang in NAME_FIELDS]
    )
    parent = None if obj.get("parent") is None else line.text(obj.get("parent"), "parent", CODE_LENGTH)
    level = line.choice(obj.get("level"), "level", LEVELS)
    region = line.text(obj.get("region"), "region", CODE_LENGTH)
    if line.failed or isinstance(name, Missing):
        return MISSING
    kk, ru, en = name
    return BodyRecord(code, kk, ru, en, parent, level, region)  # type: ignore[arg-type]


def parse_bodies(text: Source, found: list[p.Problem]) -> list[tuple[int, BodyRecord]]:
    records = []
    for line, value in json_lines(BODIES_FILE, text, found):
        record = body_record(line, value)
        if not isinstance(record, Missing) and not line.failed:
            records.append((line.number, record))
    return records


# employees.jsonl


EMPLOYEE_FIELDS = ("ref", "iin", "sex", "birth_date", "body", "appointments", "children", "episodes", "separation")
APPOINTMENT_FIELDS = ("from", "to", "body", "position", "corps", "category", "managerial_level", "monthly_pay")
CHILD_FIELDS = ("birth_date", "adopted")
EPISODE_FIELDS = ("child_birth_date", "segments", "return")
SEGMENT_FIELDS = ("kind", "start", "end")
RETURN_FIELDS = ("date", "mode")
SEPARATION_FIELDS = ("date", "reason", "destination")


def appointment_record(line: Line, value: Any, path: str) -> AppointmentRecord | Missing:
    obj = line.fields(value, path, APPOINTMENT_FIELDS)
    if isinstance(obj, Missing):
        return MISSING
    start = line.day(obj.get("from"), f"{path}.from")
    end = line.optional_day(obj.get("to"), f"{path}.to")
    body = line.text(obj.get("body"), f"{path}.body", CODE_LENGTH)
    position = line.text(obj.get("position"), f"{path}.position", NAME_LENGTH)
    corps = line.choice(obj.get("corps"), f"{path}.corps", CORPS)
    category_value = obj.get("category")
    category = (
        ""
        if category_value is None
        else line.text(category_value, f"{path}.category", CATEGORY_LENGTH, allow_empty=True)
    )
    level = line.choice(obj.get("managerial_level"), f"{path}.managerial_level", MANAGERIAL_LEVELS)
    pay = line.amount(obj.get("monthly_pay"), f"{path}.monthly_pay")
    values = (start, end, body, position, corps, category, level, pay)
    if any(isinstance(v, Missing) for v in values):
        return MISSING
    if isinstance(start, date) and isinstance(end, date) and end < start:
        return line.problem(f"{path}.to", p.ENDS_BEFORE_START)
    return AppointmentRecord(*values)  # type: ignore[arg-type]


def child_record(line: Line, value: Any, path: str) -> ChildRecord | Missing:
    obj = line.fields(value, path, CHILD_FIELDS)
    if isinstance(obj, Missing):
        return MISSING
    born = line.day(obj.get("birth_date"), f"{path}.birth_date")
    adopted = line.boolean(obj.get("adopted"), f"{path}.adopted")
    if isinstance(born, Missing) or isinstance(adopted, Missing):
        return MISSING
    return ChildRecord(born, adopted)


def segment_record(line: Line, value: Any, path: str) -> SegmentRecord | Missing:
    obj = line.fields(value, path, SEGMENT_FIELDS)
    if isinstance(obj, Missing):
        return MISSING
    kind = line.choice(obj.get("kind"), f"{path}.kind", SEGMENT_KINDS)
    start = line.day(obj.get("start"), f"{path}.start")
    end = line.day(obj.get("end"), f"{path}.end")
    if isinstance(kind, Missing) or isinstance(start, Missing) or isinstance(end, Missing):
        return MISSING
    if end < start:
        return line.problem(f"{path}.end", p.ENDS_BEFORE_START)
    return SegmentRecord(kind, start, end)


def return_record(line: Line, value: Any, path: str) -> ReturnRecord | Missing | None:
    if value is None:
        return None
    obj = line.fields(value, path, RETURN_FIELDS)
    if isinstance(obj, Missing):
        return MISSING
    day = line.day(obj.get("date"), f"{path}.date")
    mode = line.choice(obj.get("mode"), f"{path}.mode", RETURN_MODES)
    if isinstance(day, Missing) or isinstance(mode, Missing):
        return MISSING
    return ReturnRecord(day, mode)


def episode_record(line: Line, value: Any, path: str) -> EpisodeRecord | Missing:
    obj = line.fields(value, path, EPISODE_FIELDS)
    if isinstance(obj, Missing):
        return MISSING
    child = line.day(obj.get("child_birth_date"), f"{path}.child_birth_date")
    segments = each(line, obj.get("segments", []), f"{path}.segments", segment_record)
    back = return_record(line, obj.get("return"), f"{path}.return")
    if isinstance(child, Missing) or isinstance(segments, Missing) or isinstance(back, Missing):
        return MISSING
    _in_order(line, [(s.start, s.end) for s in segments], f"{path}.segments", "start")
    if back is not None and segments and back.date <= segments[-1].end:
        line.problem(f"{path}.return.date", p.RETURN_TOO_EARLY)
    return EpisodeRecord(child, tuple(segments), back)


def separation_record(line: Line, value: Any, path: str) -> SeparationRecord | Missing | None:
    if value is None:
        return None
    obj = line.fields(value, path, SEPARATION_FIELDS)
    if isinstance(obj, Missing):
        return MISSING
    day = line.day(obj.get("date"), f"{path}.date")
    reason = line.choice(obj.get("reason"), f"{path}.reason", SEPARATION_REASONS)
    destination = line.choice(obj.get("destination"), f"{path}.destination", DESTINATIONS)
    if isinstance(day, Missing) or isinstance(reason, Missing) or isinstance(destination, Missing):
        return MISSING
    return SeparationRecord(day, reason, destination)


def _in_order(line: Line, spans: Iterable[tuple[date, date | None]], path: str, start_name: str) -> None:
    """Each span starts after the previous one ends (inclusive dates: the next day at the earliest)."""
    previous_end: date | None = None
    for index, (start, end) in enumerate(spans):
        if previous_end is not None and start <= previous_end:
            line.problem(f"{path}[{index}].{start_name}", p.NOT_IN_ORDER)
        previous_end = end or date.max


def _check_iin(line: Line, obj: dict[str, Any], sex: str | Missing, born: date | Missing) -> str | Missing:
    value = obj.get("iin")
    if not isinstance(value, str):
        return line.problem("iin", p.NOT_TEXT)
    try:
        iin = validate_iin(value)
    except InvalidIin as error:
        return line.problem("iin", IIN_REASONS[error.reason])
    if isinstance(sex, str) and ("F" if iin.sex == "female" else "M") != sex:
        line.problem("sex", p.SEX_NOT_IIN)
    if isinstance(born, date) and iin.birth_date != born:
        line.problem("birth_date", p.BIRTH_NOT_IIN)
    return iin.value


def _check_history(line: Line, appointments: list[AppointmentRecord], body: str) -> None:
    if not appointments:
        line.problem("appointments", p.NO_APPOINTMENT)
        return
    for index, appointment in enumerate(appointments[:-1]):
        if appointment.end is None:
            line.problem(f"appointments[{index}].to", p.OPEN_NOT_LAST)
    _in_order(line, [(a.start, a.end) for a in appointments], "appointments", "from")
    if appointments[-1].body != body:
        line.problem(f"appointments[{len(appointments) - 1}].body", p.CURRENT_ELSEWHERE)


def _check_episodes(
    line: Line, episodes: list[EpisodeRecord], children: list[ChildRecord], appointments: list[AppointmentRecord]
) -> None:
    born = {child.birth_date for child in children}
    for index, episode in enumerate(episodes):
        path = f"episodes[{index}]"
        if episode.child_birth_date not in born:
            line.problem(f"{path}.child_birth_date", p.UNKNOWN_CHILD)
        last_day = third_birthday_eve(episode.child_birth_date)
        for number, segment in enumerate(episode.segments):
            if segment.kind == "childcare" and segment.end > last_day:
                line.problem(f"{path}.segments[{number}].end", p.CHILDCARE_TOO_LONG)
        back = episode.return_to_work
        if back is not None and not any(a.covers(back.date) for a in appointments):
            line.problem(f"{path}.return.date", p.NO_POST_ON_RETURN)


def employee_record(line: Line, value: Any) -> EmployeeRecord | Missing:
    obj = line.fields(value, "", EMPLOYEE_FIELDS)
    if isinstance(obj, Missing):
        return MISSING
    ref = line.text(obj.get("ref"), "ref", REF_LENGTH)
    sex = line.choice(obj.get("sex"), "sex", SEXES)
    born = line.day(obj.get("birth_date"), "birth_date")
    iin = _check_iin(line, obj, sex, born)
    body = line.text(obj.get("body"), "body", CODE_LENGTH)
    appointments = each(line, obj.get("appointments", []), "appointments", appointment_record)
    children = each(line, obj.get("children", []), "children", child_record)
    episodes = each(line, obj.get("episodes", []), "episodes", episode_record)
    separation = separation_record(line, obj.get("separation"), "separation")
    if isinstance(appointments, list) and isinstance(body, str):
        _check_history(line, appointments, body)
    if isinstance(episodes, list) and isinstance(children, list) and isinstance(appointments, list):
        _check_episodes(line, episodes, children, appointments)
    if line.failed:
        return MISSING
    return EmployeeRecord(
        ref,  # type: ignore[arg-type]
        iin,  # type: ignore[arg-type]
        sex,  # type: ignore[arg-type]
        born,  # type: ignore[arg-type]
        body,  # type: ignore[arg-type]
        tuple(appointments),  # type: ignore[arg-type]
        tuple(children),  # type: ignore[arg-type]
        tuple(episodes),  # type: ignore[arg-type]
        separation,  # type: ignore[arg-type]
    )


def parse_employees(text: Source, found: list[p.Problem]) -> list[tuple[int, EmployeeRecord]]:
    records = []
    for line, value in json_lines(EMPLOYEES_FILE, text, found):
        record = employee_record(line, value)
        if not isinstance(record, Missing):
            records.append((line.number, record))
    return records
