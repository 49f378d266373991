"""Working days: the published totals, the 2026 override, the loader's loud failures, invariants."""

from __future__ import annotations

import doctest
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kopir.workdays
from kopir.workdays import (
    OverrideKind,
    OverrideTableError,
    ProductionCalendar,
    add_working_days,
    default_calendar,
    is_working_day,
    load_overrides,
    working_days_between,
    working_days_in_year,
)

ENTRY = """\
- date: {day}
  kind: {kind}
  name: {{en: Test day, ru: Тестовый день, kk: Сынақ күні}}
  source: {{title: Test act, href: "https://example.kz/act"}}
"""


def _table(tmp_path: Path, *entries: tuple[str, str]) -> Path:
    file = tmp_path / "overrides.yaml"
    file.write_text("".join(ENTRY.format(day=day, kind=kind) for day, kind in entries), encoding="utf-8")
    return file


# --- the annual totals ------------------------------------------------------------------------


def test_2026_has_the_official_246_working_days() -> None:
    # MTSZN production calendar 2026 (El.kz; tengrinews via alau.kz, 11.12.2025): 246 days.
    # The library alone says 247: it has no Constitution Day in 2026.
    assert working_days_in_year(2026) == 246
    assert ProductionCalendar().working_days_in_year(2026) == 247


def test_2025_has_246_working_days() -> None:
    # Domain notes D.4 (the library's count); matches the published 119 days off in 2025
    # (azattyq-ruhy.kz calendar for 2025): 365 - 119 = 246.
    assert working_days_in_year(2025) == 246


def test_2024_has_249_working_days() -> None:
    # Domain notes D.4 (the library's count). MTSZN's balance published at the start of 2024
    # said 248, expecting Kurban Ait on Monday 17 June; the Spiritual Administration of Muslims
    # then fixed it on Sunday 16 June and 17 June stayed a working day (tengrinews, June 2024).
    assert working_days_in_year(2024) == 249


@pytest.mark.parametrize(
    ("month", "expected"),
    # MTSZN working-time balance 2024, five-day week (help.inbuh.kz/6801), except June: 20,
    # not 19, once Kurban Ait fell on a Sunday (see above).
    [(1, 21), (2, 21), (3, 17), (4, 22), (5, 20), (6, 20), (7, 22), (8, 21), (9, 21), (10, 22), (11, 21)],
)
def test_2024_months_match_the_working_time_balance(month: int, expected: int) -> None:
    first = date(2024, month, 1)
    last = date(2024, month + 1, 1) - timedelta(days=1)
    assert working_days_between(first, last) == expected


# --- particular days --------------------------------------------------------------------------


def test_constitution_day_2026_is_observed_on_monday_31_august() -> None:
    assert not is_working_day(date(2026, 8, 31))
    assert is_working_day(date(2026, 8, 28))
    assert is_working_day(date(2026, 9, 1))


def test_working_saturday_from_a_transfer_decree_is_a_working_day() -> None:
    # The library's weekend_workdays: Saturday 4 May 2024 worked for Wednesday 8 May off.
    assert is_working_day(date(2024, 5, 4))
    assert not is_working_day(date(2024, 5, 8))
    assert add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 4)


def test_ordinary_weekend_and_holiday_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 2, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 23))  # Nauryz, Monday
    assert is_working_day(date(2026, 2, 6))


# --- adding and counting ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 2, 6), 1, date(2026, 2, 9)),  # Friday -> Monday over the weekend
        (date(2026, 3, 20), 1, date(2026, 3, 26)),  # over Nauryz, 21-25 March
        (date(2026, 3, 19), 8, date(2026, 4, 3)),  # an 8-working-day processing deadline
        (date(2026, 8, 28), 1, date(2026, 9, 1)),  # over Constitution Day observed
        (date(2025, 12, 31), 1, date(2026, 1, 5)),  # over New Year, into the next year
        (date(2026, 3, 21), 0, date(2026, 3, 21)),  # nothing to add
        (date(2026, 1, 1), 246, date(2026, 12, 31)),  # the whole year
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 1, 5), -1)


