"""The organisation of the demo: kinds of body, their posts and units, the ministries and districts (kk, ru, en)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from kopir.organisation.models import ManagerialLevel
from kopir.reference import Region


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
    regional_departments: bool = True  # False: a central body only (fewer, larger bodies for the statistics)


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
        department_weight=3.0,  # with the justice and agency departments folded in: each region keeps its share
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
        regional_departments=False,
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
        regional_departments=False,
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
