"""Demo data: a synthetic public sector to try Kopir on, the same for the same seed.

`build_demo` fills an empty case database with state bodies in all 20 regions (four central
ministries and agencies with a department in every region, the akims' offices of the regions
and of one district or town in each), their positions, employees with valid IINs, pay
history and appointments, and several years of leave episodes with their outcomes, plus five
demo accounts (password ``kopir-demo``; demo only).

What it follows, so that the indicators have something true to the domain notes to count:

* about 56% of the employees are women, and about 38.9% of the managerial posts are held by
  women (return-to-work-and-statistics.md D.6); the shares are drawn as exact quotas;
* every maternity or adoption leave is planned by `kopir.rules.leave_for`, as
  `leave_episode_open` plans it; childcare leave runs in one or several parts, never past the
  day before the child's third birthday; the status of every episode is what
  `status_on(episode, today)` says;
* a separation of a protected employee (pregnant, or a parent of a child under 3) carries one
  of the legal grounds, as `separation_record` demands;
* the IIN is stored exactly as `employee_create` stores it (`encrypt_iin`, `link_digest`, the
  masked form).

The per-record services are bypassed for speed (they check, log and refresh one record at a
time): rows are built in memory for a chunk of employees and written with `bulk_create`, all in
one transaction. No access-log entries are written. Every random draw comes from one
``random.Random(seed)``, in a fixed order, so the same seed, size and day give the same data
(the ciphertext of the IIN differs, as Fernet adds a random IV and a timestamp).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from math import ceil
from typing import Any, NamedTuple, TypeVar

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from kopir.accounts.models import Role, User
from kopir.cases.leave_state import Stretch, is_protected, status_on, third_birthday_eve
from kopir.cases.models import (
    Appointment,
    AppointmentKind,
    Child,
    Destination,
    Employee,
    EpisodeKind,
    EpisodeStatus,
    FollowUp,
    LeaveEpisode,
    LeaveSegment,
    PayRecord,
    ProtectedGround,
    ReturnMode,
    ReturnToWork,
    SegmentKind,
    Separation,
    SeparationReason,
)
from kopir.cases.protection import encrypt_iin, link_digest
from kopir.organisation.models import BodyLevel, Corps, ManagerialLevel, Position, StateBody
from kopir.reference import ManagerialLevel as ReferenceLevel
from kopir.reference import Region, make_iin, regions, validate_iin
from kopir.rules import leave_for
from kopir.rules.months import add_months
from kopir.workdays import is_working_day

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_REFUSED",
    "DemoDataRefused",
    "DemoDatabaseNotEmpty",
    "DemoSummary",
    "DemoUser",
    "build_demo",
]

DEMO_PASSWORD = "kopir-demo"  # noqa: S105 - the published password of the demo accounts, demo only
CHUNK = 2000  # employees built and written at a time: memory stays flat at any size
BATCH = 1000  # rows per INSERT
WOMEN_SHARE = 0.56  # of civil servants, 1 Jan 2026 (D.6)
WOMEN_MANAGERIAL_SHARE = 0.389  # of managerial posts (D.6)
WOMEN_POLITICAL_SHARE = 59 / (59 + 692)  # political civil servants in 2024 (D.6)
FATHER_SHARE = 0.02  # men of 22-47 who take childcare leave once in the window
ADOPTION_SHARE = 0.01
TWINS_SHARE = 0.015
COMPLICATED_SHARE = 0.1
BACKGROUND_EXIT_SHARE = 0.05  # employees without leave who leave in the window
INDEXATION = {2021: 1.05, 2022: 1.10, 2023: 1.10, 2024: 1.07, 2025: 1.05, 2026: 1.04}  # 1 January, synthetic
INDEXATION_LATER = 1.04
RETURN_MODES = (
    (ReturnMode.SAME_POST, 0.70),
    (ReturnMode.EQUIVALENT_POST, 0.10),
    (ReturnMode.PART_TIME, 0.06),
    (ReturnMode.PHASED, 0.06),
    (ReturnMode.REMOTE, 0.04),
    (ReturnMode.LOWER_POST, 0.04),
)
PROTECTED_EXITS = (  # reason, legal ground (Labour Code art. 54), weight
    (SeparationReason.RESIGNATION, ProtectedGround.OWN_INITIATIVE, 0.55),
    (SeparationReason.TRANSFER, ProtectedGround.TRANSFER, 0.25),
    (SeparationReason.RESIGNATION, ProtectedGround.AGREEMENT, 0.14),
    (SeparationReason.REORGANISATION, ProtectedGround.LIQUIDATION, 0.06),
)
OTHER_EXITS = (
    (SeparationReason.RESIGNATION, 0.45),
    (SeparationReason.TRANSFER, 0.20),
    (SeparationReason.FIXED_TERM_END, 0.08),
    (SeparationReason.REORGANISATION, 0.07),
    (SeparationReason.OTHER_DISMISSAL, 0.05),
    (SeparationReason.UNKNOWN, 0.15),
)
DESTINATIONS: dict[str, tuple[tuple[Destination, float], ...]] = {
    SeparationReason.TRANSFER: ((Destination.STATE_BODY, 1.0),),
    SeparationReason.RESIGNATION: (
        (Destination.PRIVATE_SECTOR, 0.45),
        (Destination.OUT_OF_WORK, 0.30),
        (Destination.STATE_BODY, 0.05),
        (Destination.UNKNOWN, 0.20),
    ),
    SeparationReason.REORGANISATION: (
        (Destination.STATE_BODY, 0.30),
        (Destination.OUT_OF_WORK, 0.40),
        (Destination.PRIVATE_SECTOR, 0.15),
        (Destination.UNKNOWN, 0.15),
    ),
    SeparationReason.FIXED_TERM_END: (
        (Destination.OUT_OF_WORK, 0.40),
        (Destination.PRIVATE_SECTOR, 0.30),
        (Destination.UNKNOWN, 0.30),
    ),
    SeparationReason.OTHER_DISMISSAL: ((Destination.OUT_OF_WORK, 0.5), (Destination.UNKNOWN, 0.5)),
    SeparationReason.UNKNOWN: ((Destination.UNKNOWN, 1.0),),
}
OPEN_STATUSES = (EpisodeStatus.MATERNITY, EpisodeStatus.CHILDCARE, EpisodeStatus.ANNUAL, EpisodeStatus.BETWEEN)

_T = TypeVar("_T")


class DemoDatabaseNotEmpty(Exception):
    """The demo only fills an empty case database, unless asked to replace what is there."""


class DemoDataRefused(Exception):
    """These settings refuse demo data (``KOPIR_DEMO_DATA`` off; always so in production): its accounts
    share a published password and would be an open door to a real database (decision 0013)."""


DEMO_REFUSED = (
    "These settings refuse demo data (KOPIR_DEMO_DATA is off; the production settings always refuse it): "
    "the demo accounts share a published password. Create the first administrator with `kopir createadmin`."
)


class Tri(NamedTuple):
    """A name in Kazakh, Russian and English."""

    kk: str
    ru: str
    en: str


# -- the organisation -------------------------------------------------------------------------

Level = ManagerialLevel  # short, for the tables of posts below


@dataclass(frozen=True)
class _PostSpec:
    """A kind of post: `per` = 0 is one holder in the unit, else one per `per` staff (at most `cap`)."""

    title: Tri
    level: ManagerialLevel
    category: str = ""
    per: int = 0
    cap: int = 0
    share: float = 1.0  # specialists: the share of the unit's specialists on this post


@dataclass(frozen=True)
class _Family:
    """A kind of body: its top posts, its units and the posts in each unit (most senior first)."""

    top: tuple[tuple[_PostSpec, int], ...]
    unit_posts: tuple[_PostSpec, ...]
    unit_name: Tri  # templates with {} for the unit's subject
    units: tuple[Tri, ...]


def _t(kk: str, ru: str, en: str) -> Tri:
    return Tri(kk, ru, en)


MINISTER = _PostSpec(_t("Министр", "Министр", "Minister"), Level.POLITICAL)
VICE_MINISTER = _PostSpec(_t("Вице-министр", "Вице-министр", "Vice Minister"), Level.POLITICAL)
EXECUTIVE_SECRETARY = _PostSpec(_t("Жауапты хатшы", "Ответственный секретарь", "Executive Secretary"), Level.CORPS_A)
CHAIR = _PostSpec(_t("Төраға", "Председатель", "Chair"), Level.POLITICAL)
DEPUTY_CHAIR = _PostSpec(_t("Төрағаның орынбасары", "Заместитель председателя", "Deputy Chair"), Level.POLITICAL)
CHIEF_OF_STAFF = _PostSpec(_t("Аппарат басшысы", "Руководитель аппарата", "Chief of Staff"), Level.CORPS_A)
AKIM = _PostSpec(_t("Әкім", "Аким", "Akim"), Level.POLITICAL)
DEPUTY_AKIM = _PostSpec(_t("Әкімнің орынбасары", "Заместитель акима", "Deputy Akim"), Level.POLITICAL)
SPECIALISTS = (
    (_t("Бас маман", "Главный специалист", "Chief Specialist"), 0.45),
    (_t("Жетекші маман", "Ведущий специалист", "Leading Specialist"), 1.0),
)
HEAD_OF_SECTOR = _t("Сектор меңгерушісі", "Заведующий сектором", "Head of Sector")
HEAD_OF_DIVISION = _t("Басқарма басшысы", "Руководитель управления", "Head of Division")
HEAD_OF_UNIT = _t("Бөлім басшысы", "Руководитель отдела", "Head of Unit")


def _unit_posts(head: Tri, categories: Sequence[str]) -> tuple[_PostSpec, ...]:
    """Head of the unit, heads of sector, chief and leading specialists, with their categories."""
    (chief, chief_share), (leading, _) = SPECIALISTS
    return (
        _PostSpec(head, Level.HEAD_OF_STRUCTURAL_UNIT, categories[0]),
        _PostSpec(HEAD_OF_SECTOR, Level.HEAD_OF_SECTOR, categories[1], per=7),
        _PostSpec(chief, Level.SPECIALIST, categories[2], share=chief_share),
        _PostSpec(leading, Level.SPECIALIST, categories[3]),
    )


CENTRAL_UNIT_POSTS = (
    _PostSpec(_t("Департамент директоры", "Директор департамента", "Director of Department"),
              Level.HEAD_OF_CENTRAL_DEPARTMENT, "B-1"),
    _PostSpec(_t("Департамент директорының орынбасары", "Заместитель директора департамента",
                 "Deputy Director of Department"), Level.DEPUTY_HEAD, "B-2", per=12, cap=1),
    _PostSpec(HEAD_OF_DIVISION, Level.HEAD_OF_STRUCTURAL_UNIT, "B-3", per=8),
    _PostSpec(_t("Бас сарапшы", "Главный эксперт", "Chief Expert"), Level.SPECIALIST, "B-4", share=0.45),
    _PostSpec(_t("Сарапшы", "Эксперт", "Expert"), Level.SPECIALIST, "B-5"),
)  # fmt: skip
COMMON_UNITS = (
    _t("Кадр жұмысы", "кадровой работы", "Human Resources"),
    _t("Қаржы", "финансов", "Finance"),
    _t("Құқықтық қамтамасыз ету", "правового обеспечения", "Legal"),
    _t("Құжаттамалық қамтамасыз ету", "документационного обеспечения", "Records Management"),
    _t("Цифрландыру", "цифровизации", "Digitalisation"),
)
CENTRAL_UNIT = _t("{} департаменті", "Департамент {}", "{} Department")
DIVISION = _t("{} басқармасы", "Управление {}", "{} Division")
UNIT = _t("{} бөлімі", "Отдел {}", "{} Unit")
TERRITORIAL_TOP = (
    (_PostSpec(_t("Департамент басшысы", "Руководитель департамента", "Head of Department"),
               Level.HEAD_OF_STRUCTURAL_UNIT, "C-O-1"), 1),
    (_PostSpec(_t("Департамент басшысының орынбасары", "Заместитель руководителя департамента",
                  "Deputy Head of Department"), Level.DEPUTY_HEAD, "C-O-2"), 2),
)  # fmt: skip
TERRITORIAL_UNIT_POSTS = _unit_posts(HEAD_OF_DIVISION, ("C-O-3", "C-O-4", "C-O-5", "C-O-6"))


@dataclass(frozen=True)
class _Ministry:
    code: str
    department_code: str
    name: Tri
    department: Callable[[Region], Tri]
    central_units: tuple[Tri, ...]
    department_units: tuple[Tri, ...]
    agency: bool = False
    weight: float = 10.0
    department_weight: float = 1.5


def _ru_by(region: Region) -> str:
    """The region after Russian "po" (dative): "по Акмолинской области", "по городу Астана"."""
    name = region.name.ru
    if name.startswith("город "):
        return "городу " + name.removeprefix("город ")
    return _ru_of(region)


def _ru_of(region: Region) -> str:
    """The region in the Russian genitive: "Акмолинской области", "области Абай", "города Астаны"."""
    name = region.name.ru
    if name.startswith("город "):
        return "города " + name.removeprefix("город ")
    if name.startswith("область "):
        return "области " + name.removeprefix("область ")
    return name.removesuffix("ская область") + "ской области"


MINISTRIES = (
    _Ministry(
        "MLSP",
        "MLSP",
        _t("ҚР Еңбек және халықты әлеуметтік қорғау министрлігі",
           "Министерство труда и социальной защиты населения РК",
           "Ministry of Labour and Social Protection of the Population"),
        lambda r: _t(
            f"Халықты әлеуметтік қорғау саласындағы реттеу және бақылау комитетінің {r.name.kk} бойынша департаменті",
            f"Департамент Комитета регулирования и контроля в сфере социальной защиты населения по {_ru_by(r)}",
            f"Department of the Committee for Regulation and Control in Social Protection for {r.name.en}",
        ),
        (_t("Халықты жұмыспен қамту", "занятости населения", "Employment"),
         _t("Әлеуметтік көмек", "социальной помощи", "Social Assistance"),
         _t("Зейнетақымен қамсыздандыру", "пенсионного обеспечения", "Pensions")),
        (_t("Әлеуметтік төлемдерді бақылау", "контроля социальных выплат", "Social Payments Control"),
         _t("Еңбек қатынастарын бақылау", "контроля трудовых отношений", "Labour Relations Control")),
    ),
    _Ministry(
        "MF",
        "SRD",
        _t("ҚР Қаржы министрлігі", "Министерство финансов РК", "Ministry of Finance"),
        lambda r: _t(
            f"Мемлекеттік кірістер комитетінің {r.name.kk} бойынша мемлекеттік кірістер департаменті",
            f"Департамент государственных доходов по {_ru_by(r)}",
            f"State Revenue Department for {r.name.en}",
        ),
        (_t("Бюджет саясаты", "бюджетной политики", "Budget Policy"),
         _t("Мемлекеттік сатып алу", "государственных закупок", "Public Procurement"),
         _t("Салық саясаты", "налоговой политики", "Tax Policy")),
        (_t("Салықтық әкімшілендіру", "налогового администрирования", "Tax Administration"),
         _t("Кедендік бақылау", "таможенного контроля", "Customs Control"),
         _t("Салық төлеушілермен жұмыс", "по работе с налогоплательщиками", "Taxpayer Services")),
        department_weight=3.0,
    ),
    _Ministry(
        "MJ",
        "MJ",
        _t("ҚР Әділет министрлігі", "Министерство юстиции РК", "Ministry of Justice"),
        lambda r: _t(
            f"{r.name.kk}ның әділет департаменті",
            f"Департамент юстиции {_ru_of(r)}",
            f"Department of Justice of {r.name.en}",
        ),
        (_t("Заңнама", "законодательства", "Legislation"),
         _t("Тіркеу қызметі", "регистрационной службы", "Registration Service"),
         _t("Атқарушылық іс жүргізу", "исполнительного производства", "Enforcement Proceedings")),
        (_t("Тіркеу", "регистрации", "Registration"),
         _t("Атқарушылық іс жүргізу", "исполнительного производства", "Enforcement Proceedings"),
         _t("Заң көмегі", "юридической помощи", "Legal Aid")),
    ),
    _Ministry(
        "ACSA",
        "ACSA",
        _t("ҚР Мемлекеттік қызмет істері агенттігі", "Агентство РК по делам государственной службы",
           "Agency for Civil Service Affairs"),
        lambda r: _t(
            f"Мемлекеттік қызмет істері агенттігінің {r.name.kk} бойынша департаменті",
            f"Департамент Агентства по делам государственной службы по {_ru_by(r)}",
            f"Department of the Agency for Civil Service Affairs for {r.name.en}",
        ),
        (_t("Мемлекеттік қызмет", "государственной службы", "Civil Service Policy"),
         _t("Мемлекеттік қызметтер сапасын бақылау", "контроля качества государственных услуг",
            "Public Service Quality Control"),
         _t("Персоналды бағалау және іріктеу", "оценки и отбора кадров", "Assessment and Selection")),
        (_t("Мемлекеттік қызметтер сапасын бақылау", "контроля качества государственных услуг",
            "Public Service Quality Control"),
         _t("Персоналды бағалау және іріктеу", "оценки и отбора кадров", "Assessment and Selection")),
        agency=True,
        weight=6.0,
        department_weight=0.8,
    ),
)  # fmt: skip
AKIMAT_UNITS = (
    _t("Ішкі саясат", "внутренней политики", "Internal Policy"),
    _t("Экономика және бюджеттік жоспарлау", "экономики и бюджетного планирования", "Economy and Budget Planning"),
    _t("Азаматтардың өтініштерімен жұмыс", "по работе с обращениями граждан", "Citizens' Appeals"),
)
DISTRICTS = {  # one district or town of regional significance per region: kk, ru (genitive), en
    "KZ-10": _t("Семей қаласы", "города Семей", "Semey"),
    "KZ-11": _t("Бурабай ауданы", "Бурабайского района", "Burabay District"),
    "KZ-15": _t("Мұғалжар ауданы", "Мугалжарского района", "Mugalzhar District"),
    "KZ-19": _t("Талғар ауданы", "Талгарского района", "Talgar District"),
    "KZ-23": _t("Жылыой ауданы", "Жылыойского района", "Zhylyoi District"),
    "KZ-27": _t("Бөрлі ауданы", "Бурлинского района", "Burli District"),
    "KZ-31": _t("Қордай ауданы", "Кордайского района", "Korday District"),
    "KZ-33": _t("Текелі қаласы", "города Текели", "Tekeli"),
    "KZ-35": _t("Теміртау қаласы", "города Темиртау", "Temirtau"),
    "KZ-39": _t("Рудный қаласы", "города Рудного", "Rudny"),
    "KZ-43": _t("Арал ауданы", "Аральского района", "Aral District"),
    "KZ-47": _t("Жаңаөзен қаласы", "города Жанаозен", "Zhanaozen"),
    "KZ-55": _t("Екібастұз қаласы", "города Экибастуза", "Ekibastuz"),
    "KZ-59": _t("Қызылжар ауданы", "Кызылжарского района", "Kyzylzhar District"),
    "KZ-61": _t("Кентау қаласы", "города Кентау", "Kentau"),
    "KZ-62": _t("Сәтбаев қаласы", "города Сатпаев", "Satbayev"),
    "KZ-63": _t("Риддер қаласы", "города Риддера", "Ridder"),
    "KZ-71": _t("Есіл ауданы", "района Есиль", "Yesil District"),
    "KZ-75": _t("Бостандық ауданы", "Бостандыкского района", "Bostandyk District"),
    "KZ-79": _t("Абай ауданы", "Абайского района", "Abai District"),
}
NUCLEAR_ZONE_SHARE = {"KZ-10": 0.5, "KZ-63": 0.15, "KZ-55": 0.15, "KZ-35": 0.1}  # Semipalatinsk test site areas
BASE_SALARY = {  # monthly tenge at the start of the pay history, by category; synthetic
    "B-1": 720_000, "B-2": 620_000, "B-3": 530_000, "B-4": 400_000, "B-5": 330_000,
    "C-O-1": 520_000, "C-O-2": 460_000, "C-O-3": 400_000, "C-O-4": 340_000, "C-O-5": 290_000, "C-O-6": 250_000,
    "C-1": 480_000, "C-2": 400_000, "C-3": 340_000, "C-4": 290_000, "C-5": 250_000,
    "E-1": 360_000, "E-2": 310_000, "E-3": 270_000, "E-4": 230_000, "E-5": 200_000,
}  # fmt: skip
TOP_SALARY = {Level.POLITICAL: 1_250_000, Level.CORPS_A: 900_000}


def _family(ministry: _Ministry, *, central: bool) -> _Family:
    if central:
        top = ((CHAIR, 1), (DEPUTY_CHAIR, 2), (CHIEF_OF_STAFF, 1)) if ministry.agency else (
            (MINISTER, 1), (VICE_MINISTER, 3), (EXECUTIVE_SECRETARY, 1))  # fmt: skip
        return _Family(top, CENTRAL_UNIT_POSTS, CENTRAL_UNIT, ministry.central_units + COMMON_UNITS)
    return _Family(TERRITORIAL_TOP, TERRITORIAL_UNIT_POSTS, DIVISION, ministry.department_units + COMMON_UNITS)


REGIONAL_AKIMAT = _Family(
    ((AKIM, 1), (DEPUTY_AKIM, 4), (_PostSpec(CHIEF_OF_STAFF.title, Level.CORPS_A), 1),
     (_PostSpec(_t("Аппарат басшысының орынбасары", "Заместитель руководителя аппарата", "Deputy Chief of Staff"),
                Level.DEPUTY_HEAD, "C-1"), 1)),
    _unit_posts(HEAD_OF_UNIT, ("C-2", "C-3", "C-4", "C-5")),
    UNIT,
    AKIMAT_UNITS + COMMON_UNITS,
)  # fmt: skip
DISTRICT_AKIMAT = _Family(
    ((AKIM, 1), (_PostSpec(DEPUTY_AKIM.title, Level.DEPUTY_HEAD, "E-1"), 2),
     (_PostSpec(CHIEF_OF_STAFF.title, Level.HEAD_OF_STRUCTURAL_UNIT, "E-1"), 1)),
    _unit_posts(HEAD_OF_UNIT, ("E-2", "E-3", "E-4", "E-5")),
    UNIT,
    AKIMAT_UNITS + COMMON_UNITS,
)  # fmt: skip


@dataclass(eq=False)
class _Post:
    """A position of a body and its place: unit -1 for the body's top posts, rung 0 the most senior."""

    position: Position
    level: ManagerialLevel
    unit: int
    rung: int
    base: int

    @property
    def managerial(self) -> bool:
        return self.level != Level.SPECIALIST


