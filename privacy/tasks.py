"""Background work for privacy: the daily retention run (scheduled daily, see README)."""

from datetime import date

from django_tasks import task

from privacy.retention import apply_retention


@task()
def apply_retention_task(day: str | None = None, dry_run: bool = False) -> dict[str, int]:
    run = apply_retention(date.fromisoformat(day) if day else None, dry_run=dry_run)
    return run.removed
