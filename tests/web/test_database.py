"""The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL names it (scripts/test does both)."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_database_is_the_one_asked_for() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_a_record_survives_a_round_trip() -> None:
    user_model = get_user_model()
    user_model.objects.create_user(username="aigerim", password="x" * 12, role="analyst")
    assert user_model.objects.get(username="aigerim").check_password("x" * 12)
