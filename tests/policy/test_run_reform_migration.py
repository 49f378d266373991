"""A run names its reform once (decision 0040): a shipped reform's id, or its link to a saved reform.

Runs kept before the change held ``saved-<n>`` beside the link; the migration empties that copy (and
writes it back when reversed), and the database refuses a run with both or neither.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from kopir.accounts.models import Role
from kopir.policy.models import SavedReform, SimulationRun
from tests.cases.builders import make_user

BEFORE, AFTER = ("policy", "0004_saved_reform"), ("policy", "0005_run_reform_derived")
TEXTS = {f"{kind}_{lang}": "x" for kind in ("title", "description") for lang in ("kk", "ru", "en")}


def _migrated(target: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_saved_reforms_run_keeps_its_link_and_loses_the_copy_of_its_id() -> None:
    executor = _migrated(BEFORE)
    apps = executor.loader.project_state([BEFORE]).apps
    old_run, old_saved = apps.get_model("policy", "SimulationRun"), apps.get_model("policy", "SavedReform")
    analyst = make_user(Role.ANALYST)
    saved = old_saved.objects.create(owner_id=analyst.pk, slug="mine", document="id: mine", **TEXTS)
    common = {"actor_id": analyst.pk, "size": 10_000, "seed": 0}
    of_saved = old_run.objects.create(reform_id=f"saved-{saved.pk}", saved_reform_id=saved.pk, **common)
    shipped = old_run.objects.create(reform_id="nursery-subsidy", **common)

    _migrated(AFTER)
    runs = SimulationRun.objects.in_bulk([of_saved.pk, shipped.pk])
    assert (runs[of_saved.pk].shipped_reform, runs[of_saved.pk].reform_id) == ("", f"saved-{saved.pk}")
    assert (runs[shipped.pk].shipped_reform, runs[shipped.pk].reform_id) == ("nursery-subsidy", "nursery-subsidy")

    executor = _migrated(BEFORE)
    old_run = executor.loader.project_state([BEFORE]).apps.get_model("policy", "SimulationRun")
    assert old_run.objects.get(pk=of_saved.pk).reform_id == f"saved-{saved.pk}"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_a_run_with_both_a_shipped_and_a_saved_reform_or_neither_is_refused() -> None:
    analyst = make_user(Role.ANALYST)
    saved = SavedReform.objects.create(owner=analyst, slug="mine", document="id: mine", **TEXTS)
    common = {"actor": analyst, "size": 10_000, "seed": 0}
    for reform in ({"shipped_reform": "nursery-subsidy", "saved_reform": saved}, {"shipped_reform": ""}):
        with pytest.raises(IntegrityError), transaction.atomic():
            SimulationRun.objects.create(**common, **reform)
    assert str(SimulationRun.objects.create(**common, saved_reform=saved)) == f"saved-{saved.pk} (10000, seed 0)"
