"""The masked IIN shows its last four digits only (issue 12): existing rows are masked again.

The stored mask ("900515*****0") no longer holds the digits the new one needs, so each IIN is
decrypted with the field key (``KOPIR_FIELD_KEY``) and masked afresh. A row that does not
decrypt stops the migration: it means the key is not the one the data was written with.
"""

from django.db import migrations

from kopir.cases.protection import decrypt_iin
from kopir.reference import validate_iin

BATCH = 2000


def mask_last_four(apps, schema_editor):  # type: ignore[no-untyped-def]
    employee_model = apps.get_model("cases", "Employee")
    employees = employee_model.objects.using(schema_editor.connection.alias)
    changed = []
    for employee in employees.only("pk", "iin_encrypted", "iin_masked").iterator(chunk_size=BATCH):
        masked = validate_iin(decrypt_iin(employee.iin_encrypted)).masked
        if employee.iin_masked != masked:
            employee.iin_masked = masked
            changed.append(employee)
        if len(changed) >= BATCH:
            employees.bulk_update(changed, ["iin_masked"])
            changed = []
    employees.bulk_update(changed, ["iin_masked"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_records_exchange")]

    operations = [migrations.RunPython(mask_last_four, migrations.RunPython.noop)]
