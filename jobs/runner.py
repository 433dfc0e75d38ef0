"""Claiming and running a scheduled job's period exactly once, whoever else tries at the same time.

`claim` inserts the (job, period) row; the unique constraint lets exactly one inserter win, and
the others skip. A run whose process died (its heartbeat stopped) or that failed (after a pause,
up to JOB_MAX_ATTEMPTS) is taken over with a conditional UPDATE on the state the taker saw, so
two schedulers taking over the same row cannot both succeed either.
"""

import json
import logging
import os
import socket
import traceback
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jobs.heartbeat import Heartbeat
from jobs.models import JobRun
from jobs.schedule import Job, jobs

logger = logging.getLogger(__name__)

# The error text kept on a failed run: the end of the traceback, where the cause is.
ERROR_CHARS = 4000


def _identity() -> dict:
    return {"host": socket.gethostname()[:255], "pid": os.getpid()}


def is_stale(run: JobRun, now: datetime) -> bool:
    """A running run whose process has not beaten for JOB_DEAD_AFTER_SECONDS: it died."""
    limit = timedelta(seconds=settings.JOB_DEAD_AFTER_SECONDS)
    return run.status == JobRun.Status.RUNNING and run.heartbeat_at < now - limit


def may_retry(run: JobRun, now: datetime) -> bool:
    """A failed run is tried again after a pause, a few times, within its period."""
    pause = timedelta(seconds=settings.JOB_RETRY_AFTER_SECONDS)
    return (
        run.status == JobRun.Status.FAILED
        and run.attempts < settings.JOB_MAX_ATTEMPTS
        and run.finished_at is not None
        and run.finished_at < now - pause
    )


def claim(job: Job, period: str, *, now: datetime | None = None) -> JobRun | None:
    """The run of `job` for `period`, now ours to do; None if someone else has it or it is done."""
    now = now or timezone.now()
    try:
        # Its own savepoint: the failed insert must not spoil a surrounding transaction.
        with transaction.atomic():
            return JobRun.objects.create(
                job=job.name, period=period, started_at=now, heartbeat_at=now, **_identity()
            )
    except IntegrityError:
        pass
    seen = JobRun.objects.filter(job=job.name, period=period).first()
    if seen is None or not (is_stale(seen, now) or may_retry(seen, now)):
        return None
    # Compare-and-swap on what we saw: of two takers, the second matches no row.
    taken = JobRun.objects.filter(
        pk=seen.pk, status=seen.status, attempts=seen.attempts, heartbeat_at=seen.heartbeat_at
    ).update(
        status=JobRun.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        attempts=F("attempts") + 1,
        error="",
        **_identity(),
    )
    if not taken:
        return None
    logger.warning(
        "Job %s (%s): taking over attempt %s, which %s",
        job.name,
        period,
        seen.attempts,
        "died" if seen.status == JobRun.Status.RUNNING else "failed",
    )
    return JobRun.objects.get(pk=seen.pk)


def _json(value) -> dict:
    # Results are counts; dates and the like are kept as text rather than refused.
    return json.loads(
        DjangoJSONEncoder().encode(value if isinstance(value, dict) else {"value": value})
    )


def execute(job: Job, run: JobRun) -> JobRun:
    """Do the claimed run, beating while it works; record how it went (on our attempt only)."""
    ours = JobRun.objects.filter(pk=run.pk, attempts=run.attempts, status=JobRun.Status.RUNNING)

    def beat():
        ours.update(heartbeat_at=timezone.now())

    outcome = {}
    with Heartbeat(beat, seconds=settings.JOB_HEARTBEAT_SECONDS, name=f"job-{job.name}"):
        try:
            result = job.function(job.day_of(run.period))
        except Exception as error:
            logger.exception("Job %s (%s) failed", job.name, run.period)
            # Where it failed and the kind of error, not its message: messages can name people
            # (an e-mail address refused, a duplicate key), and the page and its rows are read
            # by HR for months. The whole error is in the log.
            where = "".join(traceback.format_tb(error.__traceback__))
            outcome = {
                "status": JobRun.Status.FAILED,
                "error": f"{where}{type(error).__qualname__}"[-ERROR_CHARS:],
                "result": {},
            }
        else:
            outcome = {"status": JobRun.Status.SUCCEEDED, "result": _json(result), "error": ""}
    ours.update(finished_at=timezone.now(), **outcome)
    run.refresh_from_db()
    return run


def run_once(job: Job, period: str, *, now: datetime | None = None) -> JobRun | None:
    """Claim and run `job` for `period`; None when it is someone else's or already done."""
    run = claim(job, period, now=now)
    if run is None:
        return None
    return execute(job, run)


@dataclass
class Due:
    job: Job
    period: str


def due(now: datetime | None = None) -> list[Due]:
    """The jobs whose current period has no finished or live run (one query for all)."""
    now = now or timezone.now()
    current = [(job, job.period(now)) for job in jobs()]
    current = [(job, period) for job, period in current if period is not None]
    if not current:
        return []
    runs = {
        (run.job, run.period): run
        for run in JobRun.objects.filter(
            job__in=[job.name for job, _ in current], period__in=[p for _, p in current]
        )
    }
    pending = []
    for job, period in current:
        run = runs.get((job.name, period))
        if run is None or is_stale(run, now) or may_retry(run, now):
            pending.append(Due(job, period))
    return pending
