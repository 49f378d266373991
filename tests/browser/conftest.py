"""Browser fixtures: Django's live server, Debian's Chromium driven by Playwright (sync API), screenshots.

The browser is ``/usr/bin/chromium`` from Debian (``scripts/install-browser``), never one downloaded by
``playwright install``: CI reaches only PyPI, Debian and npm. A missing browser fails the tests, it does
not skip them. See docs/decisions/0005-browser-tests.md.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

REPO = Path(__file__).resolve().parent.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # without these Chromium keeps calling Google's services, which the closed network refuses
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LANGUAGES = ["kk", "ru", "en"]
CSP_REPORT = "Content Security Policy"  # in Chromium's console message for every violation
TIMEOUT_MS = 15_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
INSTALL_HINT = "run `scripts/install-browser` (as root) to install it"

# The example of the brief and of tests/calculator/test_views.py: an employee, a birth, average 300 000 ₸.
EXAMPLE = {
    "employment": "employee",
    "event_type": "birth",
    "leave_start": "2025-05-01",
    "birth_date": "2025-07-08",
    "children": "1",
    "previous_children": "0",
    "income_form": "average_so_base",
    "average_so_base": "300000",
}


def spaces(text: str) -> str:
    """The text with no-break and narrow no-break spaces (thousand separators) as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").strip()


def words(lang: str, message: str) -> str:
    """`message` as the site's catalogues give it in `lang`; in kk and ru it must have a translation.

    A journey asserts a page's words in the language asked for, not only its status: a heading or a
    button left in English in kk or ru then fails the test instead of passing unseen.
    """
    with translation.override(lang):
        text = translation.gettext(message)
    assert lang == "en" or text != message, f"{message!r} has no {lang} translation in the catalogue"
    return text


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium per test module; a missing browser is a broken environment, not a skip.

    Playwright's sync API keeps an asyncio loop running in the main thread (on greenlets), which Django's
    guard against database calls from async code mistakes for one: the guard is lifted while the browser
    lives (DJANGO_ALLOW_ASYNC_UNSAFE, the usual remedy) and put back after the module's tests.
    """
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium; {INSTALL_HINT}.", pytrace=False)
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh browser context (no cookies) and one page per test, addressed relative to the live server.

    Chromium reports every Content-Security-Policy violation to the console; any one fails the test
    (issue 12: the pages need no inline script or style).
    """
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, locale="en-US", viewport={"width": 1024, "height": 800}
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda message: violations.append(message.text) if CSP_REPORT in message.text else None)
    yield tab
    context.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def axe_source() -> str:
    """axe-core's script (npm, pinned by package-lock.json)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(REPO)} is missing: the accessibility tests need axe-core; {INSTALL_HINT}.")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def screenshot(page: Page, request: pytest.FixtureRequest) -> Callable[[str, str], Path]:
    """``screenshot(lang, step)`` saves the full page as artifacts/screenshots/<test>-<lang>-<step>.png."""
    test = re.sub(r"^test_", "", request.node.originalname)

    def take(lang: str, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{test}-{lang}-{step}.png"
        # From the top: a full-page capture of a page scrolled down can leave Chromium's scroll position
        # out of step with what it paints, and the next click then misses (seen with Chromium 156).
        position = page.evaluate("[window.scrollX, window.scrollY]")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(path), full_page=True)
        page.evaluate("([x, y]) => window.scrollTo(x, y)", position)
        return path

    return take


def fill_form(page: Page, answers: dict[str, str]) -> None:
    """Answers the calculator's questions as a person would: click the radios and boxes, type in the fields."""
    form = page.locator("main form").first
    for name, value in answers.items():
        field = form.locator(f'[name="{name}"]')
        kind = field.first.get_attribute("type")
        if kind == "radio":
            form.locator(f'input[name="{name}"][value="{value}"]').check()
        elif kind == "checkbox":
            field.set_checked(value == "on")
        else:
            field.fill(value)


AXE_REPORTS = REPO / "artifacts" / "axe"
RUN_AXE_VIOLATIONS = "() => axe.run(document, {resultTypes: ['violations']})"


def serious_violations(page: Page, axe_source: str, name: str) -> list[str]:
    """axe-core's serious and critical findings on the page (its report kept in artifacts/axe/NAME.json)."""
    page.evaluate(axe_source)  # through the DevTools protocol: an inline <script> would break the page's CSP
    report: dict[str, Any] = page.evaluate(RUN_AXE_VIOLATIONS)
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return [
        f"{v['impact']} {v['id']}: {v['help']}" for v in report["violations"] if v["impact"] in {"serious", "critical"}
    ]
