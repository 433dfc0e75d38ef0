"""Scheduled jobs run once per period: however many schedulers start them, a dead run is taken
over, a failed one is tried again after a pause, and the periods fall where the schedule says."""

import threading
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection
from django.utils import timezone

from jobs import runner
from jobs.models import JobRun
from jobs.schedule import Daily, Every, Job, jobs

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CALLS: list = []


def record_call(day):
    """A job function: counts its calls (the test's proof of how many times it ran)."""
    CALLS.append(day)
    return {"day": day, "done": 1}


def slow_call(day):
    CALLS.append(day)
    threading.Event().wait(0.3)  # both threads are inside claim/execute at once
    return {"done": 1}


def failing_call(day):
    CALLS.append(day)
    raise RuntimeError("the mail server is away")


TEST_JOBS = [
    Job("counted", "tests.jobs.test_schedule.record_call", Daily(at=time(6, 0))),
    Job("slow", "tests.jobs.test_schedule.slow_call", Daily(at=time(0, 0))),
    Job("failing", "tests.jobs.test_schedule.failing_call", Every(minutes=5)),
]


@pytest.fixture(autouse=True)
def _test_schedule(settings):
    settings.SCHEDULE = "tests.jobs.test_schedule.TEST_JOBS"
    CALLS.clear()
    yield
    CALLS.clear()


def job(name):
    return next(job for job in jobs() if job.name == name)


def at(hour, minute=0, day=15, month=1):
    return datetime(2030, month, day, hour, minute, tzinfo=STOCKHOLM)


def test_the_configured_schedule_names_importable_functions(settings):
    """The real list (vaksam/schedule.py): every job's function exists, names are unique."""
    settings.SCHEDULE = "vaksam.schedule.JOBS"
    configured = jobs()
    assert {job.name for job in configured} >= {
        "send_reminders",
        "apply_retention",
        "publish_scheduled",
        "prune_files",
    }
    for configured_job in configured:
        assert callable(configured_job.function)


def test_a_daily_job_is_due_from_its_time_until_midnight_stockholm_time():
    daily = Daily(at=time(6, 0))
    assert daily.period(at(5, 59)) is None
    assert daily.period(at(6, 0)) == "2030-01-15"
    assert daily.period(at(23, 59)) == "2030-01-15"
    # 05:30 UTC on a summer day is 07:30 in Stockholm: due, and the Stockholm date counts.
    assert daily.period(datetime(2030, 7, 1, 4, 30, tzinfo=UTC)) == "2030-07-01"
    assert daily.next_due(at(5)) == at(6)
    assert daily.next_due(at(7)) == at(6, day=16)


def test_an_interval_job_has_one_period_per_slot():
    every = Every(minutes=5)
    assert every.period(at(10, 0)) == every.period(at(10, 4)) != every.period(at(10, 5))
    assert every.period(at(10, 7)) == "2030-01-15T09:05Z"
    assert every.next_due(at(10, 7)) == at(10, 10)


def test_a_job_started_twice_runs_once(db):
    now = at(7)
    first = runner.run_once(job("counted"), "2030-01-15", now=now)
    second = runner.run_once(job("counted"), "2030-01-15", now=now)
    assert first.status == JobRun.Status.SUCCEEDED
    assert first.result == {"day": "2030-01-15", "done": 1}
    assert second is None
    assert len(CALLS) == 1
    assert JobRun.objects.count() == 1


def test_the_second_insert_of_a_period_fails_on_the_unique_constraint(db):
    """What makes two schedulers safe: the database refuses a second row for the period."""
    now = timezone.now()
    JobRun.objects.create(job="counted", period="2030-01-15", started_at=now, heartbeat_at=now)
    with pytest.raises(IntegrityError):
        JobRun.objects.create(job="counted", period="2030-01-15", started_at=now, heartbeat_at=now)


def test_a_scheduler_that_loses_the_insert_skips_the_job(db, monkeypatch):
    """The IntegrityError path itself: another scheduler's row is there when we insert; our
    insert fails on the constraint, we skip, and the other's run is left as it is."""
    now = timezone.now()
    JobRun.objects.create(
        job="counted", period="2030-01-15", started_at=now, heartbeat_at=now, host="other"
    )
    raised = []
    real_create = JobRun.objects.create

    def create_and_watch(**fields):
        try:
            return real_create(**fields)
        except IntegrityError as error:
            raised.append(error)
            raise

    monkeypatch.setattr(JobRun.objects, "create", create_and_watch)
    assert runner.run_once(job("counted"), "2030-01-15", now=now) is None
    assert len(raised) == 1
    assert JobRun.objects.get(job="counted").host == "other"
    assert CALLS == []


