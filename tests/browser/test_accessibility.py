"""axe-core on the calculator's pages in each language: no serious or critical violation.

The form, the form with errors, and the result page with every <details> open (axe skips what is not
shown), as a browser renders them: styles applied, so colour contrast is checked too. Minor and moderate
findings are printed (``pytest -s``) and every report is kept in artifacts/axe/<page>-<lang>.json.

The pages run no JavaScript, so an ARIA id reference axe leaves "to review" (the element might be added
later by a script) is final here: those count as violations. And every <label for> must name its visible
field, which axe does not check when an id is repeated (a hidden input took the label once).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import EXAMPLE, LANGUAGES, REPO, fill_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTS = REPO / "artifacts" / "axe"
BLOCKING = {"serious", "critical"}
PAGES = {
    "form": None,
    "errors": EXAMPLE | {"children": "0", "average_so_base": "", "monthly": "2025-13 1000"},
    "result": EXAMPLE,
}
# Rules whose "needs review" can only mean "broken" on pages without scripts.
ARIA_REFERENCES = {"aria-valid-attr-value", "duplicate-id-aria"}
RUN_AXE = "() => axe.run(document, {resultTypes: ['violations', 'incomplete']})"
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach((details) => { details.open = true; })"
LABELS_OF_NOTHING = """() => [...document.querySelectorAll('label[for]')]
    .filter((label) => !label.control || label.control.type === 'hidden').map((label) => label.htmlFor)"""


def _describe(violation: dict[str, Any]) -> str:
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} ({len(violation['nodes'])}×: {targets})"


def _open(page: Page, lang: str, name: str) -> None:
    page.goto(f"/{lang}/")
    answers = PAGES[name]
    if answers is None:
        return
    fill_form(page, answers)
    page.locator("main form button[type=submit]").click()
    page.locator(".error-summary" if name == "errors" else "[data-testid=total-net]").wait_for()


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_or_critical_violations(page: Page, axe_source: str, lang: str, name: str) -> None:
    _open(page, lang, name)
    assert page.locator("html").get_attribute("lang") == lang
    page.evaluate(OPEN_DETAILS)
    unlabelled = page.evaluate(LABELS_OF_NOTHING)
    assert not unlabelled, f"<label for> naming no visible field: {unlabelled}"
    page.evaluate(axe_source)  # through the DevTools protocol: an inline <script> would break the page's CSP
    report = page.evaluate(RUN_AXE)
    violations: list[dict[str, Any]] = report["violations"]
    violations += [finding for finding in report["incomplete"] if finding["id"] in ARIA_REFERENCES]

    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}-{lang}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    blocking = [_describe(v) for v in violations if v["impact"] in BLOCKING]
    for other in violations:
        if other["impact"] not in BLOCKING:
            print(f"axe {name} {lang}: {_describe(other)}")  # noqa: T201 - reported, not failed
    for review in report["incomplete"]:
        if review["id"] not in ARIA_REFERENCES:
            print(f"axe {name} {lang}, to review: {_describe(review)}")  # noqa: T201
    assert not blocking, "\n".join(blocking)
