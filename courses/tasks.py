"""Background work for courses: the daily reminder run."""

from datetime import date

from django_tasks import task

from courses.reminders import send_reminders


@task()
def send_reminders_task(day: str | None = None) -> dict[str, int]:
    return send_reminders(today=date.fromisoformat(day) if day else None)