@dataclass(eq=False)
class _Body:
    state_body: StateBody
    family: _Family
    weight: float
    nuclear_share: float
    top: list[_Post] = field(default_factory=list)  # one entry per seat
    units: list[list[_Post]] = field(default_factory=list)
    members: list[int] = field(default_factory=list)  # ids of its employees, in order

    def post_above(self, post: _Post) -> _Post | None:
        """The next more senior post of the unit, if it is of the same kind (managerial or not)."""
        if post.unit < 0 or post.rung == 0:
            return None
        above = self.units[post.unit][post.rung - 1]
        return above if above.managerial == post.managerial else None

    def post_below(self, post: _Post) -> _Post | None:
        if post.unit < 0 or post.rung + 1 >= len(self.units[post.unit]):
            return None
        return self.units[post.unit][post.rung + 1]


def _body(code: str, name: Tri, level: BodyLevel, region: Region, parent: StateBody | None = None) -> StateBody:
    return StateBody(
        code=code,
        name_kk=name.kk,
        name_ru=name.ru,
        name_en=name.en,
        parent=parent,
        level=level,
        region_iso=region.iso_code,
        region_kato=region.kato_code,
    )


def _create_bodies() -> list[_Body]:
    """Four central bodies with a department in each region; the akims' offices of the regions and districts."""
    all_regions = regions()
    astana = next(r for r in all_regions if r.iso_code == "KZ-71")
    heads = [_body(m.code, m.name, BodyLevel.CENTRAL, astana) for m in MINISTRIES]
    akimats = [
        _body(f"AKIM-{r.iso_code[3:]}", _t(f"{r.name.kk} әкімінің аппараты", f"Аппарат акима {_ru_of(r)}",
                                         f"Office of the Akim of {r.name.en}"), BodyLevel.REGIONAL, r)
        for r in all_regions
    ]  # fmt: skip
    StateBody.objects.bulk_create(heads + akimats, batch_size=BATCH)
    bodies = [_Body(b, _family(m, central=True), m.weight, 0.0) for b, m in zip(heads, MINISTRIES, strict=True)]
    children: list[_Body] = []
    for ministry, head in zip(MINISTRIES, heads, strict=True):
        children += [
            _Body(
                _body(f"{ministry.department_code}-{r.iso_code[3:]}", ministry.department(r), BodyLevel.REGIONAL, r,
                      head),
                _family(ministry, central=False),
                ministry.department_weight,
                NUCLEAR_ZONE_SHARE.get(r.iso_code, 0.0),
            )
            for r in all_regions
        ]  # fmt: skip
    for region, akimat in zip(all_regions, akimats, strict=True):
        zone = NUCLEAR_ZONE_SHARE.get(region.iso_code, 0.0)
        bodies.append(_Body(akimat, REGIONAL_AKIMAT, 3.0, zone))
        district = DISTRICTS[region.iso_code]
        office = _t(f"{district.kk} әкімінің аппараты", f"Аппарат акима {district.ru}",
                    f"Office of the Akim of {district.en}")  # fmt: skip
        children.append(
            _Body(_body(f"{akimat.code}-D1", office, BodyLevel.DISTRICT, region, akimat), DISTRICT_AKIMAT, 1.5, zone)
        )
    StateBody.objects.bulk_create([b.state_body for b in children], batch_size=BATCH)
    return bodies + children


