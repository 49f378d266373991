"""The strict Content-Security-Policy holds in a real browser: the API's Swagger UI and the admin still work.

The `page` fixture fails a test on any CSP violation Chromium reports (tests/browser/conftest.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_swagger_ui_runs_under_the_policy(page: Page) -> None:
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Kopir API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/calculations").first.wait_for()


def test_a_refused_page_and_the_sign_in_page_run_under_the_policy(page: Page) -> None:
    page.goto("/en/hr/")
    assert "/en/accounts/login/" in page.url
    page.locator("input[name=username]").wait_for()
    page.goto("/admin/login/")
    page.locator("input[name=username]").wait_for()
