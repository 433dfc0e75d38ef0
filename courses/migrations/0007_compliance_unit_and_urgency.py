"""Copy each employee's unit and roles and the status's urgency onto the stored compliance rows,
so the follow-up dashboards group and sort one table."""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models

URGENCY = ["overdue", "expired", "expiring", "not_started", "in_progress", "completed"]


def fill(apps, schema_editor):
    ComplianceStatus = apps.get_model("courses", "ComplianceStatus")
    Employee = apps.get_model("people", "Employee")
    units = dict(Employee.objects.values_list("pk", "org_unit_id"))
    roles = defaultdict(list)
    for employee_id, role_id in Employee.roles.through.objects.order_by("role_id").values_list(
        "employee_id", "role_id"
    ):
        roles[employee_id].append(role_id)
    rows = list(ComplianceStatus.objects.only("pk", "employee_id", "status"))
    for row in rows:
        row.org_unit_id = units[row.employee_id]
        row.role_ids = ",".join(map(str, roles[row.employee_id]))
        row.urgency = URGENCY.index(row.status)
    ComplianceStatus.objects.bulk_update(
        rows, ["org_unit", "role_ids", "urgency"], batch_size=2000
    )


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
        migrations.AddField(
            model_name="compliancestatus",
            name="role_ids",
            field=models.CharField(
                blank=True, editable=False, max_length=200, verbose_name="roller"
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
        migrations.AddIndex(
            model_name="compliancestatus",
            index=models.Index(
                fields=["org_unit", "course", "status"], name="compliance_by_unit"
            ),
        ),
        migrations.AddIndex(
            model_name="compliancestatus",
            index=models.Index(fields=["role_ids", "status"], name="compliance_by_roles"),
        ),
    ]
