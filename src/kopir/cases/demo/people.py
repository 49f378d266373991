"""The people of the demo: who holds each seat, their names and IINs, career and pay (leave: `leave`)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from kopir.cases.demo.bodies import _Body, _Post
from kopir.cases.demo.catalogue import Level
from kopir.cases.demo.leave import _LeaveDraws, _status
from kopir.cases.demo.records import _between, _Exit, _Person
from kopir.cases.models import (
    AppointmentKind,
    Destination,
    EpisodeStatus,
    ReturnMode,
)
from kopir.reference import make_iin
from kopir.rules.months import add_months

BACKGROUND_EXIT_SHARE = 0.05  # employees without leave who leave in the window
INDEXATION = {2021: 1.05, 2022: 1.10, 2023: 1.10, 2024: 1.07, 2025: 1.05, 2026: 1.04}  # 1 January, synthetic
INDEXATION_LATER = 1.04

KAZAKH_SURNAMES = (
    "Ахметов", "Абдрахманов", "Байжанов", "Бекмуханов", "Жакупов", "Жумабаев", "Исмаилов", "Калиев", "Кенжебаев",
    "Мукашев", "Нургалиев", "Оспанов", "Сапаров", "Серикбаев", "Султанов", "Тулегенов", "Есенов", "Омаров",
    "Садыков", "Касымов", "Ибраев", "Темирбеков", "Амиров", "Нуржанов", "Смагулов", "Кусаинов", "Баймуханов",
    "Жанибеков", "Рахимов", "Мамыров", "Абенов", "Дюсенов", "Искаков", "Шайхин", "Тохтаров", "Утегенов",
)  # fmt: skip
RUSSIAN_SURNAMES = (
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков",
    "Соколов", "Павлов", "Шевченко", "Бондаренко", "Ткаченко",
)  # fmt: skip
KOREAN_SURNAMES = ("Ким", "Пак", "Ли", "Цой", "Хан")
KAZAKH_MEN = (
    "Асхат", "Айдос", "Бауыржан", "Данияр", "Ержан", "Ерлан", "Жандос", "Кайрат", "Марат", "Нурлан", "Руслан",
    "Серик", "Тимур", "Азамат", "Арман", "Максат", "Олжас", "Санжар", "Дамир", "Алибек", "Ерасыл", "Нурсултан",
)  # fmt: skip
KAZAKH_WOMEN = (
    "Айгерим", "Айжан", "Акмарал", "Асель", "Ботагоз", "Гульнара", "Динара", "Жанар", "Жанна", "Камила", "Лаура",
    "Мадина", "Назерке", "Салтанат", "Сауле", "Томирис", "Улжан", "Гаухар", "Алия", "Дана", "Аружан", "Меруерт",
    "Индира", "Жулдыз",
)  # fmt: skip
RUSSIAN_MEN = ("Алексей", "Дмитрий", "Сергей", "Андрей", "Александр", "Евгений", "Владимир", "Игорь", "Максим")
RUSSIAN_WOMEN = ("Анна", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Екатерина", "Светлана", "Юлия")
KAZAKH_FATHERS = (
    "Серик", "Болат", "Нурлан", "Ерлан", "Кайрат", "Марат", "Асхат", "Бахыт", "Ержан", "Мухтар", "Талгат", "Жанат",
    "Ермек", "Канат", "Бекзат", "Айдар",
)  # fmt: skip
RUSSIAN_PATRONYMICS = (
    ("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Владимирович", "Владимировна"),
    ("Николаевич", "Николаевна"), ("Викторович", "Викторовна"), ("Юрьевич", "Юрьевна"),
)  # fmt: skip


def _feminine(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


def _index(day: date, since: int) -> float:
    """Pay indexation accumulated from the start of the history to `day` (raises on 1 January)."""
    total = 1.0
    for year in range(since + 1, day.year + 1):
        total *= INDEXATION.get(year, INDEXATION_LATER)
    return total


def _pay_factors(person: _Person, changes: dict[date, str], since: int) -> list[tuple[date, date | None, float]]:
    """Pay factors after each return (from, until excluded, factor); adds the days pay changes on.

    Part-time work pays its fraction until the next leave; a phased return 75% for three
    months; a return without the raises given during the leave stays behind by them.
    """
    factors: list[tuple[date, date | None, float]] = []
    for index, episode in enumerate(person.episodes):
        back = episode.back
        if back is None:
            continue
        changes[back.day] = "return"
        following = person.episodes[index + 1 :]
        until = following[0].segments[0].start if following else None
        if back.mode == ReturnMode.PHASED:
            until = add_months(back.day, 3)
            changes[until] = "full_time"
        if back.fraction != 1.0:
            factors.append((back.day, until, back.fraction))
        if not back.catch_up:
            started = episode.segments[0].start
            factors.append((back.day, None, _index(started, since) / _index(back.day, since)))
    return factors


class _People(_LeaveDraws):
    """Draws the people of the demo, one at a time, from one random generator."""

    def __init__(self, rng: random.Random, today: date) -> None:
        super().__init__(rng, today)
        self.history_start = date(today.year - 6, 1, 1)
        self.iins: set[str] = set()

    # the person

    def person(self, body: _Body, seat: _Post, sex: str) -> _Person:
        rng = self.rng
        born = self._birth_date(seat, sex)
        surname, given_name, patronymic = self._names(sex)
        person = _Person(
            body=body,
            seat=seat,
            sex=sex,
            birth_date=born,
            iin=self._iin(born, sex),
            surname=surname,
            given_name=given_name,
            patronymic=patronymic,
            hired_on=self._hired_on(seat, born),
            nuclear=rng.random() < body.nuclear_share,
            pay_factor=rng.uniform(0.95, 1.12),
        )
        if sex == "female":
            self._mother(person)
        else:
            self._father(person)
        if not person.episodes and person.exit is None and rng.random() < BACKGROUND_EXIT_SHARE:
            first = max(person.hired_on + timedelta(days=180), self.window_start)
            if first < self.today:
                person.exit = _Exit(_between(rng, first, self.today), during_leave=False, episode=None)
        if person.exit is not None:
            self._exit_reason(person, person.exit)
        self._career(person)
        self._pay(person)
        self._follow_ups(person)
        for episode in person.episodes:
            episode.status = (
                EpisodeStatus.EXITED
                if person.exit is not None and person.exit.episode is episode
                else _status(episode, self.today)
            )
        return person

    def _birth_date(self, seat: _Post, sex: str) -> date:
        low, high, mode = {
            Level.POLITICAL: (40, 64, 52),
            Level.CORPS_A: (36, 63, 48),
            Level.SPECIALIST: (22, 62, 30),
            Level.HEAD_OF_SECTOR: (27, 62, 38),
        }.get(seat.level, (29, 62, 44))
        if sex == "female":
            high = min(high, 61)
        age = self.rng.triangular(low, high, mode)
        return self.today - timedelta(days=round(age * 365.25))

    def _hired_on(self, seat: _Post, born: date) -> date:
        mean = 3.0 if seat.unit < 0 else 7.0
        years = min(self.rng.expovariate(1 / mean), (self.today - born).days / 365.25 - 21)
        return self.today - timedelta(days=max(30, round(years * 365.25)))

    def _iin(self, born: date, sex: str) -> str:
        while True:
            try:
                iin = make_iin(born, sex, self.rng.randrange(10_000))
            except ValueError:  # a serial whose check digit is never issued
                continue
            if iin not in self.iins:
                self.iins.add(iin)
                return iin

    def _names(self, sex: str) -> tuple[str, str, str]:
        rng = self.rng
        woman = sex == "female"
        origin = rng.random()
        if origin < 0.8:
            surname = rng.choice(KAZAKH_SURNAMES)
            given = rng.choice(KAZAKH_WOMEN if woman else KAZAKH_MEN)
            father = rng.choice(KAZAKH_FATHERS)
            if rng.random() < 0.15:
                patronymic = father + ("қызы" if woman else "ұлы")
            else:
                patronymic = father + ("овна" if woman else "ович")
        else:
            surname = rng.choice(RUSSIAN_SURNAMES if origin < 0.97 else KOREAN_SURNAMES)
            given = rng.choice(RUSSIAN_WOMEN if woman else RUSSIAN_MEN)
            patronymic = rng.choice(RUSSIAN_PATRONYMICS)[1 if woman else 0]
        return (_feminine(surname) if woman else surname), given, patronymic

    # career and pay

    def _career(self, person: _Person) -> None:
        """Appointments: hired, maybe promoted before any leave, and each return (to which post)."""
        rng = self.rng
        body, seat = person.body, person.seat
        returns = [e.back for e in person.episodes if e.back is not None]
        above = body.post_above(seat)
        lowered = False
        for back in returns:
            if back.mode == ReturnMode.LOWER_POST and (lowered or above is None):
                back.mode = ReturnMode.EQUIVALENT_POST if not lowered else ReturnMode.SAME_POST
            lowered = lowered or back.mode == ReturnMode.LOWER_POST
        below = body.post_below(seat)
        current = above if lowered and above is not None else seat
        person.career = [(person.hired_on, current, AppointmentKind.HIRE)]
        if not lowered and below is not None and rng.random() < (0.45 if seat.managerial else 0.3):
            until = person.episodes[0].segments[0].start if person.episodes else self.today
            if person.exit is not None:
                until = min(until, person.exit.day)
            until -= timedelta(days=30)
            first = person.hired_on + timedelta(days=365)
            if first < until:
                promoted = _between(rng, first, until)
                person.career = [(person.hired_on, below, AppointmentKind.HIRE)]
                person.career.append((promoted, seat, AppointmentKind.PROMOTION))
        for back in returns:
            back.post = self._post_on_return(body, person.post_on(back.day - timedelta(days=1)), back.mode)
            person.career.append((back.day, back.post, AppointmentKind.RETURN))

    def _post_on_return(self, body: _Body, before: _Post, mode: ReturnMode) -> _Post:
        if mode == ReturnMode.LOWER_POST:
            return body.units[before.unit][before.rung + 1]
        if mode == ReturnMode.EQUIVALENT_POST and before.unit >= 0 and len(body.units) > 1:
            other = self.rng.choice([u for u in range(len(body.units)) if u != before.unit])
            return body.units[other][before.rung]
        return before

    def _pay(self, person: _Person) -> None:
        """Monthly pay from the start of the history: on hiring, each 1 January, promotion, return."""
        since = self.history_start.year
        last = person.exit.day if person.exit is not None else self.today
        first = max(person.hired_on, self.history_start)
        changes = {first: "hire" if person.hired_on >= self.history_start else "balance"}
        changes |= {date(year, 1, 1): "indexation" for year in range(first.year + 1, last.year + 1)}
        changes |= {
            starts: "promotion"
            for starts, _, kind in person.career
            if kind == AppointmentKind.PROMOTION and starts > first
        }
        factors = _pay_factors(person, changes, since)
        for day, reason in sorted(changes.items()):
            if day > last:
                break
            amount = person.post_on(day).base * person.pay_factor * _index(day, since)
            for begins, ends, factor in factors:
                if begins <= day and (ends is None or day < ends):
                    amount *= factor
            person.pay.append((day, Decimal(round(amount / 100) * 100), reason))
        by_day = {day: salary for day, salary, _ in person.pay}
        for episode in person.episodes:
            if episode.back is not None:
                episode.back.salary = by_day[episode.back.day]

    def _follow_ups(self, person: _Person) -> None:
        """Where she is 6, 12 and 24 months after each return, for the marks already passed."""
        leaving = person.exit
        for episode in person.episodes:
            if episode.back is None:
                continue
            for months in (6, 12, 24):
                due = add_months(episode.back.day, months)
                if due > self.today:
                    break
                in_body = leaving is None or due <= leaving.day
                in_service = in_body or (leaving is not None and leaving.destination == Destination.STATE_BODY)
                recorded = min(self.today, due + timedelta(days=self.rng.randint(0, 14)))
                episode.follow_ups.append((months, in_body, in_service, recorded))