def _position(body: _Body, spec: _PostSpec, unit: Tri | None) -> Position:
    if unit is None:
        name = spec.title
    else:
        unit_name = Tri(*(template.format(subject) for template, subject in zip(body.family.unit_name, unit,
                                                                                 strict=True)))  # fmt: skip
        name = Tri(*(f"{title}, {where}" for title, where in zip(spec.title, unit_name, strict=True)))
    corps = Corps(ReferenceLevel(str(spec.level)).corps.value)
    return Position(
        body=body.state_body,
        name_kk=name.kk,
        name_ru=name.ru,
        name_en=name.en,
        corps=corps,
        category=spec.category,
        managerial_level=spec.level,
    )


def _base_salary(spec: _PostSpec, level: str) -> int:
    if spec.level in TOP_SALARY:
        scale = {BodyLevel.CENTRAL: 1.0, BodyLevel.REGIONAL: 0.85, BodyLevel.DISTRICT: 0.55}[BodyLevel(level)]
        return round(TOP_SALARY[spec.level] * scale)
    return BASE_SALARY[spec.category]


def _create_positions(bodies: Sequence[_Body], headcounts: Sequence[int]) -> None:
    """The top posts of every body, and the posts of as many units as its headcount needs."""
    positions: list[Position] = []
    for body, headcount in zip(bodies, headcounts, strict=True):
        level = body.state_body.level
        for spec, seats in body.family.top:
            position = _position(body, spec, None)
            positions.append(position)
            post = _Post(position, spec.level, -1, 0, _base_salary(spec, level))
            body.top += [post] * seats
        for index, unit in enumerate(body.family.units[: _unit_count(body, headcount)]):
            posts = []
            for rung, spec in enumerate(body.family.unit_posts):
                position = _position(body, spec, unit)
                positions.append(position)
                posts.append(_Post(position, spec.level, index, rung, _base_salary(spec, level)))
            body.units.append(posts)
    Position.objects.bulk_create(positions, batch_size=BATCH)


