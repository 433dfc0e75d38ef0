"""The daily retention job (gallring): every kind of record in the plan thinned past its period.

`apply_retention()` walks `privacy.plan.record_types()` in order and calls each kind's step
with the moment before which its records go. Steps that remove what the follow-up counts fold
it into counts first (`quizzes.tallies`, `sessions.tallies`), so old figures never change. Each
step is one transaction of bulk statements: a fixed number of queries, plus one per 2,000
tally rows written (92 at 50,000 employees before leavers joined, see bench/retention.py).
Leavers are the exception: each is pseudonymised in a transaction of their own, about sixty
queries a person, so that one failure leaves the others done. A second run on the same day
finds nothing left to remove.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import registry as log_registry

from courses.dates import add_months
from courses.models import ModuleProgress, ReminderLog
from files.models import prune_expired_files
from people.models import PersonalDataAccess, PersonalDataAccessPerson
from people.uploads import UPLOAD_LIFETIME_SECONDS, remove_stale_uploads
from privacy.leavers import pseudonymise_leavers
from privacy.models import RetentionRun
from privacy.plan import RecordType, record_types
from quizzes.models import QuizAnswer, QuizAttempt
from quizzes.tallies import answers_before, fold_answers, tertial_start
from sessions.tallies import attendance_before, bookings_before, fold_attendance, fold_bookings


@dataclass(frozen=True)
class Clock:
    """The day the job runs for, and the moment its day-based periods count back from."""

    today: date
    now: datetime

    @classmethod
    def current(cls) -> "Clock":
        return cls(today=timezone.localdate(), now=timezone.now())

    @classmethod
    def on(cls, day: date) -> "Clock":
        """A given day, its periods counted from the day's start."""
        return cls(today=day, now=_start_of(day))

    def start_of(self, day: date) -> datetime:
        return _start_of(day)

    def months_back(self, key: str) -> date:
        return add_months(self.today, -settings.RETENTION_MONTHS[key])


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


# Thinning ------------------------------------------------------------------------------------
# Each step takes the moment before which its records go, and whether this is a dry run (count,
# remove nothing), and returns how many records (would) go.


def thin_quiz_answers(before: datetime, dry_run: bool) -> int:
    if dry_run:
        return answers_before(timezone.localdate(before)).count()
    return fold_answers(before=timezone.localdate(before))


def thin_quiz_attempts(before: datetime, dry_run: bool) -> int:
    attempts = QuizAttempt.objects.filter(
        Q(submitted_at__lt=before) | Q(submitted_at__isnull=True, started_at__lt=before)
    )
    if dry_run:
        return attempts.count()
    with transaction.atomic():
        # Their answers were folded by the step before (its cutoff is never earlier); any left
        # (a configuration changed between the two) are folded here, not lost.
        fold_answers(before=timezone.localdate(before))
        QuizAnswer.objects.filter(attempt__in=attempts).delete()
        # With the answers gone nothing refers to these attempts, so one DELETE does it: the
        # ORM's collector would load every attempt and delete them a hundred at a time. (Should
        # a model point at attempts one day, the database's foreign key refuses, not loses it.)
        return attempts._raw_delete(attempts.db)


def thin_module_progress(before: datetime, dry_run: bool) -> int:
    return _delete(ModuleProgress.objects.filter(last_opened_at__lt=before), dry_run)


def thin_bookings(before: datetime, dry_run: bool) -> int:
    if dry_run:
        return bookings_before(before).count()
    return fold_bookings(before=before)


def thin_attendance(before: datetime, dry_run: bool) -> int:
    if dry_run:
        return attendance_before(before).count()
    return fold_attendance(before=before)


def thin_reminders(before: datetime, dry_run: bool) -> int:
    return _delete(ReminderLog.objects.filter(sent_at__lt=before), dry_run)


def thin_audit_log(before: datetime, dry_run: bool) -> int:
    """Wagtail's log entries of pages and of every other model (ours log there too)."""
    return sum(
        _delete(model.objects.filter(timestamp__lt=before), dry_run)
        for model in log_registry.get_log_entry_models()
    )


