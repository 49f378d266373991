"""The reform builder: an analyst picks parameters, gives values and dates, saves a reform file, costs it and
downloads it; every override is checked as a reform file is, and a problem names its field (422, nothing saved)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kopir.accounts.models import AccessAction, AccessLog, Role, User
from kopir.cli import main
from kopir.microsim.reforms import parse
from kopir.policy import builder, services
from kopir.policy.models import RunStatus, SavedReform, SimulationRun
from kopir.rules import default_law
from tests.accounts.signing_in import sign_in
from tests.cases.builders import make_body, make_user

pytestmark = pytest.mark.django_db

RATE = "gfss.childcare.rate"
MONTHS = "gfss.childcare.months"
SWITCH = "gfss.childcare.early_return_keeps_allowance_level"
NEW = "/en/policy/builder/new/"


def _analyst(client: Client, username: str | None = None) -> User:
    user = make_user(Role.ANALYST, username=username)
    sign_in(client, user)
    return user


def _texts(**overrides: str) -> dict[str, str]:
    texts = {
        "title_kk": "Бала күтімі 45%",
        "title_ru": "Уход за ребёнком 45%",
        "title_en": "Childcare at 45 percent",
        "description_kk": "Бала күтімі төлемі 45%.",
        "description_ru": "Выплата по уходу 45%.",
        "description_en": "The childcare payment at 45% of the income.",
    }
    return texts | overrides


def _post(client: Client, parameters: list[str], rows: list[tuple[str, str]], lang: str = "en", **texts: str) -> Any:
    query = "&".join(f"parameter={path}" for path in parameters)
    data = _texts(**texts)
    for i, (value, since) in enumerate(rows):
        data |= {f"value_{i}": value, f"since_{i}": since}
    return client.post(f"/{lang}/policy/builder/new/?{query}", data)


def test_the_builder_shows_each_parameter_with_its_unit_value_and_act(client: Client) -> None:
    _analyst(client)
    page = client.get("/en/policy/builder/").content.decode()
    assert "Childcare payment rate" in page
    assert "https://adilet.zan.kz/rus/docs/K2300000224" in page
    assert 'value="gfss.childcare.rate"' in page
    russian = client.get("/ru/policy/builder/", {"q": "выплаты по уходу"}).content.decode()
    assert "Ставка социальной выплаты по уходу за ребёнком, доля дохода" in russian
    assert "Минимальная заработная плата" not in russian
    nothing = client.get("/kk/policy/builder/", {"q": "zzzz"}).content.decode()
    assert 'data-testid="nothing-found"' in nothing


def test_continue_takes_the_ticked_parameters_and_refuses_none(client: Client) -> None:
    _analyst(client)
    chosen = client.get("/en/policy/builder/", {"parameter": [RATE, MONTHS, RATE], "action": "continue"})
    assert chosen.status_code == 302
    assert chosen["Location"] == f"{NEW}?parameter={RATE}&parameter={MONTHS}"
    none = client.get("/en/policy/builder/", {"action": "continue"})
    assert none.status_code == 422
    assert "Choose at least one parameter to change." in none.content.decode()
    form = client.get(chosen["Location"]).content.decode()
    assert "New value of “Childcare payment rate”" in form
    assert "40%" in form  # today's value, as the law page shows it


def test_a_saved_reform_is_logged_downloaded_and_costed_by_the_command_line(client: Client, tmp_path: Path) -> None:
    analyst = _analyst(client)
    response = _post(client, [RATE, MONTHS], [("0.45", "2027-01-01"), ("24", "2027-01-01")])
    assert response.status_code == 302
    saved = SavedReform.objects.get()
    assert response["Location"] == f"/en/policy/builder/{saved.pk}/"
    assert (saved.owner, saved.slug, saved.title_ru) == (analyst, "childcare-at-45-percent", "Уход за ребёнком 45%")
    page = client.get(response["Location"]).content.decode()
    changes = re.search(r'data-testid="reform-changes".*?</table>', page, re.DOTALL)  # as on the run's page
    assert changes is not None
    assert re.findall(r'data-testid="new-value">([^<]*)<', changes.group(0)) == ["45%", "24"]
    assert default_law()[MONTHS].label["en"] in changes.group(0)
    assert "Childcare at 45 percent" in page
    assert [saved.title(lang) for lang in ("kk", "ru", "en")] == [
        _texts()[f"title_{lang}"] for lang in ("kk", "ru", "en")
    ]
    assert {lang: saved.title(lang) for lang in ("kk", "ru", "en")} == yaml.safe_load(saved.document)["title"]
    download = client.get(f"/en/policy/builder/{saved.pk}/reform.yaml")
    assert download["Content-Disposition"] == 'attachment; filename="childcare-at-45-percent.yaml"'
    file = tmp_path / "childcare-at-45-percent.yaml"
    file.write_bytes(download.content)
    result = CliRunner().invoke(main, ["simulate", str(file), "--size", "2000", "--chunk", "1000", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["reform"]["title"]["kk"] == "Бала күтімі 45%"
    assert document["total"]["change"] > 0
    actions = AccessLog.objects.filter(record_type="policy.savedreform").values_list("action", flat=True)
    assert sorted(actions) == sorted([AccessAction.CREATE, AccessAction.READ, AccessAction.READ])


def test_a_saved_reform_runs_on_the_costing_page_and_is_hidden_from_another_analyst(client: Client) -> None:
    _analyst(client)
    _post(client, [SWITCH], [("false", "2026-01-01")], title_en="Aigerim early return")
    saved = SavedReform.objects.get()
    assert "Aigerim early return" in client.get("/en/policy/").content.decode()
    response = client.post("/en/policy/", {"reform": f"saved-{saved.pk}", "size": "10000", "seed": "2"})
    assert response.status_code == 302
    run = SimulationRun.objects.get()
    assert (run.saved_reform, run.reform_id, run.shipped_reform) == (saved, f"saved-{saved.pk}", "")
    assert run.result["reform"]["id"] == "aigerim-early-return"
    assert f'<a href="/en/policy/runs/{run.pk}/">Aigerim early return</a>' in client.get("/en/policy/").content.decode()
    result = client.get(f"/en/policy/runs/{run.pk}/").content.decode()
    label = default_law()[SWITCH].label["en"]
    assert label in result  # the saved reform's change, read back from its file, on its result page

    other = Client()
    _analyst(other)
    assert other.get(f"/en/policy/builder/{saved.pk}/").status_code == 404
    assert other.get(f"/en/policy/builder/{saved.pk}/reform.yaml").status_code == 404
    assert other.post("/en/policy/", {"reform": f"saved-{saved.pk}", "size": "10000", "seed": "2"}).status_code == 404
    assert "Aigerim early return" not in other.get("/en/policy/").content.decode()
    assert SimulationRun.objects.count() == 1
    refused = AccessLog.objects.filter(action=AccessAction.REFUSED, record_type="policy.savedreform")
    assert refused.count() == 3  # the page, the download and the costing form: each refusal kept


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.HR_OFFICER, Role.BODY_HEAD])
def test_other_roles_are_refused_and_the_refusal_is_logged(client: Client, role: Role) -> None:
    sign_in(client, make_user(role, make_body("OWN")))
    assert client.get("/en/policy/builder/").status_code == 403
    assert _post(client, [RATE], [("0.45", "2027-01-01")]).status_code == 403
    assert not SavedReform.objects.exists()
    assert AccessLog.objects.filter(action=AccessAction.REFUSED).count() >= 2


@pytest.mark.parametrize(
    ("parameter", "value", "since", "field", "words"),
    [
        (RATE, "forty", "2027-01-01", "value_0", "is a number (not negative), not &#x27;forty&#x27;"),
        (RATE, "-0.1", "2027-01-01", "value_0", "is a number (not negative)"),
        (RATE, "NaN", "2027-01-01", "value_0", "is a number (not negative), not &#x27;NaN&#x27;"),
        (RATE, "Infinity", "2027-01-01", "value_0", "is a number (not negative)"),
        (RATE, "4", "2027-01-01", "value_0", "4 is outside 0..1 (rate)"),
        (MONTHS, "1000", "2027-01-01", "value_0", "1000 is outside 0..120 (months)"),
        (MONTHS, "24.5", "2027-01-01", "value_0", "is a whole number, not 24.5"),
        (SWITCH, "maybe", "2027-01-01", "value_0", "is a switch (true or false), not &#x27;maybe&#x27;"),
        (RATE, "0.45", "01.01.2027", "since_0", "since must be a date (YYYY-MM-DD), not &#x27;01.01.2027&#x27;"),
        (RATE, "0.45", "1999-12-31", "since_0", "has no value before"),
        (RATE, "0.45" * 20, "2027-01-01", "value_0", "at most 40 characters"),
        (RATE, "1e-999999", "2027-01-01", "value_0", "takes at most 6 decimal places, not 1E-999999"),
        (RATE, "1e999999", "2027-01-01", "value_0", "1E+999999 is outside 0..1 (rate)"),
        (RATE, "0.45", "2027-02-30", "since_0", "not &#x27;2027-02-30&#x27;"),
        (
            "state_budget.birth_allowance.coefficient_mrp",
            "40",
            "2027-01-01",
            "value_0",
            "cannot be changed by a reform",
        ),
    ],
)
def test_a_bad_override_is_named_beside_its_field_and_nothing_is_saved(
    client: Client, parameter: str, value: str, since: str, field: str, words: str
) -> None:
    _analyst(client)
    response = _post(client, [parameter], [(value, since)])
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert words in page
    assert not SavedReform.objects.exists()


@pytest.mark.parametrize(
    ("parameters", "lang", "words"),
    [
        (["gfss.no_such"], "en", "The law has no parameter “gfss.no_such”"),
        ([RATE, "<b>"], "en", "The law has no parameter “&lt;b&gt;”"),
        ([RATE, "gfss.no_such"], "ru", "В законе нет параметра «gfss.no_such»"),
        ([RATE, "gfss.no_such"], "kk", "Заңда «gfss.no_such» параметрі жоқ"),
        ([RATE, MONTHS, RATE], "en", "Choose each parameter of the law at most once."),
        ([RATE, RATE], "ru", "Выбирайте каждый параметр закона не более одного раза."),
    ],
)
def test_an_unknown_parameter_is_named_and_one_asked_twice_is_refused_before_the_form(
    client: Client, parameters: list[str], lang: str, words: str
) -> None:
    _analyst(client)
    for response in (
        client.get(f"/{lang}/policy/builder/new/", {"parameter": parameters}),
        _post(client, parameters, [("0.45", "2027-01-01")] * len(parameters), lang=lang),
    ):
        assert response.status_code == 422
        page = response.content.decode()
        assert words in page
        assert 'data-testid="builder"' not in page  # no form for it: the problem links back to the chooser
    assert not SavedReform.objects.exists()


def test_a_title_with_the_marks_of_yaml_comes_back_from_the_file_as_written(client: Client) -> None:
    _analyst(client)
    odd = "Rate: 45% - [new] {kept} # not a comment & *no alias* 'quoted' \"too\""
    assert _post(client, [RATE], [("0,45", "2027-01-01")], title_en=odd, title_kk="<b>Қазақ</b>").status_code == 302
    saved = SavedReform.objects.get()
    assert saved.slug == "rate-45-new-kept-not-a-comment-no-alias-quoted-too"
    download = client.get(f"/en/policy/builder/{saved.pk}/reform.yaml").content.decode()
    assert yaml.safe_load(download)["title"]["en"] == odd
    assert yaml.safe_load(download)["changes"][0]["value"] == 0.45
    assert "&lt;b&gt;Қазақ&lt;/b&gt;" in client.get(f"/kk/policy/builder/{saved.pk}/").content.decode()


def test_the_problems_read_in_the_analysts_language(client: Client) -> None:
    _analyst(client)
    page = _post(client, [MONTHS], [("24.5", "2027-01-01")], lang="ru").content.decode()
    assert "целое число, а не 24.5" in page
    page = _post(client, [RATE], [("0.45", "1999-12-31")], lang="kk").content.decode()
    assert "өзгеріс одан ерте басталмайды" in page


def test_missing_texts_and_hostile_bodies_are_refused_without_a_500(client: Client) -> None:
    _analyst(client)
    assert _post(client, [RATE], [("0.45", "2027-01-01")], title_kk="").status_code == 422
    long = _post(client, [RATE], [("0.45", "2027-01-01")], description_en="x" * 3_000)
    assert long.status_code == 422
    assert 'id="id_description_en_error"' in long.content.decode()
    huge = _post(client, [RATE], [("0.45", "2027-01-01")], description_en="x" * 100_000)
    assert huge.status_code == 413  # over DATA_UPLOAD_MAX_MEMORY_SIZE: refused by Django before the view
    assert "Nothing was changed" in huge.content.decode()
    many = client.get(NEW, {"parameter": [f"p{i}" for i in range(200)]})
    assert many.status_code == 422
    assert "The law has no parameter “p0”" in many.content.decode()
    assert 'name="value_0"' not in many.content.decode()
    broken = client.post(NEW + f"?parameter={RATE}", b"--x\r\nbroken", content_type="multipart/form-data; boundary=x")
    assert broken.status_code in (400, 403, 422)
    assert client.get("/en/policy/builder/999999/").status_code == 404
    assert client.get("/en/policy/builder/99999999999999999999999/reform.yaml").status_code == 404
    for reform in ("saved-99999999999999999999999", "saved-x", "saved-"):
        assert client.post("/en/policy/", {"reform": reform, "size": "10000", "seed": "0"}).status_code in (404, 422)
    assert not SimulationRun.objects.exists()
    assert not SavedReform.objects.exists()


def test_a_saved_reform_the_law_no_longer_accepts_says_why_and_offers_no_run(client: Client) -> None:
    analyst = _analyst(client)
    _post(client, [RATE], [("0.45", "2027-01-01")])
    saved = SavedReform.objects.get(owner=analyst)
    saved.document = saved.document.replace(RATE, "gfss.childcare.renamed_rate")  # as if the law renamed it
    saved.save()
    page = client.get(f"/en/policy/builder/{saved.pk}/").content.decode()
    assert 'data-testid="reform-problems"' in page
    assert "<h1>Childcare at 45 percent</h1>" in page  # the kept title, though the file no longer reads
    assert "no parameter &#x27;gfss.childcare.renamed_rate&#x27; in the law" in page
    assert 'data-testid="run-saved"' not in page
    refused = client.post("/en/policy/", {"reform": f"saved-{saved.pk}", "size": "10000", "seed": "0"})
    assert refused.status_code == 422
    assert "no longer accepts this reform" in refused.content.decode()
    assert not SimulationRun.objects.exists()


def test_a_large_run_of_a_saved_reform_is_computed_in_the_queue_from_its_file(
    client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(services, "SYNCHRONOUS_UP_TO", 5_000)
    _analyst(client)
    _post(client, [MONTHS], [("24", "2025-01-01")], title_en="Two years")
    saved = SavedReform.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/policy/", {"reform": f"saved-{saved.pk}", "size": "10000", "seed": "0"})
    run = SimulationRun.objects.get()
    assert (run.status, run.saved_reform) == (RunStatus.DONE, saved)
    assert run.result["reform"]["id"] == "two-years"
    assert run.result["total"]["change"] > 0
    assert "Two years" in client.get(response["Location"]).content.decode()


def test_a_run_request_fetches_and_checks_its_saved_reform_once(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    _analyst(client)
    _post(client, [RATE], [("0.45", "2027-01-01")])
    saved = SavedReform.objects.get()
    checked: list[str] = []

    def counted_parse(*args: Any, **kwargs: Any) -> Any:
        checked.append(kwargs["source"])
        return parse(*args, **kwargs)

    monkeypatch.setattr(builder, "parse", counted_parse)
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/en/policy/", {"reform": f"saved-{saved.pk}", "size": "10000", "seed": "0"})
    assert response.status_code == 302
    fetched = [q["sql"] for q in queries.captured_queries if re.search(r'"policy_savedreform"\."id" = ', q["sql"])]
    assert len(fetched) == 1
    assert checked == [f"{saved.slug}.yaml"]


def test_a_new_reform_starts_from_a_saved_one_and_is_saved_as_another(client: Client) -> None:
    """A saved reform is never edited: its texts and changes fill the form of a new one, saved beside it."""
    _analyst(client)
    _post(client, [RATE, SWITCH], [("0.45", "2027-01-01"), ("false", "2026-07-01")])
    first = SavedReform.objects.get()
    page = client.get(f"/ru/policy/builder/{first.pk}/").content.decode()
    assert f'href="/ru/policy/builder/new/?from={first.pk}" data-testid="copy">Начать новую реформу с этой<' in page
    form = client.get(NEW, {"from": first.pk})
    assert form.status_code == 200
    html = form.content.decode()
    assert 'value="Childcare at 45 percent"' in html
    assert 'value="0.45"' in html
    assert re.search(r'<input type="radio" name="value_1" value="false"[^>]*checked', html)
    assert html.count('value="2027-01-01"') == 1
    assert html.count('value="2026-07-01"') == 1
    assert f'action="{NEW}?parameter={RATE}&amp;parameter={SWITCH}"' in html
    saved = _post(client, [RATE, SWITCH], [("0.5", "2027-01-01"), ("false", "2026-07-01")], title_en="At half")
    assert saved.status_code == 302
    assert SavedReform.objects.count() == 2
    assert "0.45" in SavedReform.objects.get(pk=first.pk).document  # the first one unchanged


def test_a_copy_leaves_out_a_parameter_the_law_no_longer_has_and_says_so(client: Client) -> None:
    analyst = _analyst(client)
    _post(client, [RATE, MONTHS], [("0.45", "2027-01-01"), ("24", "2027-01-01")])
    saved = SavedReform.objects.get(owner=analyst)
    saved.document = saved.document.replace(RATE, "gfss.childcare.renamed_rate")  # as if the law renamed it
    saved.save()
    assert 'data-testid="copy"' in client.get(f"/en/policy/builder/{saved.pk}/").content.decode()
    html = client.get("/kk/policy/builder/new/", {"from": saved.pk}).content.decode()
    assert re.search(r'data-testid="dropped">.*<code>gfss.childcare.renamed_rate</code>', html, re.DOTALL)
    assert 'name="value_0" value="24"' in html  # the change the law still has
    assert 'name="value_1"' not in html


@pytest.mark.parametrize("number", ["abc", "-1", "0", "١٢", "9" * 30, "999999"])
def test_a_copy_of_a_reform_that_is_not_hers_or_not_a_number_is_not_found_and_logged(
    client: Client, number: str
) -> None:
    owner = _analyst(client, username="owner")
    _post(client, [RATE], [("0.45", "2027-01-01")])
    mine = SavedReform.objects.get(owner=owner)
    _analyst(client, username="other")
    assert client.get(NEW, {"from": mine.pk}).status_code == 404
    assert client.get(NEW, {"from": number}).status_code == 404
    refused = AccessLog.objects.filter(record_type="policy.savedreform", action=AccessAction.REFUSED)
    assert refused.count() == 2
