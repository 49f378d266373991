"""The reform builder in a real browser, in kk, ru and en: an analyst chooses a parameter, types a value the
law refuses and sees why beside the field, fixes it, saves the reform, downloads its file and costs it,
then starts a new reform from the saved one; axe-core finds nothing on any of the builder's pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kopir.policy.models import SavedReform
from tests.browser.conftest import LANGUAGES, REPO, serious_violations
from tests.browser.test_policy_browser import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
RATE = "gfss.childcare.rate"
PHONE = {"width": 360, "height": 800}
DESK = {"width": 1024, "height": 800}
TEXTS = {
    "title_kk": "Бала күтімі 45%",
    "title_ru": "Уход за ребёнком 45%",
    "title_en": "Childcare at 45 percent",
    "description_kk": "Бала күтімі төлемі орташа табыстың 45%-ы.",
    "description_ru": "Выплата по уходу — 45% среднего дохода.",
    "description_en": "The childcare payment at 45% of the average income.",
}
REFUSED = {"kk": "аралығынан тыс", "ru": "вне диапазона", "en": "is outside"}
FIXED = {"kk": "0,45", "ru": "0,45", "en": "0.45"}


def _nothing_found_by_axe(page: Page, axe_source: str, name: str) -> None:
    """axe finds nothing at all (not only nothing serious), and the page does not scroll sideways on a phone."""
    assert serious_violations(page, axe_source, name) == []
    report = json.loads((REPO / "artifacts" / "axe" / f"{name}.json").read_text(encoding="utf-8"))
    assert [violation["id"] for violation in report["violations"]] == []
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    page.set_viewport_size(DESK)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_analyst_builds_fixes_saves_downloads_and_costs_a_reform(
    page: Page, axe_source: str, lang: str, screenshot: Callable[[str, str], Path], tmp_path: Path
) -> None:
    _sign_in(page, lang)
    page.goto(f"/{lang}/policy/builder/")
    assert page.locator("html").get_attribute("lang") == lang
    _nothing_found_by_axe(page, axe_source, f"builder-choose-{lang}")
    screenshot(lang, "builder-choose")
    page.locator(f'input[name="parameter"][value="{RATE}"]').check()
    page.locator('button[value="continue"]').click()

    for name, text in TEXTS.items():
        page.fill(f"#id_{name}", text)
    page.fill("#id_value_0", "4")
    page.fill("#id_since_0", "2027-01-01")
    page.locator('form[data-testid="builder"] button[type=submit]').click()
    expect(page.locator("#id_value_0_error")).to_contain_text(REFUSED[lang])
    expect(page.locator(".error-summary")).to_be_visible()
    assert not SavedReform.objects.exists()
    _nothing_found_by_axe(page, axe_source, f"builder-problem-{lang}")
    screenshot(lang, "builder-problem")

    page.fill("#id_value_0", FIXED[lang])
    page.locator('form[data-testid="builder"] button[type=submit]').click()
    expect(page.locator("h1")).to_have_text(TEXTS[f"title_{lang}"])
    expect(page.locator('[data-testid="new-value"]')).to_contain_text("45")
    _nothing_found_by_axe(page, axe_source, f"builder-saved-{lang}")
    screenshot(lang, "builder-saved")

    with page.expect_download() as caught:
        page.locator('[data-testid="download"]').click()
    download = caught.value
    assert download.suggested_filename == "childcare-at-45-percent.yaml"
    file = tmp_path / download.suggested_filename
    download.save_as(file)
    assert f"parameter: {RATE}" in file.read_text(encoding="utf-8")

    page.select_option('select[name="size"]', "10000")
    page.locator('form[data-testid="run-saved"] button[type=submit]').click()
    expect(page.locator('[data-testid="costs"]')).to_be_visible()
    expect(page.locator("h1")).to_have_text(TEXTS[f"title_{lang}"])
    screenshot(lang, "builder-run")

    saved = SavedReform.objects.get()
    page.goto(f"/{lang}/policy/builder/{saved.pk}/")
    page.locator('[data-testid="copy"]').click()
    expect(page.locator("#id_value_0")).to_have_value("0.45")  # as the file holds it
    expect(page.locator("#id_since_0")).to_have_value("2027-01-01")
    expect(page.locator(f"#id_title_{lang}")).to_have_value(TEXTS[f"title_{lang}"])
    _nothing_found_by_axe(page, axe_source, f"builder-copy-{lang}")
    page.fill("#id_value_0", "0.5")
    page.fill("#id_title_en", "Childcare at half")  # the file's name comes from it
    page.fill(f"#id_title_{lang}", "50%")  # the page's own title (the English one too, on the English page)
    page.locator('form[data-testid="builder"] button[type=submit]').click()
    expect(page.locator("h1")).to_have_text("50%")
    expect(page.locator('[data-testid="new-value"]')).to_contain_text("50")
    assert SavedReform.objects.count() == 2
    assert "0.45" in SavedReform.objects.get(pk=saved.pk).document  # the first one as it was
