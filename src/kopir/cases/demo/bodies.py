"""The state bodies of the demo, their positions and the seats employees are drawn into."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from math import ceil

from kopir.cases.demo.catalogue import (
    BASE_SALARY,
    DISTRICT_AKIMAT,
    DISTRICTS,
    MINISTRIES,
    NUCLEAR_ZONE_SHARE,
    REGIONAL_AKIMAT,
    TOP_SALARY,
    Level,
    Tri,
    _Family,
    _family,
    _PostSpec,
    _ru_of,
    _t,
)
from kopir.organisation.models import BodyLevel, Corps, ManagerialLevel, Position, StateBody
from kopir.reference import ManagerialLevel as ReferenceLevel
from kopir.reference import Region, regions

BATCH = 1000  # rows per INSERT
WOMEN_SHARE = 0.56  # of civil servants, 1 Jan 2026 (D.6)
WOMEN_MANAGERIAL_SHARE = 0.389  # of managerial posts (D.6)
WOMEN_POLITICAL_SHARE = 59 / (59 + 692)  # political civil servants in 2024 (D.6)


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
    """Four central bodies, those with `regional_departments` with a department in each region; the akims'
    offices of the regions and districts."""
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
        if not ministry.regional_departments:
            continue
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