def _top_seats(body: _Body, headcount: int) -> int:
    return min(len(body.top), max(1, headcount // 15)) if headcount else 0


def _unit_count(body: _Body, headcount: int) -> int:
    rest = headcount - _top_seats(body, headcount)
    return max(1, min(len(body.family.units), ceil(rest / 15))) if rest > 0 else 0


def _seats(body: _Body, headcount: int) -> list[_Post]:
    """The post of each of the body's `headcount` employees: the top posts first, then the units."""
    top = _top_seats(body, headcount)
    seats = body.top[:top]
    rest = headcount - top
    if rest <= 0:
        return seats
    count = len(body.units)
    for index, posts in enumerate(body.units):
        size = rest // count + (1 if index < rest % count else 0)
        seats += _unit_seats(body.family.unit_posts, posts, size)
    return seats


def _unit_seats(specs: Sequence[_PostSpec], posts: Sequence[_Post], size: int) -> list[_Post]:
    seats: list[_Post] = []
    left = size
    specialists = []
    for spec, post in zip(specs, posts, strict=True):
        if spec.level == Level.SPECIALIST:
            specialists.append((spec, post))
            continue
        holders = 1 if spec.per == 0 else size // spec.per
        holders = min(holders, spec.cap or holders, left)
        seats += [post] * holders
        left -= holders
    pool = left
    for index, (spec, post) in enumerate(specialists):
        holders = left if index == len(specialists) - 1 else min(left, round(pool * spec.share))
        seats += [post] * holders
        left -= holders
    return seats


# -- people ------------------------------------------------------------------------------------

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


@dataclass(eq=False)
class _Seg:
    kind: SegmentKind
    start: date
    end: date
    actual_start: date | None = None
    actual_end: date | None = None

    @property
    def real_end(self) -> date:
        return self.actual_end or self.end


@dataclass(eq=False)
class _Child:
    birth_date: date | None
    expected_birth: date | None
    order: int
    adopted: bool = False
    row: Child | None = None


@dataclass(eq=False)
class _Return:
    day: date
    mode: ReturnMode
    fraction: float = 1.0  # of full-time pay, while part-time or phased
    catch_up: bool = True  # the raises given during the leave are paid on return
    post: _Post | None = None
    salary: Decimal = Decimal(0)


@dataclass(eq=False)
class _Exit:
    day: date
    during_leave: bool
    episode: _Episode | None
    reason: SeparationReason = SeparationReason.UNKNOWN
    destination: Destination = Destination.UNKNOWN
    ground: ProtectedGround = ProtectedGround.NONE


@dataclass(eq=False)
class _Episode:
    kind: EpisodeKind
    child: _Child
    opened_on: date
    segments: list[_Seg]
    children: int = 1
    complicated: bool = False
    nuclear: bool = False
    back: _Return | None = None
    replaced: bool = False
    status: EpisodeStatus = EpisodeStatus.PLANNED
    follow_ups: list[tuple[int, bool, bool, date]] = field(default_factory=list)
    row: LeaveEpisode | None = None


@dataclass(eq=False)
class _Person:
    body: _Body
    seat: _Post
    sex: str
    birth_date: date
    iin: str
    surname: str
    given_name: str
    patronymic: str
    hired_on: date
    nuclear: bool
    pay_factor: float
    children: list[_Child] = field(default_factory=list)
    episodes: list[_Episode] = field(default_factory=list)
    exit: _Exit | None = None
    career: list[tuple[date, _Post, AppointmentKind]] = field(default_factory=list)
    pay: list[tuple[date, Decimal, str]] = field(default_factory=list)
    row: Employee | None = None

    def post_on(self, day: date) -> _Post:
        post = self.career[0][1]
        for starts, held, _ in self.career:
            if starts <= day:
                post = held
        return post


def _pick(rng: random.Random, table: Sequence[tuple[_T, float]]) -> _T:
    return rng.choices([item for item, _ in table], weights=[weight for _, weight in table])[0]


def _between(rng: random.Random, first: date, last: date) -> date:
    """A day from `first` to `last`, both included (`first` if the range is empty)."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _fertility(age: float) -> float:
    """Births a year per woman at `age`: Kazakhstan's high fertility, a little lower in the civil service."""
    for upper, rate in ((20, 0.02), (25, 0.12), (30, 0.15), (35, 0.12), (40, 0.07), (45, 0.02)):
        if age < upper:
            return rate
    return 0.0


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


def _status(episode: _Episode, today: date) -> EpisodeStatus:
    """`leave_state.status_on` over the segments as taken (a separation: the caller)."""
    taken = [Stretch(s.kind, s.actual_start or s.start, s.real_end) for s in episode.segments]
    return status_on(taken, returned=episode.back is not None, exited=False, today=today)


class _People:
    """Draws the people of the demo, one at a time, from one random generator."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.window_start = date(today.year - 5, 1, 1)
        self.history_start = date(today.year - 6, 1, 1)
        self.iins: set[str] = set()
        self.working: dict[date, bool] = {}

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

    def _working_day(self, day: date) -> date:
        """`day`, or the next working day after it."""
        while True:
            if day not in self.working:
                self.working[day] = is_working_day(day)
            if self.working[day]:
                return day
            day += timedelta(days=1)

    # children and leave

    def _older_children(self, person: _Person, before: date) -> None:
        """Children born before the window (no leave recorded for them), by the parent's age."""
        rng = self.rng
        last = min(before, self.window_start) - timedelta(days=400)
        first = person.birth_date + timedelta(days=round(21 * 365.25))
        age = (self.window_start - person.birth_date).days / 365.25
        count = _pick(rng, ((0, 0.3), (1, 0.35), (2, 0.25), (3, 0.1))) if age >= 27 else int(rng.random() < 0.3)
        born: list[date] = []
        for _ in range(count):
            if first > last:
                break
            day = _between(rng, first, last)
            born.append(day)
            first = day + timedelta(days=540)
        person.children += [_Child(day, None, order) for order, day in enumerate(born, start=1)]

    def _mother(self, person: _Person) -> None:
        rng = self.rng
        limit = self.today + timedelta(days=14)
        earliest = max(self.window_start, person.hired_on + timedelta(days=90))
        month = earliest.replace(day=1)
        started = False
        while month <= limit:
            age = (month - person.birth_date).days / 365.25
            if age >= 46:
                return
            if rng.random() >= _fertility(age) / 12:
                month = add_months(month, 1)
                continue
            start = max(earliest, month + timedelta(days=rng.randrange(28)))
            if not started:
                self._older_children(person, start)
                started = True
            episode = self._adoption(person, start) if rng.random() < ADOPTION_SHARE else self._birth(person, start)
            if episode is None:
                return
            person.episodes.append(episode)
            following = self._outcome(person, episode)
            if following is None:
                return
            earliest = following
            month = following.replace(day=1)

    def _birth(self, person: _Person, start: date) -> _Episode | None:
        """A birth whose maternity leave starts on `start` (the expected birth 70 or 91 days later)."""
        rng = self.rng
        before = 91 if person.nuclear else 70
        expected = start + timedelta(days=before)
        birth = expected + timedelta(days=max(-14, min(20, round(rng.gauss(0, 8)))))
        born = birth <= self.today
        children = 2 if rng.random() < TWINS_SHARE else 1
        complicated = born and rng.random() < COMPLICATED_SHARE
        event: dict[str, Any] = {
            "type": "birth",
            "expected_birth": expected.isoformat(),
            "children": children,
            "complicated_birth": complicated,
        }
        if born:
            event["birth_date"] = birth.isoformat()
        leave = leave_for(event, nuclear_test_zone=person.nuclear)
        opened = max(person.hired_on, leave.start - timedelta(days=rng.randint(0, 10)))
        if opened > self.today:
            return None
        child = _Child(birth if born else None, leave.expected_birth, len(person.children) + 1)
        person.children.append(child)
        first = _Seg(SegmentKind.MATERNITY, leave.start, leave.end)
        return _Episode(
            EpisodeKind.BIRTH,
            child,
            opened,
            self._chain(first, birth if born else expected),  # the clock runs from the date on record
            children=children,
            complicated=complicated,
            nuclear=person.nuclear,
            replaced=rng.random() < 0.35,
        )

    def _adoption(self, person: _Person, adopted: date) -> _Episode | None:
        """An adoption of a baby of 5 to 45 days: the leave runs to day 56 after the birth."""
        rng = self.rng
        birth = adopted - timedelta(days=rng.randint(5, 45))
        event = {
            "type": "adoption",
            "birth_date": birth.isoformat(),
            "adoption_date": adopted.isoformat(),
            "children": 1,
            "complicated_birth": False,
        }
        leave = leave_for(event, nuclear_test_zone=person.nuclear)
        opened = adopted + timedelta(days=rng.randint(0, 5))
        if opened > self.today:
            return None
        child = _Child(birth, leave.expected_birth, len(person.children) + 1, adopted=True)
        person.children.append(child)
        first = _Seg(SegmentKind.ADOPTION, leave.start, leave.end)
        return _Episode(EpisodeKind.ADOPTION, child, opened, self._chain(first, birth), nuclear=person.nuclear)

    def _chain(self, first: _Seg, birth: date) -> list[_Seg]:
        """The whole planned chain: the first leave, maybe annual leave, childcare leave in parts."""
        rng = self.rng
        segments = [first]
        if rng.random() < 0.45:
            segments.append(_Seg(SegmentKind.ANNUAL, first.end + timedelta(days=1), first.end + timedelta(days=30)))
        third_eve = third_birthday_eve(birth)
        start = segments[-1].end + timedelta(days=1)
        plan = _pick(rng, ((0, 0.1), (12, 0.25), (18, 0.35), (24, 0.1), (36, 0.2)))
        target = add_months(birth, plan) - timedelta(days=1) if plan else start + timedelta(days=rng.randint(60, 180))
        target = min(target, third_eve)
        if target < start + timedelta(days=14):
            return segments
        parts = _pick(rng, ((1, 0.7), (2, 0.2), (3, 0.1)))
        cuts = sorted(_between(rng, start + timedelta(days=14), target - timedelta(days=14)) for _ in range(parts - 1))
        gaps = parts > 1 and rng.random() < 0.35
        shift = timedelta(0)
        for part_end in [*cuts, target]:
            if part_end != target and part_end < start + timedelta(days=14):
                continue  # too short a part: it joins the next one
            part = _Seg(SegmentKind.CHILDCARE, start + shift, min(part_end + shift, third_eve))
            if part.end < part.start + timedelta(days=14):
                break
            segments.append(part)
            start = part_end + timedelta(days=1)
            if gaps:
                shift += timedelta(days=rng.randint(14, 90))
        return segments

    def _outcome(self, person: _Person, episode: _Episode) -> date | None:
        """How the episode ends, if it has by today; the earliest start of a next leave, or None."""
        rng = self.rng
        today = self.today
        planned = episode.segments
        back_on = planned[-1].end + timedelta(days=1)
        draw = rng.random()
        if draw < 0.09:  # she leaves during the leave, or does not come back at its end
            last = back_on - timedelta(days=1)
            day = min(last, _between(rng, planned[0].start + timedelta(days=30), last)) if draw < 0.06 else last
            if day <= today:
                self._cut(episode, last_day=day)
                person.exit = _Exit(day, during_leave=True, episode=episode)
                return None
        else:
            childcare = [s for s in planned if s.kind == SegmentKind.CHILDCARE]
            if childcare and rng.random() < 0.12:  # back before the planned end
                back_on = _between(rng, childcare[0].start + timedelta(days=30), back_on - timedelta(days=1))
            back_on = self._working_day(back_on)
            late = (today - back_on).days < 21 and rng.random() < 0.4  # not yet recorded by HR
            if back_on <= today and not late:
                self._cut(episode, last_day=back_on - timedelta(days=1))
                episode.back = self._return(back_on)
                return self._after_return(person, back_on)
        self._known(episode)
        return None

    def _return(self, day: date) -> _Return:
        rng = self.rng
        mode = _pick(rng, RETURN_MODES)
        fraction = {ReturnMode.PART_TIME: rng.choice((0.5, 0.75)), ReturnMode.PHASED: 0.75}.get(mode, 1.0)
        return _Return(day, mode, fraction, catch_up=rng.random() < 0.92)

    def _after_return(self, person: _Person, back_on: date) -> date | None:
        """Some leave within two years of the return; the others may have another child."""
        rng = self.rng
        if rng.random() < 0.1:
            day = back_on + timedelta(days=rng.randint(30, 730))
            if day <= self.today:
                person.exit = _Exit(day, during_leave=False, episode=None)
                return None
        return back_on + timedelta(days=90)

    def _cut(self, episode: _Episode, last_day: date) -> None:
        """The chain as it happened when it ended on `last_day`: later parts dropped, the last one cut."""
        kept = [s for s in episode.segments if s.start <= last_day]
        for segment in kept:
            segment.actual_start = segment.start
            if segment.end > last_day:
                segment.actual_end = last_day
            elif segment.end < self.today:
                segment.actual_end = segment.end
        episode.segments = kept

    def _known(self, episode: _Episode) -> None:
        """An open episode holds the parts applied for: the next one while on the previous, or 14 days ahead.

        Nothing follows the maternity leave until the child is born.
        """
        today = self.today
        planned = episode.segments if episode.child.birth_date is not None else episode.segments[:1]
        kept = planned[:1]
        for previous, segment in pairwise(planned):
            if previous.start <= today or segment.start <= today + timedelta(days=14):
                kept.append(segment)
            else:
                break
        for segment in kept:
            if segment.start <= today:
                segment.actual_start = segment.start
            if segment.end < today:
                segment.actual_end = segment.end
        episode.segments = kept

    def _father(self, person: _Person) -> None:
        """A father's childcare leave after the mother's maternity leave (Labour Code art. 100)."""
        rng = self.rng
        age = (self.window_start - person.birth_date).days / 365.25
        if not 20 <= age <= 45 or rng.random() >= FATHER_SHARE:
            return
        birth = _between(rng, max(self.window_start, person.hired_on), self.today - timedelta(days=60))
        start = max(birth + timedelta(days=rng.randint(56, 420)), person.hired_on + timedelta(days=90))
        end = min(start + timedelta(days=rng.randint(60, 365) - 1), third_birthday_eve(birth))
        opened = start - timedelta(days=rng.randint(7, 21))
        if end < start + timedelta(days=14) or opened > self.today:
            return
        self._older_children(person, birth)
        child = _Child(birth, None, len(person.children) + 1)
        person.children.append(child)
        episode = _Episode(EpisodeKind.BIRTH, child, opened, [_Seg(SegmentKind.CHILDCARE, start, end)])
        person.episodes.append(episode)
        if rng.random() < 0.08:
            day = _between(rng, start, end)
            if day <= self.today:
                self._cut(episode, last_day=day)
                person.exit = _Exit(day, during_leave=True, episode=episode)
                return
        back_on = self._working_day(end + timedelta(days=1))
        if back_on <= self.today:
            self._cut(episode, last_day=back_on - timedelta(days=1))
            mode = ReturnMode.REMOTE if rng.random() < 0.1 else ReturnMode.SAME_POST
            episode.back = _Return(back_on, mode)
            self._after_return(person, back_on)
        else:
            self._known(episode)

    def _exit_reason(self, person: _Person, leaving: _Exit) -> None:
        rng = self.rng
        if is_protected(person.children, leaving.day):
            leaving.reason, leaving.ground = _pick(rng, [((r, g), w) for r, g, w in PROTECTED_EXITS])
        else:
            leaving.reason = _pick(rng, OTHER_EXITS)
        leaving.destination = _pick(rng, DESTINATIONS[leaving.reason])

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


# -- writing -----------------------------------------------------------------------------------

DEMO_USERNAMES = ("admin", "hr", "head", "analyst", "employee")


def _employee_row(person: _Person) -> Employee:
    """The employee as `employee_create` stores her: sex and birth date from the IIN, the IIN protected."""
    checked = validate_iin(person.iin)
    return Employee(
        body_id=person.body.state_body.pk,
        position_id=person.career[-1][1].position.pk,
        surname=person.surname,
        given_name=person.given_name,
        patronymic=person.patronymic,
        sex=checked.sex,
        birth_date=checked.birth_date,
        iin_encrypted=encrypt_iin(checked.value),
        iin_digest=link_digest(checked.value),
        iin_masked=checked.masked,
        hired_on=person.hired_on,
    )


def _episode_row(person: _Person, episode: _Episode, rng: random.Random) -> LeaveEpisode:
    assert person.row is not None  # noqa: S101 - written before its episodes
    assert episode.child.row is not None  # noqa: S101
    replacement = None
    until = None
    if episode.replaced:
        colleague = rng.choice(person.body.members)
        if colleague != person.row.pk:
            replacement = colleague
            until = max(s.real_end for s in episode.segments)
    return LeaveEpisode(
        employee_id=person.row.pk,
        child_id=episode.child.row.pk,
        kind=episode.kind,
        children=episode.children,
        complicated_birth=episode.complicated,
        nuclear_test_zone=episode.nuclear,
        status=episode.status,
        replacement_id=replacement,
        replacement_until=until,
        opened_on=episode.opened_on,
        version=len(episode.segments) + (1 if episode.back is not None else 0),  # a bump per segment added, return
    )


def _write(people: Sequence[_Person], rng: random.Random) -> None:
    """One chunk of people with everything they carry, a `bulk_create` per table."""
    employees = [_employee_row(p) for p in people]
    Employee.objects.bulk_create(employees, batch_size=BATCH)
    children: list[Child] = []
    for person, row in zip(people, employees, strict=True):
        person.row = row
        person.body.members.append(row.pk)
        for child in person.children:
            child.row = Child(
                parent_id=row.pk,
                birth_date=child.birth_date,
                expected_birth=child.expected_birth,
                birth_order=child.order,
                adopted=child.adopted,
            )
            children.append(child.row)
    Child.objects.bulk_create(children, batch_size=BATCH)
    episodes: list[LeaveEpisode] = []
    for person in people:
        for episode in person.episodes:
            episode.row = _episode_row(person, episode, rng)
            episodes.append(episode.row)
    LeaveEpisode.objects.bulk_create(episodes, batch_size=BATCH)
    _write_outcomes(people)
    pay: list[PayRecord] = []
    appointments: list[Appointment] = []
    for person in people:
        assert person.row is not None  # noqa: S101
        pay += [
            PayRecord(employee_id=person.row.pk, effective_from=day, monthly_salary=salary, reason=reason)
            for day, salary, reason in person.pay
        ]
        appointments += [
            Appointment(employee_id=person.row.pk, position_id=post.position.pk, starts_on=day, kind=kind)
            for day, post, kind in person.career
        ]
    PayRecord.objects.bulk_create(pay, batch_size=BATCH)
    Appointment.objects.bulk_create(appointments, batch_size=BATCH)


def _write_outcomes(people: Sequence[_Person]) -> None:
    segments: list[LeaveSegment] = []
    returns: list[ReturnToWork] = []
    follow_ups: list[FollowUp] = []
    separations: list[Separation] = []
    for person in people:
        assert person.row is not None  # noqa: S101
        for episode in person.episodes:
            assert episode.row is not None  # noqa: S101
            segments += [
                LeaveSegment(
                    episode_id=episode.row.pk,
                    kind=s.kind,
                    planned_start=s.start,
                    planned_end=s.end,
                    actual_start=s.actual_start,
                    actual_end=s.actual_end,
                )
                for s in episode.segments
            ]
            back = episode.back
            if back is not None:
                assert back.post is not None  # noqa: S101 - set with the career
                returns.append(
                    ReturnToWork(
                        episode_id=episode.row.pk,
                        first_working_day=back.day,
                        mode=back.mode,
                        position_id=back.post.position.pk,
                        monthly_salary=back.salary,
                    )
                )
            follow_ups += [
                FollowUp(
                    episode_id=episode.row.pk,
                    months_after_return=months,
                    employed_in_body=in_body,
                    employed_in_state_service=in_service,
                    recorded_on=recorded,
                )
                for months, in_body, in_service, recorded in episode.follow_ups
            ]
        leaving = person.exit
        if leaving is not None:
            episode_row = leaving.episode.row if leaving.episode is not None else None
            separations.append(
                Separation(
                    employee_id=person.row.pk,
                    episode_id=episode_row.pk if episode_row is not None else None,
                    date=leaving.day,
                    during_leave=leaving.during_leave,
                    reason=leaving.reason,
                    destination=leaving.destination,
                    protected_ground=leaving.ground,
                )
            )
    LeaveSegment.objects.bulk_create(segments, batch_size=BATCH)
    ReturnToWork.objects.bulk_create(returns, batch_size=BATCH)
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    Separation.objects.bulk_create(separations, batch_size=BATCH)


def _make_room(*, replace: bool) -> None:
    """Refuse a database with organisation or case data, or delete it all (never the access log)."""
    bodies = StateBody.objects.count()
    if not bodies and not Employee.objects.exists():
        return
    if not replace:
        raise DemoDatabaseNotEmpty(
            f"The database already has {bodies} state bodies: the demo only fills an empty case database. "
            "Run it with --replace (build_demo(replace=True)) to delete all state bodies, positions, employees "
            "and their leave first; the access log and the user accounts are kept, the demo accounts reset."
        )
    attached = list(
        User.objects.filter(body__isnull=False).exclude(username__in=DEMO_USERNAMES).values_list("username", flat=True)
    )
    if attached:
        raise DemoDatabaseNotEmpty(
            "These user accounts belong to state bodies that --replace would delete: "
            f"{', '.join(sorted(attached))}. Delete them or detach them from their bodies first."
        )
    User.objects.filter(username__in=DEMO_USERNAMES).update(body=None, role=Role.ANALYST)  # set again below
    Separation.objects.all().delete()
    LeaveEpisode.objects.all().delete()  # with its segments, return, follow-ups and anything else of it
    Employee.objects.all().delete()  # with children, pay history and appointments
    Position.objects.all().delete()
    while StateBody.objects.exists():  # a parent is protected while it has children
        StateBody.objects.filter(children__isnull=True).delete()


def _headcounts(rng: random.Random, bodies: Sequence[_Body], employees: int) -> list[int]:
    drawn = Counter(rng.choices(range(len(bodies)), weights=[b.weight for b in bodies], k=employees))
    return [drawn[index] for index in range(len(bodies))]


def _sexes(rng: random.Random, posts: Sequence[_Post]) -> list[str]:
    """Exact quotas: women hold 56% of all posts, 38.9% of managerial ones, 7.9% of political ones."""
    political = [i for i, p in enumerate(posts) if p.level == Level.POLITICAL]
    managerial = [i for i, p in enumerate(posts) if p.managerial and p.level != Level.POLITICAL]
    specialists = [i for i, p in enumerate(posts) if not p.managerial]
    in_politics = round(WOMEN_POLITICAL_SHARE * len(political))
    in_management = round(WOMEN_MANAGERIAL_SHARE * (len(political) + len(managerial))) - in_politics
    in_management = max(0, min(len(managerial), in_management))
    as_specialists = round(WOMEN_SHARE * len(posts)) - in_politics - in_management
    as_specialists = max(0, min(len(specialists), as_specialists))
    women = set(rng.sample(political, in_politics))
    women |= set(rng.sample(managerial, in_management))
    women |= set(rng.sample(specialists, as_specialists))
    return ["female" if index in women else "male" for index in range(len(posts))]


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    body: str  # the body's name in English, or "" for the roles without one


def _demo_users(body: StateBody, employee: Employee | None, password: str) -> tuple[DemoUser, ...]:
    """The five demo accounts, created or reset; they share one hash of the published password."""
    specs = (
        ("admin", Role.ADMINISTRATOR, None),
        ("hr", Role.HR_OFFICER, body),
        ("head", Role.BODY_HEAD, body),
        ("analyst", Role.ANALYST, None),
        ("employee", Role.EMPLOYEE, body),
    )
    users = []
    for username, role, home in specs:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role = role
        user.body = home
        user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
        user.is_active = True
        user.password = password
        if role == Role.EMPLOYEE and employee is not None:
            user.first_name, user.last_name = employee.given_name, employee.surname
        user.save()
        if role == Role.EMPLOYEE and employee is not None:
            employee.user = user
            employee.save(update_fields=["user"])
        users.append(DemoUser(username, str(role), home.name_en if home is not None else ""))
    return tuple(users)


@dataclass(frozen=True)
class DemoSummary:
    """What was built: the counts, and the demo accounts to log in with."""

    seed: int
    today: date
    bodies: int
    positions: int
    employees: int
    women: int
    managerial: int
    women_managerial: int
    children: int
    episodes: int
    statuses: dict[str, int]
    segments: int
    returns: int
    separations: int
    follow_ups: int
    pay_records: int
    appointments: int
    users: tuple[DemoUser, ...]
    demo_employee: str
    password: str = DEMO_PASSWORD

    def lines(self) -> list[str]:
        women = 100 * self.women / self.employees if self.employees else 0.0
        women_managerial = 100 * self.women_managerial / self.managerial if self.managerial else 0.0
        statuses = ", ".join(f"{status} {count}" for status, count in self.statuses.items())
        lines = [
            f"Demo data (seed {self.seed}, as of {self.today.isoformat()}):",
            f"  {self.bodies} state bodies, {self.positions} positions",
            (
                f"  {self.employees} employees: {women:.1f}% women; {self.managerial} in managerial posts, "
                f"{women_managerial:.1f}% of them women"
            ),
            f"  {self.children} children, {self.episodes} leave episodes ({statuses})",
            (
                f"  {self.segments} leave segments, {self.returns} returns, {self.separations} separations, "
                f"{self.follow_ups} follow-ups"
            ),
            f"  {self.pay_records} pay records, {self.appointments} appointments",
            f"Demo accounts (demo only), password {self.password!r}:",
        ]
        lines += [f"  {u.username:<9} {u.role:<14} {u.body}".rstrip() for u in self.users]
        if self.demo_employee:
            lines.append(f"  'employee' is {self.demo_employee}, with a leave episode open")
        return lines


def _summary(seed: int, today: date, users: tuple[DemoUser, ...], employee: Employee | None) -> DemoSummary:
    managerial = Employee.objects.exclude(position__managerial_level=ManagerialLevel.SPECIALIST)
    statuses = dict(
        LeaveEpisode.objects.values_list("status").annotate(n=Count("id")).order_by("status").values_list("status", "n")
    )
    return DemoSummary(
        seed=seed,
        today=today,
        bodies=StateBody.objects.count(),
        positions=Position.objects.count(),
        employees=Employee.objects.count(),
        women=Employee.objects.filter(sex="female").count(),
        managerial=managerial.count(),
        women_managerial=managerial.filter(sex="female").count(),
        children=Child.objects.count(),
        episodes=LeaveEpisode.objects.count(),
        statuses={str(status): count for status, count in statuses.items()},
        segments=LeaveSegment.objects.count(),
        returns=ReturnToWork.objects.count(),
        separations=Separation.objects.count(),
        follow_ups=FollowUp.objects.count(),
        pay_records=PayRecord.objects.count(),
        appointments=Appointment.objects.count(),
        users=users,
        demo_employee=employee.full_name if employee is not None else "",
    )


def _demo_pick(bodies: Sequence[_Body], open_episodes: dict[int, int]) -> tuple[StateBody, Employee | None]:
    """The body of the hr, head and employee accounts: the Ministry of Labour if one of its women is on leave."""
    ministry = bodies[0]
    chosen = next((b for b in [ministry, *bodies] if b.state_body.pk in open_episodes), None)
    if chosen is not None:
        return chosen.state_body, Employee.objects.get(pk=open_episodes[chosen.state_body.pk])
    staffed = next((b for b in [ministry, *bodies] if b.members), ministry)
    return staffed.state_body, Employee.objects.filter(pk__in=staffed.members[:1]).first()


def build_demo(
    *,
    seed: int = 2026,
    employees: int = 3000,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    replace: bool = False,
) -> DemoSummary:
    """Fill an empty case database with a synthetic public sector; the same arguments give the same data.

    Raises `DemoDataRefused` under settings that refuse demo data (production), and
    `DemoDatabaseNotEmpty` if state bodies exist, unless `replace` deletes all organisation
    and case data first (the access log and other accounts are kept). `progress(done, total)` is
    called after each chunk of employees. All is one transaction: an error leaves nothing behind.
    """
    if not settings.KOPIR_DEMO_DATA:
        raise DemoDataRefused(DEMO_REFUSED)
    if employees < 1:
        raise ValueError(f"the demo needs at least one employee, not {employees}")
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    password = make_password(DEMO_PASSWORD)  # hashed once: a strong hash takes a good part of a second
    with transaction.atomic():
        _make_room(replace=replace)
        bodies = _create_bodies()
        headcounts = _headcounts(rng, bodies, employees)
        _create_positions(bodies, headcounts)
        seats = [(body, post) for body, count in zip(bodies, headcounts, strict=True) for post in _seats(body, count)]
        sexes = _sexes(rng, [post for _, post in seats])
        people = _People(rng, today)
        open_episodes: dict[int, int] = {}  # body -> its first woman on leave today
        for begin in range(0, employees, CHUNK):
            end = min(begin + CHUNK, employees)
            chunk = [people.person(body, post, sexes[i]) for i, (body, post) in enumerate(seats[begin:end], begin)]
            _write(chunk, rng)
            for person in chunk:
                if (
                    person.sex == "female"
                    and person.row is not None
                    and person.exit is None
                    and any(e.status in OPEN_STATUSES for e in person.episodes)
                ):
                    open_episodes.setdefault(person.body.state_body.pk, person.row.pk)
            if progress is not None:
                progress(end, employees)
        body, employee = _demo_pick(bodies, open_episodes)
        users = _demo_users(body, employee, password)
        return _summary(seed, today, users, employee)
