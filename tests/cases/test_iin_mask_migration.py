"""Existing employees are masked again to the last four digits of their IIN (issue 12, point 8)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kopir.cases.models import Employee
from kopir.cases.protection import encrypt_iin, link_digest
from tests.cases.builders import fresh_iin, make_body, make_position

BEFORE, AFTER = ("cases", "0004_records_exchange"), ("cases", "0005_iin_masked_last_four")


@pytest.mark.django_db(transaction=True)
def test_the_stored_masks_show_the_last_four_digits_only() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps.get_model("cases", "Employee")
    body = make_body("OLD")
    position = make_position(body)
    iins = [fresh_iin(date(1990, 5, 15)), fresh_iin(date(1985, 1, 2), "male")]
    for number, iin in enumerate(iins):
        old.objects.create(
            body_id=body.pk,
            position_id=position.pk,
            ref=f"R-{number}",
            sex="female",
            birth_date=date(1990, 5, 15),
            iin_encrypted=encrypt_iin(iin),
            iin_digest=link_digest(iin),
            iin_masked=f"{iin[:6]}*****{iin[-1]}",  # the form stored before issue 12
            hired_on=date(2015, 1, 1),
        )
    executor = MigrationExecutor(connection)
    executor.migrate([AFTER])
    masks = dict(Employee.objects.values_list("iin_digest", "iin_masked"))
    assert masks == {link_digest(iin): "********" + iin[-4:] for iin in iins}