def test_working_days_between_is_inclusive_and_empty_when_reversed() -> None:
    assert working_days_between(date(2026, 8, 1), date(2026, 8, 31)) == 20
    assert working_days_between(date(2026, 1, 5), date(2026, 1, 5)) == 1
    assert working_days_between(date(2026, 1, 6), date(2026, 1, 5)) == 0
    assert working_days_between(date(2025, 1, 1), date(2026, 12, 31)) == 246 + 246


def test_years_before_independence_are_refused() -> None:
    with pytest.raises(ValueError, match="1990"):
        working_days_in_year(1990)


def test_module_examples_hold() -> None:
    assert doctest.testmod(kopir.workdays).failed == 0


# --- the override table -----------------------------------------------------------------------


def test_shipped_table_has_2026_constitution_day() -> None:
    (override,) = [o for o in load_overrides() if o.day == date(2026, 8, 31)]
    assert override.kind is OverrideKind.HOLIDAY
    assert override.source.href.startswith("https://")


def test_every_override_still_corrects_the_library() -> None:
    # When a new `holidays` release catches up, the entry is redundant: delete it.
    library = ProductionCalendar()
    for override in default_calendar().overrides:
        assert library.is_working_day(override.day) is (override.kind is OverrideKind.HOLIDAY), override


def test_override_workday_makes_a_sunday_working(tmp_path: Path) -> None:
    calendar = ProductionCalendar(load_overrides(_table(tmp_path, ("2026-02-08", "workday"))))
    assert calendar.is_working_day(date(2026, 2, 8))
    assert calendar.working_days_in_year(2026) == 248


def test_loader_rejects_a_duplicate_date(tmp_path: Path) -> None:
    file = _table(tmp_path, ("2026-08-31", "holiday"), ("2026-08-31", "workday"))
    with pytest.raises(OverrideTableError, match=r"overrides\.yaml: entry 2: duplicate date 2026-08-31"):
        load_overrides(file)


def test_loader_rejects_an_unknown_kind(tmp_path: Path) -> None:
    file = _table(tmp_path, ("2026-08-31", "half-day"))
    with pytest.raises(OverrideTableError, match=r"overrides\.yaml: entry 1: unknown kind 'half-day'"):
        load_overrides(file)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (ENTRY.format(day="2026-02-30", kind="holiday"), "not a YYYY-MM-DD date"),
        (ENTRY.format(day="2026-08-31", kind="holiday").replace("kk: Сынақ күні", "de: Test"), "missing kk"),
        (ENTRY.format(day="2026-08-31", kind="holiday") + "  kind: workday\n", "duplicate key"),
        (ENTRY.format(day="2026-08-31", kind="holiday").replace("https://", "http://"), "https://"),
        ("date: 2026-08-31\n", "expected a list"),
    ],
)
def test_loader_rejects_broken_entries(tmp_path: Path, text: str, problem: str) -> None:
    file = tmp_path / "broken.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(OverrideTableError, match=r"broken\.yaml") as error:
        load_overrides(file)
    assert problem in str(error.value)


def test_loader_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OverrideTableError, match="cannot be read"):
        load_overrides(tmp_path / "absent.yaml")


# --- invariants -------------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
LIBRARY = holidays.country_holidays("KZ")
OVERRIDDEN = {override.day for override in load_overrides()}


@given(start=days, n=st.integers(min_value=0, max_value=600))
def test_adding_n_working_days_lands_n_working_days_later(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert working_days_between(start + timedelta(days=1), result) == n
    if n > 0:
        assert is_working_day(result)
        assert result > start


@given(first=days, middle=days, last=days)
def test_counts_add_up_over_adjacent_periods(first: date, middle: date, last: date) -> None:
    first, middle, last = sorted((first, middle, last))
    whole = working_days_between(first, last)
    assert whole == working_days_between(first, middle) + working_days_between(middle + timedelta(1), last)


@given(day=days)
def test_outside_the_overrides_the_library_decides(day: date) -> None:
    if day not in OVERRIDDEN:
        assert is_working_day(day) == LIBRARY.is_working_day(day)
