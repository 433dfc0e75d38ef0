"""Copy each employee's unit and the status's urgency onto the stored compliance rows, so the
follow-up dashboards group and sort one table."""

import django.db.models.deletion
from django.db import migrations, models

URGENCY = ["overdue", "expired", "expiring", "not_started", "in_progress", "completed"]


def fill(apps, schema_editor):
    ComplianceStatus = apps.get_model("courses", "ComplianceStatus")
    Employee = apps.get_model("people", "Employee")
    units = dict(Employee.objects.values_list("pk", "org_unit_id"))
    rows = list(ComplianceStatus.objects.only("pk", "employee_id", "status"))
    for row in rows:
        row.org_unit_id = units[row.employee_id]
        row.urgency = URGENCY.index(row.status)
    ComplianceStatus.objects.bulk_update(rows, ["org_unit", "urgency"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_coordinators_lead_sessions"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="compliancestatus",
            name="org_unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.orgunit",
                verbose_name="enhet",
            ),
        ),
        migrations.AddField(
            model_name="compliancestatus",
            name="urgency",
            field=models.PositiveSmallIntegerField(
                editable=False, null=True, verbose_name="angelägenhet"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="compliancestatus",
            name="org_unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.orgunit",
                verbose_name="enhet",
            ),
        ),
        migrations.AlterField(
            model_name="compliancestatus",
            name="urgency",
            field=models.PositiveSmallIntegerField(editable=False, verbose_name="angelägenhet"),
        ),
        migrations.AddIndex(
            model_name="compliancestatus",
            index=models.Index(
                fields=["urgency", "due_date", "id"], name="compliance_most_urgent"
            ),
        ),
    ]
