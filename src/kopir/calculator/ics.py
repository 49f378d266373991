"""The personal timeline as an iCalendar file, one all-day event per date, in the page's language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

PRODUCT = "-//Kopir//Personal timeline//EN"


def timeline_calendar(timeline: list[dict[str, Any]]) -> bytes:
    """An .ics document with an all-day event for every mark of the timeline."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    stamp = datetime.now(tz=UTC)
    for mark in timeline:
        day = date.fromisoformat(mark["date"])
        event = Event()
        event.add("uid", f"{mark['id']}-{mark['date']}@kopir")
        event.add("summary", mark["label"])
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
