"""The admin's "Schemalagda jobb": each job's schedule, last runs and next time; the workers;
background tasks that failed. Administrators, and HR to read (jobs.view_jobrun)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from jobs.models import JobRun, WorkerHeartbeat
from jobs.recovery import WORKER_DIED
from jobs.runner import is_stale
from jobs.schedule import jobs

PERMISSION = "jobs.view_jobrun"
RUNS_SHOWN = 5
FAILED_TASKS_DAYS = 7
FAILED_TASKS_SHOWN = 20


def next_due(job, runs_by_period, now):
    """When the job runs next: now if its current period has no run yet, else the next period."""
    period = job.period(now)
    if period is not None and period not in runs_by_period:
        return now
    return job.when.next_due(now)


class ScheduleView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "jobs/admin/schedule.html"
    page_title = _("Schemalagda jobb")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        configured = jobs()
        recent = {}
        for run in JobRun.objects.filter(job__in=[job.name for job in configured]).order_by(
            "-started_at"
        )[: RUNS_SHOWN * len(configured) * 4]:
            recent.setdefault(run.job, []).append(run)
        context["jobs"] = [
            {
                "job": job,
                "runs": [
                    {"run": run, "stale": is_stale(run, now)}
                    for run in recent.get(job.name, [])[:RUNS_SHOWN]
                ],
                "next_due": next_due(job, {r.period for r in recent.get(job.name, [])}, now),
            }
            for job in configured
        ]
        dead_after = timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS)
        context["workers"] = [
            {
                "worker": worker,
                "state": (
                    _("Stoppad")
                    if worker.stopped_at
                    else _("Aktiv")
                    if worker.seen_at >= now - dead_after
                    else _("Svarar inte")
                ),
            }
            for worker in WorkerHeartbeat.objects.filter(seen_at__gte=now - timedelta(days=1))
        ]
        tasks = DBTaskResult.objects.all()
        context["queued"] = tasks.filter(status=TaskResultStatus.READY).count()
        context["running"] = tasks.filter(status=TaskResultStatus.RUNNING).count()
        context["failed_tasks"] = [
            {
                "task": task,
                "worker_died": task.exception_class_path == WORKER_DIED,
                # The class only: a traceback can hold the task's arguments (an address).
                "error": task.exception_class_path.rsplit(".", 1)[-1],
            }
            for task in tasks.filter(
                status=TaskResultStatus.FAILED,
                finished_at__gte=now - timedelta(days=FAILED_TASKS_DAYS),
            ).order_by("-finished_at")[:FAILED_TASKS_SHOWN]
        ]
        context["failed_tasks_days"] = FAILED_TASKS_DAYS
        return context
