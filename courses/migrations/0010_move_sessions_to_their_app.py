"""The session models now belong to the sessions app (course_sessions 0001): courses forgets
them without touching their tables, which the other app now owns."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_fix_validity_help_text"),
        ("course_sessions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SessionTally"),
                migrations.DeleteModel(name="Attendance"),
                migrations.DeleteModel(name="Booking"),
                migrations.DeleteModel(name="CourseSession"),
            ]
        )
    ]
