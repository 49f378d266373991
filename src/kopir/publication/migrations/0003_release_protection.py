"""Which tables a release could only publish coarser, or withheld (metadata ``protection``).

On SQLite, Django adds the column by rebuilding the table, which drops its triggers: the
no-update trigger of 0002 is created again here, after the rebuild.
"""

from django.db import migrations, models

from kopir.publication.migrations import _triggers


class Migration(migrations.Migration):
    dependencies = [("publication", "0002_release_immutable")]

    operations = [
        migrations.AddField(
            model_name="release",
            name="protection",
            field=models.JSONField(default=dict, verbose_name="tables coarsened or withheld"),
        ),
        migrations.RunPython(_triggers.recreate_on_sqlite, migrations.RunPython.noop),
    ]
