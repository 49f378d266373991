"""The access log gets who-asked columns and its hash chain; the guard also refuses DELETE and TRUNCATE.

The existing rows are chained in the order of their ids. On SQLite adding the columns rebuilds
the table, which drops its triggers: the guard is installed after the columns, and any later
migration that rebuilds this table must install it again (`kopir.accounts.log_guard.install`).
"""

from django.db import migrations, models

from kopir.accounts import access_chain, log_guard


def guard_and_chain(apps, schema_editor):  # type: ignore[no-untyped-def]
    log_guard.remove(schema_editor.connection)  # also the triggers of 0002 (same names)
    log_guard.install(schema_editor.connection)
    access_chain.seal(apps.get_model("accounts", "AccessLog"), schema_editor.connection.alias)


def unguard(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Back to 0002 leaves the log unguarded (SQLite rebuilds the table anyway): migrate forward again."""
    log_guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_access_log_append_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslog",
            name="address",
            field=models.GenericIPAddressField(blank=True, db_index=True, null=True, verbose_name="address"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="chain_position",
            field=models.PositiveBigIntegerField(null=True, unique=True, verbose_name="position in the chain"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="method",
            field=models.CharField(blank=True, default="", max_length=8, verbose_name="method"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="path",
            field=models.CharField(blank=True, default="", max_length=300, verbose_name="path"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="previous_hash",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="hash of the previous entry"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="role",
            field=models.CharField(blank=True, default="", max_length=16, verbose_name="role"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="row_hash",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="hash of this entry"),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(fields=["action", "at"], name="accesslog_action_at"),
        ),
        migrations.RunPython(guard_and_chain, unguard),
    ]
