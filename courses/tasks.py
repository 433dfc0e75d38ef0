"""Background work for courses: the compliance recompute and the daily reminder run."""

from datetime import date

from django_tasks import task

from courses.compliance import recompute_compliance
from courses.reminders import send_reminders


@task()
def recompute_compliance_task() -> int:
    return recompute_compliance()


@task()
def send_reminders_task(day: str | None = None) -> dict[str, int]:
    return send_reminders(today=date.fromisoformat(day) if day else None)
