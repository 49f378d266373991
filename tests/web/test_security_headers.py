"""Every answer carries the security headers, and no page needs inline script or style (issue 12, point 8)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.accounts.signing_in import sign_in
from tests.cases.conftest import world  # noqa: F401 - the shared world of the access tests
from tests.conftest import CONTRACT_EXAMPLE, REPO
from tests.web.test_settings import SECRET

# a <script> that runs and has no src; JSON data islands (type="application/json") do not run
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def assert_protected(answer: Any) -> None:
    """The headers of one answer: CSP without inline script or style, Referrer- and Permissions-Policy."""
    csp = _directives(answer["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert answer["Referrer-Policy"] == "same-origin"
    assert "camera=()" in answer["Permissions-Policy"]
    assert "geolocation=()" in answer["Permissions-Policy"]
    if answer.get("Content-Type", "").startswith("text/html"):
        page = answer.content.decode()
        assert INLINE_SCRIPT.findall(page) == []
        assert INLINE_STYLE.findall(page) == []
    if answer.streaming:
        b"".join(answer.streaming_content)  # read to the end, the test client closes the file (a static one)


@pytest.mark.django_db
def test_every_page_and_api_answer_carries_the_headers(client: Client, world: dict[str, Any]) -> None:  # noqa: F811
    administrator = world["users"]["administrator"]
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    episode, employee = world["episodes"]["colleague"], world["employees"]["colleague"]
    anonymous = [
        "/en/",
        "/kk/",
        "/ru/statistics/methodology/",
        "/en/statistics/",
        "/en/hr/",  # a redirect to sign in
        "/en/accounts/login/",
        "/api/v1/docs",
        "/api/v1/openapi.json",
        "/api/v1/employees",  # 401
        "/en/no-such-page/",  # 404
        "/static/kopir/site.css",
    ]
    for path in anonymous:
        assert_protected(client.get(path))
    assert_protected(client.post("/api/v1/calculations", CONTRACT_EXAMPLE, content_type="application/json"))
    sign_in(client, administrator)
    signed_in = [
        "/en/hr/",
        f"/en/hr/employees/{employee.pk}/",
        f"/en/hr/episodes/{episode.pk}/",
        f"/en/hr/episodes/{episode.pk}/return-plan/",
        "/en/analysis/indicators/",
        "/en/policy/",
        "/admin/",
        "/admin/accounts/accesslog/",
        f"/api/v1/episodes/{episode.pk}",
    ]
    for path in signed_in:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert_protected(answer)
    sign_in(client, world["users"]["analyst"])
    assert_protected(client.get("/en/hr/"))  # 403


def test_the_production_settings_send_the_headers(tmp_path: Path) -> None:
    """The same headers from the production settings, over HTTPS as they serve (a real process)."""
    script = (
        "from django.core.management import call_command\n"
        "from django.test import Client\n"
        "import json\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
        "answers = {}\n"
        "for path in ('/en/', '/api/v1/openapi.json'):\n"
        "    a = Client(HTTP_HOST='kopir.example.kz').get(path, secure=True)\n"
        "    answers[path] = {k: a.get(k) for k in ('Content-Security-Policy', 'Referrer-Policy',\n"
        "        'Permissions-Policy', 'Strict-Transport-Security')} | {'status': a.status_code}\n"
        "print(json.dumps(answers))\n"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(REPO / "manage.py"), "shell", "-c", script],
        env=environment
        | {
            "DJANGO_SETTINGS_MODULE": "kopir.web.settings.production",
            "DJANGO_SECRET_KEY": SECRET,
            "DJANGO_ALLOWED_HOSTS": "kopir.example.kz",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "KOPIR_FIELD_KEY": SECRET,
            "KOPIR_LINK_KEY": SECRET[::-1],
            "REDIS_URL": "redis://127.0.0.1:6379/3",
            "KOPIR_VAR_DIR": str(tmp_path / "var"),
        },
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    for path, headers in answers.items():
        assert headers["status"] == 200, path
        assert _directives(headers["Content-Security-Policy"])["script-src"] == ["'self'"]
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
