"""The scheduled jobs' functions (vaksam/schedule.py): each takes the day it runs for and
returns counts for the admin's "Schemalagda jobb" page. Thin: the work is in the apps.
"""

from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import DraftStateMixin, Page, Revision

from courses.reminders import send_reminders as send_daily_reminders
from files.models import prune_expired_files
from jobs.models import JobRun, WorkerHeartbeat
from privacy.retention import apply_retention as apply_daily_retention


def _today_or(day: date) -> date | None:
    # Today's run counts from now; a given earlier day from its start (as the commands do).
    return None if day == timezone.localdate() else day


def send_reminders(day: date) -> dict[str, int]:
    return send_daily_reminders(today=day)


def apply_retention(day: date) -> dict[str, int]:
    return dict(apply_daily_retention(_today_or(day)).removed)


def publish_scheduled(day: date) -> dict[str, int]:
    """Wagtail's `publish_scheduled`, counting what it will publish and unpublish first."""
    now = timezone.now()
    models = [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]
    result = {
        "unpublished": sum(
            model.objects.filter(live=True, expire_at__lt=now).count() for model in models
        ),
        "published": Revision.objects.filter(approved_go_live_at__lt=now).count(),
    }
    call_command("publish_scheduled", verbosity=0)
    return result


def prune_files(day: date) -> dict[str, int]:
    """Every kind of generated private file past its own retention (files.models)."""
    return {"files": prune_expired_files()}


def prune_task_results(day: date) -> dict[str, int]:
    """Finished background tasks (their arguments may hold an address), old runs and workers."""
    now = timezone.now()
    tasks, _ = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=now - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS))
        .delete()
    )
    runs, _ = JobRun.objects.filter(
        started_at__lt=now - timedelta(days=settings.JOB_RUN_RETENTION_DAYS)
    ).delete()
    workers, _ = WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=7)).delete()
    return {"tasks": tasks, "job_runs": runs, "workers": workers}
