"""The session models move here from courses: the same tables, now owned by this app.

Only Django's picture of the models changes (courses 0010 drops them from its picture): the
tables and their rows stay. The content types follow the models, so the permissions granted on
them (groups, Wagtail's group permissions) and the log entries about them keep pointing right.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ["coursesession", "booking", "attendance", "sessiontally"]


def move_content_types(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    taken = set(
        ContentType.objects.using(db)
        .filter(app_label=target, model__in=MODELS)
        .values_list("model", flat=True)
    )
    # A type created under the new label already (post_migrate ran before this) is left alone.
    ContentType.objects.using(db).filter(app_label=source, model__in=MODELS).exclude(
        model__in=taken
    ).update(app_label=target)


def forwards(apps, schema_editor):
    move_content_types(apps, schema_editor, source="courses", target="course_sessions")


def backwards(apps, schema_editor):
    move_content_types(apps, schema_editor, source="course_sessions", target="courses")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0009_fix_validity_help_text"),
        ("people", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="CourseSession",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("starts_at", models.DateTimeField(verbose_name="börjar")),
                ("ends_at", models.DateTimeField(verbose_name="slutar")),
                ("format", models.CharField(choices=[("online", "Digitalt"), ("on_site", "På plats")], max_length=10, verbose_name="form")),
                ("location", models.CharField(blank=True, max_length=200, verbose_name="plats")),
                ("meeting_url", models.URLField(blank=True, verbose_name="möteslänk")),
                ("capacity", models.PositiveSmallIntegerField(default=30, verbose_name="antal platser")),
                ("booking_deadline", models.DateTimeField(verbose_name="sista dag att boka")),
                ("status", models.CharField(choices=[("planned", "Planerat"), ("cancelled", "Inställt"), ("held", "Genomfört")], default="planned", max_length=10, verbose_name="status")),
                ("course", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="sessions", to="courses.coursepage", verbose_name="kurs")),
                ("leader", models.ForeignKey(blank=True, limit_choices_to=models.Q(("user__groups__name", "Kursansvarig")), null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="led_sessions", to="people.employee", verbose_name="kursledare")),
            ],
            options={
                "verbose_name": "kurstillfälle",
                "verbose_name_plural": "kurstillfällen",
                "db_table": "courses_coursesession",
                "ordering": ["starts_at"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("ends_at__gt", models.F("starts_at"))), name="session_ends_after_start"),
                    models.CheckConstraint(condition=models.Q(("booking_deadline__lte", models.F("starts_at"))), name="session_deadline_before_start"),
                    models.CheckConstraint(condition=models.Q(("capacity__gte", 1)), name="session_has_seats"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Booking",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(choices=[("confirmed", "Bokad"), ("waitlisted", "Väntelista"), ("cancelled", "Avbokad")], max_length=12, verbose_name="status")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="bokad")),
                ("cancelled_at", models.DateTimeField(blank=True, null=True, verbose_name="avbokad")),
                ("employee", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="bookings", to="people.employee", verbose_name="anställd")),
                ("session", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="bookings", to="course_sessions.coursesession", verbose_name="kurstillfälle")),
            ],
            options={
                "verbose_name": "bokning",
                "verbose_name_plural": "bokningar",
                "db_table": "courses_booking",
                "ordering": ["created_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("status", "cancelled"), _negated=True), fields=("session", "employee"), name="one_live_booking_per_session"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Attendance",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(choices=[("present", "Närvarande"), ("absent", "Frånvarande"), ("excused", "Anmält förhinder")], max_length=10, verbose_name="närvaro")),
                ("marked_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="registrerad")),
                ("employee", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="attendances", to="people.employee", verbose_name="anställd")),
                ("marked_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="registrerad av")),
                ("session", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="attendances", to="course_sessions.coursesession", verbose_name="kurstillfälle")),
            ],
            options={
                "verbose_name": "närvaro",
                "verbose_name_plural": "närvaro",
                "db_table": "courses_attendance",
                "indexes": [models.Index(fields=["employee", "status"], name="courses_att_employe_da5b71_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("session", "employee"), name="one_attendance_each"),
                ],
            },
        ),
        migrations.CreateModel(
            name="SessionTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role_ids", models.CharField(blank=True, max_length=200, verbose_name="roller")),
                ("booked", models.PositiveIntegerField(default=0, verbose_name="bokade")),
                ("no_shows", models.PositiveIntegerField(default=0, verbose_name="uteblev")),
                ("present", models.PositiveIntegerField(default=0, verbose_name="närvarande")),
                ("absent", models.PositiveIntegerField(default=0, verbose_name="frånvarande")),
                ("excused", models.PositiveIntegerField(default=0, verbose_name="anmält förhinder")),
                ("org_unit", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="people.orgunit", verbose_name="enhet")),
                ("session", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tallies", to="course_sessions.coursesession", verbose_name="kurstillfälle")),
            ],
            options={
                "verbose_name": "sammanräknad närvaro",
                "verbose_name_plural": "sammanräknad närvaro",
                "db_table": "courses_sessiontally",
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(forwards, backwards),
    ]