def test_a_running_job_whose_process_died_is_taken_over_once(db, settings):
    settings.JOB_DEAD_AFTER_SECONDS = 120
    long_ago = timezone.now() - timedelta(minutes=10)
    JobRun.objects.create(
        job="counted", period="2030-01-15", started_at=long_ago, heartbeat_at=long_ago, pid=1
    )
    assert [due.job.name for due in runner.due(at(7))] == ["counted", "slow", "failing"]
    run = runner.run_once(job("counted"), "2030-01-15")
    assert run.status == JobRun.Status.SUCCEEDED and run.attempts == 2
    assert runner.run_once(job("counted"), "2030-01-15") is None
    assert len(CALLS) == 1


def test_a_running_job_that_still_beats_is_left_alone(db):
    now = timezone.now()
    JobRun.objects.create(job="counted", period="2030-01-15", started_at=now, heartbeat_at=now)
    assert runner.run_once(job("counted"), "2030-01-15") is None
    assert CALLS == []


def test_a_failed_job_is_recorded_and_tried_again_after_a_pause_a_few_times(db, settings):
    settings.JOB_RETRY_AFTER_SECONDS = 600
    settings.JOB_MAX_ATTEMPTS = 2
    failing = job("failing")
    start = timezone.now()
    run = runner.run_once(failing, "2030-01-15T09:05Z", now=start)
    assert run.status == JobRun.Status.FAILED
    # Where (the code's lines) and what kind, never the message the error carried (it may
    # name people; the log has it all).
    assert run.error.splitlines()[-1] == "RuntimeError"
    assert 'raise RuntimeError("the mail server is away")' in run.error
    assert run.finished_at is not None
    # Too soon: not tried again.
    assert runner.claim(failing, "2030-01-15T09:05Z", now=start + timedelta(minutes=5)) is None
    later = start + timedelta(minutes=11)
    run = runner.run_once(failing, "2030-01-15T09:05Z", now=later)
    assert run.attempts == 2 and run.status == JobRun.Status.FAILED
    # The last attempt is spent.
    assert runner.claim(failing, "2030-01-15T09:05Z", now=later + timedelta(hours=1)) is None
    assert len(CALLS) == 2


def test_due_lists_only_jobs_whose_period_has_no_run(db):
    runner.run_once(job("counted"), "2030-01-15", now=at(7))
    assert [due.job.name for due in runner.due(at(7))] == ["slow", "failing"]
    # Before six, the daily job is not due at all.
    assert "counted" not in [due.job.name for due in runner.due(at(5, day=16))]


def test_run_job_runs_a_job_once_and_refuses_what_it_does_not_know(db, capsys):
    call_command("run_job", "counted", "--day", "2030-01-15")
    call_command("run_job", "counted", "--day", "2030-01-15")
    out = capsys.readouterr().out
    assert "klart" in out and "redan kört" in out
    assert len(CALLS) == 1
    with pytest.raises(CommandError, match="Okänt jobb"):
        call_command("run_job", "nothing")
    with pytest.raises(CommandError, match="Ogiltigt datum"):
        call_command("run_job", "counted", "--day", "2030-13-01")
    with pytest.raises(CommandError, match="misslyckades"):
        call_command("run_job", "failing")


def test_run_scheduler_once_starts_what_is_due(db, capsys):
    call_command("run_scheduler", "--once")
    # Whatever the hour, the daily-at-midnight job and the interval job are due.
    assert JobRun.objects.filter(job="slow", status=JobRun.Status.SUCCEEDED).exists()
    assert JobRun.objects.filter(job="failing", status=JobRun.Status.FAILED).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_starting_the_same_job_at_the_same_moment_run_it_once():
    barrier = threading.Barrier(2)
    outcomes = []

    def scheduler():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            outcomes.append(runner.run_once(job("slow"), "2030-01-15"))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(CALLS) == 1
    assert sorted(outcome is None for outcome in outcomes) == [False, True]
    assert JobRun.objects.get(job="slow").status == JobRun.Status.SUCCEEDED
