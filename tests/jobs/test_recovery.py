"""Tasks whose worker died are queued again, then failed; a failed task's file says so; the
worker (`db_worker`, ours) beats and recovers."""

from datetime import timedelta

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from certificates.models import CertificateExport
from jobs.models import WorkerHeartbeat
from jobs.recovery import WORKER_DIED, record_heartbeat, recover_abandoned_tasks
from reports.models import ReportBundle

pytestmark = pytest.mark.django_db


def left_running(task_path, args, *, worker_ids, minutes_ago=10):
    """A task a worker claimed and never finished, as a killed worker leaves it."""
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": args, "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=worker_ids,
    )


@pytest.fixture
def export(employee):
    return CertificateExport.objects.create(requested_by=employee.user, certificate_ids=[])


def test_our_worker_command_is_the_one_manage_py_runs():
    assert get_commands()["db_worker"] == "jobs"


def test_a_task_whose_worker_died_is_queued_again_once_then_failed_and_its_zip_too(
    export, settings
):
    settings.WORKER_TASK_MAX_ATTEMPTS = 2
    task = left_running("certificates.tasks.build_certificate_zip", [export.pk], worker_ids=["a"])
    assert recover_abandoned_tasks() == {"retried": 1, "failed": 0}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    export.refresh_from_db()
    assert export.state == CertificateExport.State.PENDING  # it will be built after all

    # A second worker claims it and dies too: that is enough.
    DBTaskResult.objects.filter(pk=task.pk).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=5),
        worker_ids=["a", "b"],
    )
    assert recover_abandoned_tasks() == {"retried": 0, "failed": 1}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == WORKER_DIED and task.finished_at is not None
    export.refresh_from_db()
    assert export.state == CertificateExport.State.FAILED
    assert export.get_state_display() != "Skapas"


def test_a_report_bundle_whose_task_failed_is_failed(employee, settings):
    settings.WORKER_TASK_MAX_ATTEMPTS = 1
    bundle = ReportBundle.objects.create(
        requested_by=employee.user,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        unit_ids=[],
    )
    left_running("reports.tasks.build_report_bundle", [bundle.pk], worker_ids=["gone"])
    assert recover_abandoned_tasks()["failed"] == 1
    bundle.refresh_from_db()
    assert bundle.state == ReportBundle.State.FAILED


def test_a_task_whose_worker_still_beats_is_left_running(export):
    record_heartbeat("alive", starting=True)
    task = left_running(
        "certificates.tasks.build_certificate_zip", [export.pk], worker_ids=["alive"]
    )
    assert recover_abandoned_tasks() == {"retried": 0, "failed": 0}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_task_just_claimed_is_given_the_grace_of_a_heartbeat(export):
    task = left_running(
        "certificates.tasks.build_certificate_zip", [export.pk], worker_ids=["new"], minutes_ago=0
    )
    assert recover_abandoned_tasks() == {"retried": 0, "failed": 0}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_worker_restarted_with_the_same_id_takes_back_what_it_left(export):
    """A fixed --worker-id: its new heartbeat must not keep the old process's task alive."""
    record_heartbeat("worker-1", starting=True)
    task = left_running(
        "certificates.tasks.build_certificate_zip",
        [export.pk],
        worker_ids=["worker-1"],
        minutes_ago=0,
    )
    assert recover_abandoned_tasks(restarted_worker="worker-1")["retried"] == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_a_task_that_raised_before_building_fails_its_file(export):
    """A task can fail before `build` (which marks its own failures): here the site is
    missing. The worker records the failure, and the `task_failed` hook marks the file."""
    from wagtail.models import Site

    from certificates.tasks import build_certificate_zip

    Site.objects.all().delete()
    result = build_certificate_zip.enqueue(export.pk)
    assert result.status == TaskResultStatus.FAILED
    export.refresh_from_db()
    assert export.state == CertificateExport.State.FAILED


# The worker's loop closes connections left in a transaction, as it must between tasks: on
# PostgreSQL that would end the test's own transaction, so these commit for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_beats_and_says_when_it_stops(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", "w-test", verbosity=0)
    beat = WorkerHeartbeat.objects.get(worker_id="w-test")
    assert beat.stopped_at is not None and beat.seen_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_that_loses_the_database_starts_its_loop_again(settings, monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.management.commands.db_worker import Command as LibraryWorkerCommand

    from jobs.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    library_handle = LibraryWorkerCommand.handle
    runs = []

    def cut_once(self, *args, **options):
        runs.append(options["worker_id"])
        if len(runs) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return library_handle(self, *args, **options)

    monkeypatch.setattr(LibraryWorkerCommand, "handle", cut_once)
    monkeypatch.setattr(db_worker.time, "sleep", lambda seconds: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", "w-cut", verbosity=0)
    # Started again after the cut, instead of exiting and losing the task it had in hand.
    assert runs == ["w-cut", "w-cut"]
    assert WorkerHeartbeat.objects.get(worker_id="w-cut").stopped_at is not None
