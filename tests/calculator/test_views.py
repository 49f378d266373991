"""The calculator pages: questions in three languages, answers, errors next to fields, the calendar file."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

FORM = {
    "employment": "employee",
    "event_type": "birth",
    "leave_start": "2025-05-01",
    "birth_date": "2025-07-08",
    "children": "1",
    "previous_children": "0",
    "income_form": "average_so_base",
    "average_so_base": "300000",
}


def _answers(**changes: str) -> dict[str, str]:
    return FORM | changes


@pytest.mark.parametrize(
    ("lang", "title"), [("kk", "Не аламын"), ("ru", "Что я получу"), ("en", "What will I receive")]
)
def test_the_form_speaks_each_language(client: Client, lang: str, title: str) -> None:
    page = client.get(f"/{lang}/").content.decode()
    assert f'<html lang="{lang}">' in page
    assert title in page


def test_the_root_follows_the_browsers_language(client: Client) -> None:
    response = client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


@pytest.mark.parametrize(("lang", "amount"), [("kk", "1 134 000 ₸"), ("ru", "1 134 000 ₸"), ("en", "1,134,000 ₸")])
def test_the_answer_shows_the_amounts_in_the_language(client: Client, lang: str, amount: str) -> None:
    response = client.post(f"/{lang}/", _answers())
    page = response.content.decode().replace("\u00a0", " ")
    assert response.status_code == 200
    assert amount in page
    assert "3 227 416 ₸" in page or "3,227,416 ₸" in page
    assert 'data-testid="timeline"' in page


def test_the_monthly_statement_is_read_line_by_line(client: Client) -> None:
    statement = "\n".join(f"2024-{m:02d} 270 000" for m in range(1, 13))
    response = client.post("/en/", _answers(income_form="monthly", average_so_base="", monthly=statement))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Income from which social contributions were paid in the window" in page


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"average_so_base": ""}, "average_so_base", "This field is required."),
        ({"average_so_base": "-5"}, "average_so_base", "greater than or equal to 0"),
        ({"income_form": "monthly", "monthly": "2025-13 1000"}, "monthly", "Line 1: 2025-13 is not a month."),
        ({"income_form": "monthly", "monthly": "March 1000"}, "monthly", "Line 1: write the month"),
        ({"birth_date": "2025-01-01"}, "birth_date", "The birth date is before the leave start."),
        ({"children": "0"}, "children", "greater than or equal to 1"),
        ({"event_type": "adoption"}, "adoption_date", "An adoption needs this date."),
        ({"leave_start": "", "birth_date": ""}, "leave_start", "Give at least one of"),
    ],
)
def test_bad_answers_are_marked_next_to_the_field_and_in_the_summary(
    client: Client, changes: dict[str, Any], field: str, text: str
) -> None:
    response = client.post("/en/", _answers(**changes))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert f'href="#id_{field}"' in page
    assert f'id="id_{field}-error"' in page
    assert text in page.replace("&#x27;", "'")


def test_bad_answers_lose_nothing(client: Client) -> None:
    page = client.post("/ru/", _answers(children="0", average_so_base="123456")).content.decode()
    assert 'value="123456"' in page
    assert 'value="2025-05-01"' in page


def test_the_timeline_downloads_as_icalendar(client: Client) -> None:
    response = client.post("/ru/timeline.ics", _answers())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") >= 8
    assert "DTSTART;VALUE=DATE:20250501" in body
    assert "Отпуск по беременности и родам" in body or "отпуск" in body.lower()


def test_the_language_switcher_keeps_the_page(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, headers={"Referer": "/kk/"})
    assert response.status_code == 302
    assert client.get("/").headers["Location"] == "/en/"


def test_the_example_fills_the_form_dated_from_today(client: Client) -> None:
    page = client.get("/en/?example=1").content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert 'value="300000"' in page
