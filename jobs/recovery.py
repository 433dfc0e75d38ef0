"""Tasks whose worker died, and telling the apps when a task of theirs failed.

django-tasks-db (0.13) claims a task by setting it RUNNING and never looks at it again: a worker
killed mid-task (SIGKILL, out of memory, a lost machine) leaves it RUNNING for ever, and the
file it was building "Skapas" until it is pruned. Our workers beat (`WorkerHeartbeat`); a
RUNNING task whose worker has not beaten for WORKER_DEAD_AFTER_SECONDS is put back in the queue
(at most WORKER_TASK_MAX_ATTEMPTS runs in all, counted by the workers that claimed it) or
marked failed. Either way the change is a conditional UPDATE, so two workers recovering at the
same moment act once.
"""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult
from wagtail import hooks

from jobs.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

WORKER_DIED = "jobs.recovery.WorkerDied"


class WorkerDied(Exception):
    """The worker running the task stopped beating before the task finished."""


def record_heartbeat(worker_id: str, *, starting: bool = False, stopped: bool = False) -> None:
    """The worker is alive now (or, with `stopped`, has just stopped on its own)."""
    now = timezone.now()
    defaults = {"seen_at": now, "stopped_at": now if stopped else None}
    if starting:
        # A worker given a fixed --worker-id may be the same id restarted on another process.
        defaults.update(started_at=now, host=socket.gethostname()[:255], pid=os.getpid())
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults=defaults,
        create_defaults={**defaults, "started_at": now},
    )


def live_workers(now=None):
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS)
    return WorkerHeartbeat.objects.filter(seen_at__gte=limit, stopped_at__isnull=True)


def recover_abandoned_tasks(now=None, *, restarted_worker: str | None = None) -> dict[str, int]:
    """Requeue or fail every RUNNING task whose worker is gone. Returns the counts.

    `restarted_worker` is a worker id that is starting again (a fixed --worker-id): whatever
    it left running belongs to its previous, dead, process.
    """
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.WORKER_DEAD_AFTER_SECONDS)
    alive = set(live_workers(now).values_list("worker_id", flat=True)) - {restarted_worker}
    counts = {"retried": 0, "failed": 0}
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for task in running:
        worker = task.worker_ids[-1] if task.worker_ids else None
        if worker in alive:
            continue
        # A task younger than the grace is left alone: a worker writes its row before it
        # claims anything, so a young task's worker is alive unless it is restarting now.
        young = task.started_at is not None and task.started_at >= limit
        if young and worker != restarted_worker:
            continue
        same = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if len(task.worker_ids) < settings.WORKER_TASK_MAX_ATTEMPTS:
            if same.update(status=TaskResultStatus.READY):
                counts["retried"] += 1
                logger.warning(
                    "Task %s (%s): its worker died; queued again", task.pk, task.task_path
                )
            continue
        message = (
            f"{WORKER_DIED}: the worker ({worker}) stopped before the task finished, "
            f"{len(task.worker_ids)} time(s); not tried again."
        )
        if same.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=WORKER_DIED,
            traceback=message,
            return_value=None,
        ):
            counts["failed"] += 1
            logger.error("Task %s (%s): %s", task.pk, task.task_path, message)
            task.refresh_from_db()
            try:
                result = task.task_result
            except Exception:  # the task's code is gone: nobody to tell
                logger.exception("Task %s: cannot rebuild its result", task.pk)
                continue
            task_finished.send(sender=type(result.task.get_backend()), task_result=result)
    return counts


def announce_failed_task(sender, task_result, **kwargs) -> None:
    """A task failed (it raised, or its worker died): tell the `task_failed` hooks.

    Hook functions take `task_path`, `args` and `kwargs`, and act only on their own tasks, e.g.
    marking the ZIP the task was building failed, so its requester is not left waiting.
    """
    if task_result.status != TaskResultStatus.FAILED:
        return
    task_path = task_result.task.module_path
    for hook in hooks.get_hooks("task_failed"):
        try:
            hook(task_path=task_path, args=list(task_result.args), kwargs=dict(task_result.kwargs))
        except Exception:
            logger.exception("task_failed hook %r failed for %s", hook, task_path)
