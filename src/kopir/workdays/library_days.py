"""Kazakhstan's days off and working weekends from the `holidays` library, built ahead into a table.

Why a table: ``import holidays`` loads every country's calendars (Hindu, Islamic, Chinese, German
school holidays ...), about a third of a second, and a cold ``kopir calc`` needs only Kazakhstan's
days. The table ``kz_library_days.json`` holds, for each year it covers, exactly what the library
gives for Kazakhstan; a year outside it still asks the library. A test holds the table equal to the
installed library, so upgrading `holidays` without rebuilding the table fails loudly. Rebuild with::

    .venv/bin/python -m kopir.workdays.library_days
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

COUNTRY = "KZ"
TABLE_FILE = Path(__file__).parent / "kz_library_days.json"
FIRST_YEAR = 1991  # independence: the library knows nothing of Kazakhstan's holidays before it
TABLE_YEARS = range(FIRST_YEAR, 2036)  # independence to a decade ahead; later years ask the library

YearDays = tuple[frozenset[date], frozenset[date]]  # (days off, working weekend days)


def from_library(year: int) -> YearDays:
    """The library's days off and working weekends of `year` (neighbouring years asked too, in case a
    holiday's observed day crosses New Year)."""
    import holidays  # noqa: PLC0415 - loads every country's calendars: only for a year outside the table

    library = holidays.country_holidays(COUNTRY, years=range(year - 1, year + 2))
    days_off = frozenset(day for day in library if day.year == year)
    working_weekends = frozenset(day for day in library.weekend_workdays if day.year == year)
    return days_off, working_weekends


@lru_cache(maxsize=1)
def _table() -> dict[int, YearDays]:
    document = json.loads(TABLE_FILE.read_text(encoding="utf-8"))
    return {
        int(year): (
            frozenset(map(date.fromisoformat, days["days_off"])),
            frozenset(map(date.fromisoformat, days["working_weekends"])),
        )
        for year, days in document["years"].items()
    }


def library_days(year: int) -> YearDays:
    """Kazakhstan's days off and working weekends in `year`, as the `holidays` library gives them."""
    days = _table().get(year)
    return days if days is not None else from_library(year)


def build(years: range = TABLE_YEARS) -> dict[str, object]:
    """The table's document, asked of the installed library."""
    from importlib.metadata import version  # noqa: PLC0415

    built = {}
    for year in years:
        days_off, working_weekends = from_library(year)
        built[str(year)] = {
            "days_off": sorted(day.isoformat() for day in days_off),
            "working_weekends": sorted(day.isoformat() for day in working_weekends),
        }
    return {"library": f"holidays {version('holidays')}", "country": COUNTRY, "years": built}


if __name__ == "__main__":
    TABLE_FILE.write_text(json.dumps(build(), indent=1) + "\n", encoding="utf-8")
