"""A run's tables as CSV and as an Excel workbook, headers in the language asked for, amounts in tenge."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from kopir.accounts.models import Role
from kopir.policy.exports import ABOUT_SHEET, SHEET_NAME_LIMIT, SHEETS, sheet_name
from kopir.policy.models import SimulationRun
from kopir.policy.presentation import cost_tables
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body, make_user
from tests.policy.documents import finished_run, reform_document, with_range

pytestmark = pytest.mark.django_db


def test_the_cost_by_year_downloads_as_csv_with_russian_headers(client: Client) -> None:
    analyst = make_user(Role.ANALYST)
    sign_in(client, analyst)
    document = reform_document()
    run = finished_run(analyst, document)
    response = client.get(f"/ru/policy/runs/{run.pk}/cost-by-year.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"kopir-run-{run.pk}-cost-by-year.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Год", "Действующий закон, тенге", "С реформой, тенге", "Изменение, тенге"]
    years = cost_tables(document)["years"]
    assert [int(row[0]) for row in rows[1:]] == [row["year"] for row in years]
    assert [float(row[3]) for row in rows[1:]] == pytest.approx([row["change"] for row in years])


def test_the_workbook_holds_every_table_and_the_range_when_there_is_one(client: Client) -> None:
    analyst = make_user(Role.ANALYST)
    sign_in(client, analyst)
    document = with_range(reform_document())
    run = finished_run(analyst, document)
    response = client.get(f"/kk/policy/runs/{run.pk}/tables.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Реформа",
        "Жылдар бойынша құны",
        "Төлемдер бойынша құны",
        "Әр төлем жылдар бойынша",
        "Табыс децилі бойынша",
        "Өңірлер бойынша",
        "Баланың туу реті бойынша",
    ]
    assert book["Реформа"]["B1"].value == document["reform"]["title"]["kk"]
    payments = list(book["Төлемдер бойынша құны"].iter_rows(values_only=True))
    assert len(payments[0]) == 6  # payment, three amounts, the range's two ends
    assert payments[0][0] == "Төлем"
    total = payments[-1]
    ranged = document["uncertainty"]["cost"]["total"]
    assert total[3:] == pytest.approx((document["total"]["change"], ranged["low"], ranged["high"]))
    regions = list(book["Өңірлер бойынша"].iter_rows(values_only=True))
    assert "Түркістан облысы" in [row[0] for row in regions]


def test_downloads_refuse_what_is_not_there_or_not_hers(client: Client) -> None:
    analyst = make_user(Role.ANALYST)
    run = finished_run(analyst, reform_document())
    queued = SimulationRun.objects.create(actor=analyst, shipped_reform="childcare-2-years", size=10_000, seed=0)
    sign_in(client, analyst)
    assert client.get(f"/en/policy/runs/{run.pk}/no-such-table.csv").status_code == 404
    assert client.get(f"/en/policy/runs/{queued.pk}/cost-by-year.csv").status_code == 404
    assert client.get(f"/en/policy/runs/{queued.pk}/tables.xlsx").status_code == 404
    client.logout()
    sign_in(client, make_user(Role.HR_OFFICER, make_body("OWN")))
    assert client.get(f"/en/policy/runs/{run.pk}/tables.xlsx").status_code == 403


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_each_sheet_is_named_in_the_language_within_excels_rules(lang: str) -> None:
    with translation.override(lang):
        names = [str(ABOUT_SHEET), *(str(name) for name in SHEETS.values())]
        english = lang == "en"
        assert (names[0] == "Reform") == english
        assert (names[1] == "Cost by year") == english
    assert [sheet_name(name) for name in names] == names  # nothing to cut or drop: each name whole
    assert all(0 < len(name) <= SHEET_NAME_LIMIT for name in names)
    assert len({name.casefold() for name in names}) == len(names)  # Excel compares names without case
    assert sheet_name("Cost: [a/b]? * by \\ year and much more than Excel allows") == "Cost ab  by  year and much more"
