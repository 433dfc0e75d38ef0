"""When a job is due: daily at a local time, or every N minutes; and the period each run counts for.

A period is a string key (`JobRun.period`): the local date for a daily job, the slot's start in
UTC for an interval job. Two small pure functions instead of a scheduling library: the "once"
comes from the database row, which no in-process scheduler gives across servers, and "daily at
06:00 Stockholm time" needs nothing more than the time zone database.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Daily:
    """Once a day, at `at` in the site's time zone (TIME_ZONE); due from then until midnight.

    A scheduler that was down at that time runs the job when it comes back the same day; a
    whole day missed is not made up (each job's own day counts back from the day it runs).
    """

    at: time

    def period(self, now: datetime) -> str | None:
        local = timezone.localtime(now)
        if local.time() < self.at:
            return None
        return local.date().isoformat()

    def next_due(self, now: datetime) -> datetime:
        local = timezone.localtime(now)
        day = local.date() if local.time() < self.at else local.date() + timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, self.at))

    def describe(self) -> str:
        from django.utils.formats import time_format
        from django.utils.translation import gettext

        return gettext("Varje dag kl. %(time)s") % {"time": time_format(self.at, "TIME_FORMAT")}


@dataclass(frozen=True)
class Every:
    """Every `minutes` minutes, in slots counted from midnight UTC (no daylight-saving jumps)."""

    minutes: int

    def _slot_start(self, now: datetime) -> datetime:
        utc = now.astimezone(UTC)
        midnight = utc.replace(hour=0, minute=0, second=0, microsecond=0)
        slots = int((utc - midnight).total_seconds() // (self.minutes * 60))
        return midnight + timedelta(minutes=slots * self.minutes)

    def period(self, now: datetime) -> str:
        return self._slot_start(now).strftime("%Y-%m-%dT%H:%MZ")

    def next_due(self, now: datetime) -> datetime:
        return self._slot_start(now) + timedelta(minutes=self.minutes)

    def describe(self) -> str:
        from django.utils.translation import ngettext

        return ngettext("Varje minut", "Var %(minutes)s:e minut", self.minutes) % {
            "minutes": self.minutes
        }


@dataclass(frozen=True)
class Job:
    """A scheduled job: `run(day)` does the work and returns counts (JSON) for the admin page."""

    name: str
    callable_path: str
    when: Daily | Every
    # Shown on the admin page: what the job does, in a sentence.
    description: str = ""
    # Daily runs are the ones readyz reports the age of.
    daily: bool = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "daily", isinstance(self.when, Daily))

    @property
    def function(self) -> Callable[[date], dict]:
        return import_string(self.callable_path)

    def period(self, now: datetime) -> str | None:
        return self.when.period(now)

    def day_of(self, period: str) -> date:
        """The day a run counts for: a daily job's period, or an interval slot's local date."""
        if self.daily:
            return date.fromisoformat(period)
        moment = datetime.strptime(period, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
        return timezone.localtime(moment).date()


@cache
def _load(path: str) -> tuple[Job, ...]:
    jobs = tuple(import_string(path))
    names = [job.name for job in jobs]
    if len(set(names)) != len(names):
        raise ValueError(f"Duplicate job names in {path}: {names}")
    return jobs


def jobs() -> tuple[Job, ...]:
    """The configured jobs (settings.SCHEDULE names the list, by default vaksam.schedule.JOBS)."""
    return _load(settings.SCHEDULE)


def get_job(name: str) -> Job:
    for job in jobs():
        if job.name == name:
            return job
    raise KeyError(name)
