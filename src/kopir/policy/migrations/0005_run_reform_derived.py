"""A run's reform is its shipped reform's id or its link to a saved reform, never both (decision 0040).

The column ``reform_id`` becomes ``shipped_reform``; a run of a saved reform held ``saved-<n>`` there
beside its link, so that copy is emptied (and written back if the migration is reversed).
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SAVED_PREFIX = "saved-"


def saved_copies_emptied(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    runs = apps.get_model("policy", "SimulationRun")
    runs.objects.filter(saved_reform__isnull=False).update(shipped_reform="")


def saved_copies_written(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    runs = apps.get_model("policy", "SimulationRun")
    for run in runs.objects.filter(saved_reform__isnull=False).only("pk", "saved_reform_id"):
        runs.objects.filter(pk=run.pk).update(shipped_reform=f"{SAVED_PREFIX}{run.saved_reform_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0004_saved_reform"),
    ]

    operations = [
        migrations.RenameField(model_name="simulationrun", old_name="reform_id", new_name="shipped_reform"),
        migrations.AlterField(
            model_name="simulationrun",
            name="shipped_reform",
            field=models.CharField(blank=True, max_length=64, verbose_name="shipped reform"),
        ),
        migrations.RunPython(saved_copies_emptied, saved_copies_written),
        migrations.AddConstraint(
            model_name="simulationrun",
            constraint=models.CheckConstraint(
                condition=models.Q(("saved_reform__isnull", True), models.Q(("shipped_reform", ""), _negated=True))
                | models.Q(("saved_reform__isnull", False), ("shipped_reform", "")),
                name="policy_run_one_reform",
            ),
        ),
    ]