def thin_access_log(before: datetime, dry_run: bool) -> int:
    """Who saw whom: the accesses and the people each showed (an export lists thousands)."""
    accesses = PersonalDataAccess.objects.older_than(before)
    if dry_run:
        return accesses.count()
    with transaction.atomic():
        # Both in one DELETE each: the ORM's collector would load every row of a 50,000-person
        # export first.
        people = PersonalDataAccessPerson.objects.filter(access__in=accesses)
        people._raw_delete(people.db)
        return accesses._raw_delete(accesses.db)


def thin_uploads(before: datetime, dry_run: bool) -> int:
    return remove_stale_uploads(before=before.timestamp(), dry_run=dry_run)


def thin_generated_files(now: datetime, dry_run: bool) -> int:
    """Every kind of background file, each past its own retention (files.models)."""
    return prune_expired_files(now, dry_run=dry_run)


def _delete(queryset, dry_run: bool) -> int:
    if dry_run:
        return queryset.count()
    removed, _ = queryset.delete()
    return removed


# When each kind's records go: by default its period counted back from today (months) or now
# (days); these kinds differ.
CUTOFFS: dict[str, Callable[[Clock], datetime]] = {
    # Whole tertials, as the anonymous statistics count (see quizzes.tallies); and answers go
    # at the latest with their attempt.
    "quiz_answers": lambda clock: clock.start_of(
        tertial_start(max(clock.months_back("quiz_answers"), clock.months_back("quiz_attempts")))
    ),
    "quiz_attempts": lambda clock: clock.start_of(
        tertial_start(clock.months_back("quiz_attempts"))
    ),
    # The no-show figure needs a session's bookings and attendance together: bookings go at the
    # latest with the attendance.
    "bookings": lambda clock: clock.start_of(
        max(clock.months_back("bookings"), clock.months_back("attendance"))
    ),
    "uploads": lambda clock: clock.now - timedelta(seconds=UPLOAD_LIFETIME_SECONDS),
    # Each kind of file has its own period (BackgroundFile.retention_days).
    "generated_files": lambda clock: clock.now,
}


def thin_leavers(before: datetime, dry_run: bool) -> int:
    """Leavers gone since before the cutoff day lose their name and account (privacy.leavers)."""
    return pseudonymise_leavers(dry_run=dry_run, cutoff=timezone.localdate(before))


# The step of each built-in kind of the plan, by its key. Kinds without a step here or a
# `thin` of their own are listed as not thinned by the job (see `pending`).

STEPS: dict[str, Callable[[datetime, bool], int]] = {
    "quiz_answers": thin_quiz_answers,
    "quiz_attempts": thin_quiz_attempts,
    "module_progress": thin_module_progress,
    "bookings": thin_bookings,
    "attendance": thin_attendance,
    "reminders": thin_reminders,
    "audit_log": thin_audit_log,
    "access_log": thin_access_log,
    "uploads": thin_uploads,
    "generated_files": thin_generated_files,
    "leavers": thin_leavers,
}


def step_for(record: RecordType) -> Callable[[datetime, bool], int] | None:
    return record.thin or STEPS.get(record.key)


def cutoff(record: RecordType, clock: Clock) -> datetime | None:
    """The moment before which this kind's records go; None for kinds kept without a period."""
    if record.key in CUTOFFS:
        return CUTOFFS[record.key](clock)
    if record.months is not None:
        return clock.start_of(add_months(clock.today, -record.months))
    if record.days is not None:
        return clock.now - timedelta(days=record.days)
    return None


def pending() -> list[RecordType]:
    """Kinds with a period that the job does not thin (yet): the plan page says so."""
    return [
        record
        for record in record_types()
        if step_for(record) is None and (record.months is not None or record.days is not None)
    ]


def apply_retention(today: date | None = None, *, dry_run: bool = False) -> RetentionRun:
    """Thin every kind of record past its period, in the plan's order; record the run.

    `today` defaults to the site's date (and the moment to now); a given day counts from its
    start. A dry run removes nothing and records what it would have removed.
    """
    clock = Clock.current() if today is None else Clock.on(today)
    run = RetentionRun.objects.create(day=clock.today, dry_run=dry_run)
    for record in record_types():
        step = step_for(record)
        before = cutoff(record, clock)
        if step is None or before is None:
            continue
        run.removed[record.key] = step(before, dry_run)
        run.cutoffs[record.key] = before.isoformat()
        # Saved after each step: should one fail, the run shows how far it got.
        run.save(update_fields=["removed", "cutoffs"])
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run
