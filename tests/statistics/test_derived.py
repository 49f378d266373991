"""The (person, day) searches of `kopir.statistics.derived` against a plain search, over every date a case may hold.

The sort key packs a person and a day into one integer; a day before 1970 (the API takes dates from
1900) once broke it. The examples draw days from 0001-01-01 to 9999-12-31, and NEVER.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.statistics.columns import NEVER, day
from kopir.statistics.derived import by_person_day, count_between, first_on_or_after, latest_before

days_strategy = st.one_of(st.integers(day(date.min), day(date.max)), st.just(NEVER), st.integers(-3, 3))
rows_strategy = st.lists(st.tuples(st.integers(0, 3), days_strategy), max_size=12)
probes_strategy = st.lists(st.tuples(st.integers(0, 4), days_strategy), min_size=1, max_size=6)


def _columns(rows: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    person = np.array([p for p, _ in rows], dtype=np.int64)
    days = np.array([d for _, d in rows], dtype=np.int64)
    return person, days


@settings(deadline=None)
@given(rows_strategy, probes_strategy)
def test_the_searches_find_what_a_plain_search_finds(
    rows: list[tuple[int, int]], probes: list[tuple[int, int]]
) -> None:
    person, days = _columns(rows)
    at_person, at_day = _columns(probes)
    assert by_person_day(person, days).tolist() == np.lexsort((days, person)).tolist()
    on_or_before = latest_before(person, days, at_person, at_day, inclusive=True)
    before = latest_before(person, days, at_person, at_day, inclusive=False)
    after = first_on_or_after(person, days, at_person, at_day)
    within_a_year = count_between(person, days, at_person, at_day - 365, at_day)
    for i, (p, d) in enumerate(probes):
        mine = [row for row, (q, _) in enumerate(rows) if q == p]
        # the latest (ties: the last row) and the first (ties: the first row) in (day, row) order
        assert on_or_before[i] == max((r for r in mine if rows[r][1] <= d), key=lambda r: (rows[r][1], r), default=-1)
        assert before[i] == max((r for r in mine if rows[r][1] < d), key=lambda r: (rows[r][1], r), default=-1)
        assert after[i] == min((r for r in mine if rows[r][1] >= d), key=lambda r: (rows[r][1], r), default=-1)
        assert within_a_year[i] == sum(1 for r in mine if d - 365 < rows[r][1] <= d)


def test_a_pay_record_before_1970_is_the_pay_before_a_leave() -> None:
    """Pay from 1969 (a negative day number) and from 1975, for two people: each finds her own."""
    person = np.array([1, 0, 1, 0])
    starts = np.array([day(date(1969, 3, 1)), day(date(1975, 1, 1)), day(date(1975, 1, 1)), day(date(1968, 7, 1))])
    leave = np.array([day(date(1970, 6, 1)), day(date(1970, 6, 1))])
    assert latest_before(person, starts, np.array([0, 1]), leave, inclusive=False).tolist() == [3, 0]
