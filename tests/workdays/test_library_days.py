"""The table of the library's days built ahead says exactly what the installed `holidays` says.

The working-day calendar reads Kazakhstan's days off from ``kz_library_days.json`` so that no
process imports every country's calendars; if `holidays` is upgraded and its Kazakh days change,
this fails until the table is rebuilt (``python -m kopir.workdays.library_days``).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from kopir.workdays import ProductionCalendar
from kopir.workdays.library_days import TABLE_YEARS, _table, from_library, library_days


def test_the_table_equals_the_library_for_every_year_it_covers() -> None:
    table = _table()
    assert set(table) == set(TABLE_YEARS)
    for year in TABLE_YEARS:
        assert table[year] == from_library(year), year


def test_a_year_outside_the_table_asks_the_library() -> None:
    year = TABLE_YEARS[-1] + 1
    assert year not in _table()
    assert library_days(year) == from_library(year)
    assert ProductionCalendar().working_days_in_year(year) > 240


def test_working_days_in_a_year_of_the_table_need_no_holidays_import() -> None:
    code = (
        "import sys; from datetime import date; from kopir.workdays import default_calendar; "
        "c = default_calendar(); print(c.working_days_in_year(2025), c.is_working_day(date(2025, 3, 21)), "
        "'holidays' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    days, nauryz_worked, imported = result.stdout.split()
    assert (nauryz_worked, imported) == ("False", "False")
    assert int(days) == ProductionCalendar().working_days_in_year(2025)
    assert date(2025, 3, 21) in library_days(2025)[0]
