"""The calculator as a service: one question a page, branching, the session, check your answers, result pages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from kopir.calculator.journey import example_answers
from tests.calculator.journey_answers import BIRTH_STEPS as BIRTH_ANSWERS

pytestmark = pytest.mark.django_db

BASE = "/en/calculator"


def _answer(client: Client, slug: str, data: dict[str, str], lang: str = "en") -> str:
    response = client.post(f"/{lang}/calculator/question/{slug}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"])


def _walk(client: Client, answers: list[tuple[str, dict[str, str]]], lang: str = "en") -> list[str]:
    """Answers each question in turn, following the redirects; returns every address visited."""
    visited = []
    for slug, data in answers:
        visited.append(_answer(client, slug, data, lang))
    return visited


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")


def test_the_start_page_says_who_it_is_for_and_what_she_needs(client: Client) -> None:
    page = client.get(f"{BASE}/").content.decode()
    assert "Who it is for" in page
    assert "statement of social contributions" in page
    assert "egov.kz" in page
    assert f'href="{BASE}/question/employment/"' in page


@pytest.mark.parametrize(("lang", "heading"), [("kk", "Не аламын"), ("ru", "Что я получу"), ("en", "What will I")])
def test_the_start_page_speaks_each_language(client: Client, lang: str, heading: str) -> None:
    page = client.get(f"/{lang}/calculator/").content.decode()
    assert f'<html lang="{lang}">' in page
    assert heading in page


def test_a_birth_walks_one_question_a_page_to_the_check_page(client: Client) -> None:
    visited = _walk(client, BIRTH_ANSWERS)
    expected = [f"{BASE}/question/{slug}/" for slug, _data in BIRTH_ANSWERS[1:]] + [f"{BASE}/check/"]
    assert visited == expected
    assert all("2025" not in address and "300000" not in address for address in visited)  # nothing personal


def test_an_adoption_asks_the_adoption_dates_and_no_complicated_birth(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS[:2])
    assert _answer(client, "event", {"event_type": "adoption"}) == f"{BASE}/question/adoption-dates/"
    dates = {"adoption_date_day": "1", "adoption_date_month": "9", "adoption_date_year": "2025"}
    assert _answer(client, "adoption-dates", dates) == f"{BASE}/question/children/"
    assert _answer(client, "children", {"children": "1"}) == f"{BASE}/question/previous-children/"
    assert client.get(f"{BASE}/question/complicated-birth/")["Location"] == f"{BASE}/question/previous-children/"


def test_only_the_chosen_income_form_is_asked(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS[:7])
    assert _answer(client, "income-form", {"income_form": "monthly"}) == f"{BASE}/question/income-statement/"
    page = client.get(f"{BASE}/question/income-statement/").content.decode()
    assert 'name="monthly"' in page
    assert 'name="average_so_base"' not in page
    assert 'name="gross_salary"' not in page


def test_no_insured_income_skips_the_income_questions(client: Client) -> None:
    visited = _walk(client, [("employment", {"employment": "uninsured"}), *BIRTH_ANSWERS[1:7]])
    assert visited[-1] == f"{BASE}/question/return/"
    assert client.get(f"{BASE}/question/income-form/")["Location"] == f"{BASE}/question/return/"


def test_a_question_cannot_be_skipped_by_its_address(client: Client) -> None:
    response = client.get(f"{BASE}/question/income-average/")
    assert response["Location"] == f"{BASE}/question/employment/"
    assert client.get(f"{BASE}/result/")["Location"] == f"{BASE}/question/employment/"
    assert client.get(f"{BASE}/question/no-such-step/").status_code == 404


def test_back_links_lead_to_the_previous_question(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS[:3])
    page = client.get(f"{BASE}/question/birth-dates/").content.decode()
    assert f'class="back-link" href="{BASE}/question/event/"' in page
    assert f'class="back-link" href="{BASE}/"' in client.get(f"{BASE}/question/employment/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select how you work."),
        ({"employment": "astronaut"}, "Select a valid choice"),
    ],
)
def test_an_unanswered_question_names_the_field(client: Client, data: dict[str, str], message: str) -> None:
    response = client.post(f"{BASE}/question/employment/", data)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_employment"' in page
    assert 'id="id_employment-error"' in page
    assert message in page


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("31", "2", "2026"), "Enter a real date"),
        (("1", "", "2026"), "must include a day, a month and a year"),
        (("1", "5", "26"), "Enter a real date"),
        (("x", "5", "2026"), "Enter a real date"),
    ],
)
def test_a_wrong_date_says_what_to_write(client: Client, parts: tuple[str, str, str], message: str) -> None:
    _walk(client, BIRTH_ANSWERS[:3])
    data = dict(zip(("leave_start_day", "leave_start_month", "leave_start_year"), parts, strict=True))
    response = client.post(f"{BASE}/question/birth-dates/", data)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'href="#id_leave_start"' in page  # the summary's link lands in the day box
    assert 'id="id_leave_start"' in page
    assert message in page
    assert f'value="{parts[0]}"' in page  # what she typed is kept


def test_an_empty_income_is_refused_with_what_to_do(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS[:8])
    response = client.post(f"{BASE}/question/income-average/", {"average_so_base": ""})
    assert response.status_code == 422
    assert "choose another way to give it" in response.content.decode()


def test_errors_speak_the_pages_language(client: Client) -> None:
    response = client.post("/ru/calculator/question/employment/", {})
    assert response.status_code == 422
    assert "Выберите, как вы работаете." in response.content.decode()


def test_check_your_answers_lists_them_with_change_links(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    page = client.get(f"{BASE}/check/").content.decode()
    text = _text(page)
    assert "Employee (including a civil servant)" in text
    assert "1 May 2025" in text
    assert "300,000 ₸" in text
    assert f'href="{BASE}/question/birth-dates/?change=1"' in page
    assert f'href="{BASE}/question/income-average/?change=1"' in page
    assert "adoption_date" not in page


def test_a_change_returns_to_the_check_page(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    response = client.post(f"{BASE}/question/children/?change=1", {"children": "2"})
    assert response["Location"] == f"{BASE}/check/"
    assert "2" in _text(client.get(f"{BASE}/check/").content.decode()).split("born or adopted?")[1][:5]


def test_a_change_that_opens_a_new_question_asks_it_first(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    response = client.post(f"{BASE}/question/income-form/?change=1", {"income_form": "gross_salary"})
    assert response["Location"] == f"{BASE}/question/income-salary/"


def test_answers_the_rules_refuse_are_listed_on_the_check_page_with_a_link_to_the_question(client: Client) -> None:
    early_birth = {"leave_start_day": "1", "leave_start_month": "5", "leave_start_year": "2025"} | {
        "birth_date_day": "1",
        "birth_date_month": "1",
        "birth_date_year": "2025",
    }
    _walk(client, [*BIRTH_ANSWERS[:3], ("birth-dates", early_birth), *BIRTH_ANSWERS[4:]])
    response = client.post(f"{BASE}/check/")
    assert response.status_code == 422
    page = response.content.decode()
    assert "The birth date is before the leave start." in page
    assert f'href="{BASE}/question/birth-dates/?change=1"' in page


def test_the_result_leads_with_what_she_gets_and_puts_the_caveats_last(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    assert client.post(f"{BASE}/check/")["Location"] == f"{BASE}/result/"
    page = _text(client.get(f"{BASE}/result/").content.decode())
    total, chart, next_steps = page.index("3,227,416 ₸"), page.index("month by month"), page.index("What to do next")
    caveats = page.index("Why the amount may differ")
    assert total < chart < next_steps < caveats
    assert "1,134,000 ₸, paid once" in page
    assert "108,000 ₸ a month, from July 2025 to December 2026" in page
    assert "egov.kz" in page
    assert "Last day to apply for the childcare payment" in page
    assert page.index("Rules version") > caveats  # only in the technical details, after everything else


def test_the_chart_and_its_table_show_the_same_months(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    page = client.get(f"{BASE}/result/").content.decode()
    chart = page[page.index('data-testid="income-chart"') : page.index("</svg>")]
    table = page[page.index('data-testid="income-table"') : page.index("</table>", page.index("income-table"))]
    bar_titles = re.findall(r"<title>([^<]+): ([^<]+)</title>", chart)
    rows = re.findall(r"<tr><td>([^<]+)</td>.*?data-testid=\"month-total\">([^<]+)</td></tr>", table)
    assert bar_titles == rows
    assert rows[0][0] == "May 2025"
    assert rows[0][1].replace("\u00a0", " ") == "1,134,000 ₸"  # the maternity payment, in the month it arrives
    assert len(rows) == 20  # May 2025 (maternity) to December 2026 (the last childcare month)


def test_the_comparison_changes_one_answer_at_a_time(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    page = client.get(f"{BASE}/compare/").content.decode()
    text = _text(page)
    for title in ("Your answers", "Back at work when the child is 1", "On leave until the child is 1.5"):
        assert title in text
    assert "As an individual entrepreneur" in text
    total_row = page[page.index('data-testid="compare-total"') :].split("</tr>")[0]
    totals = [_text(cell).strip() for cell in re.findall(r'<td class="numeric">(.*?)</td>', total_row)]
    assert totals[0] == "3,227,416 ₸" == totals[2]  # staying to 1.5 is her own answer
    assert totals[1] != totals[0]  # back at work at 1: six months of childcare payment fewer


def test_the_printable_page_has_the_result_and_her_answers(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    page = _text(client.get(f"{BASE}/print/").content.decode())
    assert "3,227,416 ₸" in page
    assert "Your answers" in page
    assert "Employee (including a civil servant)" in page
    assert f"Computed on {timezone.localdate():%-d %B %Y}" in page


def test_the_example_is_dated_from_today_and_shows_the_check_page(client: Client) -> None:
    response = client.post(f"{BASE}/example/")
    assert response["Location"] == f"{BASE}/check/"
    page = _text(client.get(f"{BASE}/check/").content.decode())
    assert f"{timezone.localdate():%-d %B %Y}" in page
    result = _text(client.get(f"{BASE}/result/").content.decode())
    assert "1,134,000 ₸, paid once" in result  # 126 days of an average of 300,000, whatever the year's MRP


def test_start_again_forgets_the_answers(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    client.post(f"{BASE}/start-again/")
    assert client.get(f"{BASE}/check/")["Location"] == f"{BASE}/question/employment/"


def test_the_example_s_leave_starts_today(client: Client) -> None:
    today = date(2031, 3, 2)
    answers = example_answers(today)
    assert answers["leave_start"] == "2031-03-02"
    assert answers["expected_birth"] == "2031-05-11"


@pytest.mark.parametrize(
    ("slug", "data", "field"),
    [
        (
            "birth-dates",
            {"leave_start_day": "1", "leave_start_month": "1", "leave_start_year": "9" * 30},
            "leave_start",
        ),
        (
            "birth-dates",
            {"birth_date_day": "9" * 5000, "birth_date_month": "1", "birth_date_year": "2025"},
            "birth_date",
        ),
        ("children", {"children": "9" * 5000}, "children"),
        ("event", {"event_type": "<script>"}, "event_type"),
        ("previous-children", {"previous_children": "-1"}, "previous_children"),
    ],
)
def test_hostile_answers_get_a_422_naming_the_field(
    client: Client, slug: str, data: dict[str, str], field: str
) -> None:
    _walk(client, BIRTH_ANSWERS[:3])
    response = client.post(f"{BASE}/question/{slug}/", data)
    assert response.status_code == 422
    assert f'href="#id_{field}"' in response.content.decode()


def test_hostile_answers_of_the_income_page_get_a_422(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS[:8])
    for amount in ("NaN", "Infinity", "9" * 5000, "-5"):
        response = client.post(f"{BASE}/question/income-average/", {"average_so_base": amount})
        assert response.status_code == 422, amount
        assert 'href="#id_average_so_base"' in response.content.decode()


def test_the_result_pages_calendar_button_posts_her_answers(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    page = client.get(f"{BASE}/result/").content.decode()
    form = page[page.index('action="/en/timeline.ics"') :].split("</form>")[0]
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    assert hidden["leave_start"] == "2025-05-01"
    response = client.post("/en/timeline.ics", hidden)
    assert response.status_code == 200
    assert "DTSTART;VALUE=DATE:20250501" in response.content.decode()


def test_the_comparison_shows_what_an_early_return_costs_in_childcare_payments(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    page = client.get(f"{BASE}/compare/").content.decode()
    childcare_row = page[page.index('data-testid="compare-childcare"') :].split("</tr>")[0]
    totals = [_text(cell).strip() for cell in re.findall(r'<td class="numeric">(.*?)</td>', childcare_row)]
    assert totals[0] == "1,944,000 ₸" == totals[2]  # 18 months of 108,000: her answers, on leave to 1.5
    assert totals[1] != totals[0]  # back at work at 1: the payment falls for the last six months


def test_check_your_answers_leads_back_to_the_last_question(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS)
    page = client.get(f"{BASE}/check/").content.decode()
    assert f'class="back-link" href="{BASE}/question/return/"' in page


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("event", "Select whether it is a birth or an adoption."),
        ("children", "Enter how many children are born or adopted, for example 1."),
        ("previous-children", "Enter how many children you already have, or 0 if this is your first child."),
        ("income-form", "Select how you want to give your income."),
    ],
)
def test_an_unanswered_question_says_what_to_do(client: Client, slug: str, message: str) -> None:
    _walk(client, BIRTH_ANSWERS)
    response = client.post(f"{BASE}/question/{slug}/", {})
    assert response.status_code == 422
    assert message in response.content.decode()


def test_an_adoption_without_its_date_says_what_to_do(client: Client) -> None:
    _walk(client, BIRTH_ANSWERS[:2])
    _answer(client, "event", {"event_type": "adoption"})
    response = client.post(f"{BASE}/question/adoption-dates/", {})
    assert response.status_code == 422
    assert "Enter the date of adoption." in response.content.decode()
