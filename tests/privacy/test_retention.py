"""The retention job: each kind of record kept to the last day of its period and removed the
day after; a dry run removes nothing; a second run nothing more; queries do not grow with data."""

import io
import os
from datetime import date, datetime, time, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.log_actions import log

from certificates.models import CertificateExport
from courses.models import ModuleCompletion, ModuleProgress, ReminderLog
from people.models import PersonalDataAccess, PersonalDataAccessPerson
from people.uploads import UPLOAD_DIR
from privacy.models import RetentionRun
from privacy.retention import apply_retention, pending
from privacy.tasks import apply_retention_task
from quizzes.models import QuestionTally, QuizAnswer, QuizAttempt
from sessions.models import Attendance, Booking, CourseSession, SessionTally
from tests.factories import EmployeeFactory

TODAY = date(2030, 6, 15)


def local(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


# Just inside each period (kept) and just past it (removed), counted back from TODAY with the
# default settings: 24 months for progress and audit entries, 12 for reminders, 36 for sessions;
# quiz attempts and answers by whole tertials (2028-06-15 lies in May–August 2028).
KEPT, GONE = "kept", "gone"
MOMENTS = {
    "progress": {KEPT: local(date(2028, 6, 15)), GONE: local(date(2028, 6, 14), 23, 59)},
    "reminder": {KEPT: local(date(2029, 6, 15)), GONE: local(date(2029, 6, 14), 23, 59)},
    "audit": {KEPT: local(date(2028, 6, 15)), GONE: local(date(2028, 6, 14), 23, 59)},
    "session": {KEPT: local(date(2027, 6, 15)), GONE: local(date(2027, 6, 14), 23, 0)},
    "attempt": {KEPT: local(date(2028, 5, 1)), GONE: local(date(2028, 4, 30), 23, 59)},
}


def attempt(employee, module, when, *, answered=True):
    made = QuizAttempt.objects.create(
        employee=employee,
        org_unit=employee.org_unit,
        org_unit_code=employee.org_unit.code,
        module=module,
        questions=[],
        pass_mark=80,
        submitted_at=when,
        score=100,
        passed=True,
    )
    if answered:
        QuizAnswer.objects.create(attempt=made, question_id="q1", selected=["a"], correct=True)
    return made


def session_at(course, when):
    return CourseSession.objects.create(
        course=course,
        starts_at=when,
        ends_at=when + timedelta(hours=2),
        booking_deadline=when - timedelta(days=2),
        format=CourseSession.Format.ONLINE,
        status=CourseSession.Status.HELD,
    )


def make_records(course, *, people: int = 1) -> dict:
    """For each kind, records just inside and just past the period, `people` of each."""
    made = {}
    module = course.intro_module
    for side in (KEPT, GONE):
        sessions = session_at(course, MOMENTS["session"][side])
        for _ in range(people):
            employee = EmployeeFactory()
            made.setdefault(side, []).append(
                {
                    "progress": ModuleProgress.objects.create(
                        employee=employee,
                        module=module,
                        first_opened_at=MOMENTS["progress"][side],
                        last_opened_at=MOMENTS["progress"][side],
                    ),
                    "reminder": ReminderLog.objects.create(
                        employee=employee,
                        course=course,
                        kind=ReminderLog.Kind.DUE,
                        sent_on=MOMENTS["reminder"][side].date(),
                        sent_at=MOMENTS["reminder"][side],
                    ),
                    "booking": Booking.objects.create(
                        session=sessions, employee=employee, status=Booking.Status.CONFIRMED
                    ),
                    "attendance": Attendance.objects.create(
                        session=sessions, employee=employee, status=Attendance.Status.PRESENT
                    ),
                    "attempt": attempt(employee, module, MOMENTS["attempt"][side]),
                    "completion": ModuleCompletion.objects.create(
                        employee=employee, module=module, completed_at=MOMENTS["attempt"][side]
                    ),
                }
            )
            access = PersonalDataAccess.objects.create(
                accessed_at=MOMENTS["audit"][side],
                action="reports.people.view",
                description="Uppföljning: Personer",
                purpose=PersonalDataAccess.Purpose.FOLLOW_UP,
                people_count=1,
            )
            made[side][-1]["access"] = access
            made[side][-1]["access_person"] = PersonalDataAccessPerson.objects.create(
                access=access, employee=employee, accessed_at=access.accessed_at
            )
            # One entry about a page, one about a model: Wagtail keeps them in two tables.
            for subject in (module, employee):
                entry = log(subject, "wagtail.edit")
                type(entry).objects.filter(pk=entry.pk).update(timestamp=MOMENTS["audit"][side])
                made[side][-1][f"audit_{type(entry).__name__}"] = entry
    return made


def exists(record) -> bool:
    return type(record).objects.filter(pk=record.pk).exists()


def test_each_kind_is_kept_through_its_period_and_removed_after(course):
    made = make_records(course)
    run = apply_retention(TODAY)
    [kept], [gone] = made[KEPT], made[GONE]
    for kind in kept:
        if kind == "completion":
            continue
        assert exists(kept[kind]), f"{kind} just inside its period was removed"
        assert not exists(gone[kind]), f"{kind} just past its period was kept"
    # The proof of a passed module stays, however old.
    assert exists(gone["completion"])
    assert not QuizAnswer.objects.filter(attempt=gone["attempt"]).exists()
    assert QuizAnswer.objects.filter(attempt=kept["attempt"]).count() == 1
    assert run.removed["quiz_answers"] == 1 and run.removed["quiz_attempts"] == 1
    assert run.removed["bookings"] == 1 and run.removed["attendance"] == 1
    assert run.removed["module_progress"] == 1 and run.removed["reminders"] == 1
    assert run.cutoffs["quiz_attempts"] == local(date(2028, 5, 1)).isoformat()
    assert run.finished_at is not None and not run.dry_run


def test_bookings_go_at_the_latest_with_the_attendance_of_their_session(course, settings):
    """The no-show figure needs a session's bookings and attendance together."""
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "bookings": 48}
    made = make_records(course)
    gone = made[GONE][0]
    Attendance.objects.filter(pk=gone["attendance"].pk).update(status=Attendance.Status.ABSENT)
    apply_retention(TODAY)
    assert not exists(gone["booking"]) and exists(made[KEPT][0]["booking"])
    counted = SessionTally.objects.filter(session=gone["booking"].session)
    assert [(t.booked, t.no_shows) for t in counted if t.booked] == [(1, 1)]


def test_answers_go_at_the_latest_with_their_attempt_and_are_counted(course, settings):
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "quiz_answers": 48}
    made = make_records(course)
    run = apply_retention(TODAY)
    assert not exists(made[GONE][0]["attempt"])
    assert QuestionTally.objects.get().answers == 1
    assert run.removed["quiz_answers"] == 1


def test_answers_are_counted_before_they_go(course):
    made = make_records(course)
    apply_retention(TODAY)
    tally = QuestionTally.objects.get()
    gone = made[GONE][0]["attempt"]
    assert (tally.module_id, tally.question_id, tally.month) == (
        gone.module_id,
        "q1",
        date(2028, 4, 1),
    )
    assert (tally.answers, tally.people, tally.correct, tally.org_unit_id) == (
        1,
        1,
        True,
        gone.org_unit_id,
    )


def test_a_dry_run_removes_nothing_and_says_what_would_go(course):
    make_records(course)
    counts = {
        model: model.objects.count()
        for model in (ModuleProgress, ReminderLog, Booking, Attendance, QuizAttempt, QuizAnswer)
    }
    from wagtail.models import ModelLogEntry

    counts[ModelLogEntry] = ModelLogEntry.objects.count()
    run = apply_retention(TODAY, dry_run=True)
    assert {model: model.objects.count() for model in counts} == counts
    assert not QuestionTally.objects.exists()
    assert run.dry_run and run.day == TODAY
    assert run.removed["audit_log"] >= 1  # counted, not removed
    assert run.removed["quiz_answers"] == 1 and run.removed["attendance"] == 1


def test_a_second_run_removes_nothing(course):
    make_records(course)
    apply_retention(TODAY)
    models = (QuizAttempt, Attendance, SessionTally, QuestionTally)
    counts = [model.objects.count() for model in models]
    again = apply_retention(TODAY)
    assert set(again.removed.values()) == {0}
    assert [model.objects.count() for model in models] == counts
    assert RetentionRun.objects.count() == 2


def test_queries_do_not_grow_with_the_records(course):
    make_records(course, people=1)
    with CaptureQueriesContext(connection) as few:
        apply_retention(TODAY)
    make_records(course, people=8)
    with CaptureQueriesContext(connection) as many:
        apply_retention(TODAY)
    assert RetentionRun.objects.first().removed["attendance"] == 8
    assert len(many) == len(few)


@pytest.fixture
def private_media(private_root):
    return private_root


def test_uploads_left_unconfirmed_go_after_their_lifetime(db, private_media):
    folder = private_media / UPLOAD_DIR
    folder.mkdir(parents=True)
    cutoff = local(TODAY).timestamp() - 6 * 3600
    for name, moment in [("kept.csv", cutoff + 1), ("gone.csv", cutoff - 1)]:
        (folder / name).write_text("x")
        os.utime(folder / name, (moment, moment))
    run = apply_retention(TODAY)
    assert [path.name for path in folder.iterdir()] == ["kept.csv"]
    assert run.removed["uploads"] == 1


def test_generated_files_go_after_their_days(employee, private_media, settings):
    settings.CERTIFICATE_EXPORT_RETENTION_DAYS = 7
    cutoff = local(TODAY) - timedelta(days=7)
    exports = {}
    for side, moment in [(KEPT, cutoff), (GONE, cutoff - timedelta(seconds=1))]:
        export = CertificateExport.objects.create(requested_by=employee.user)
        export.file.save("intyg.zip", ContentFile(b"zip"), save=True)
        CertificateExport.objects.filter(pk=export.pk).update(requested_at=moment)
        exports[side] = export
    run = apply_retention(TODAY)
    assert exists(exports[KEPT]) and not exists(exports[GONE])
    storage = exports[GONE].file.storage
    assert not storage.exists(exports[GONE].file.name)
    assert storage.exists(exports[KEPT].file.name)
    assert run.removed["generated_files"] == 1


def test_an_app_adds_a_kind_with_its_own_step(db):
    """Declarations (issue 17) register their row and its step by hook, as a plain dict."""
    calls = []

    def thin(before, dry_run):
        calls.append((before, dry_run))
        return 3

    def declarations():
        return {
            "key": "declarations",
            "label": "Deklarationer",
            "holds": "Bisysslor.",
            "purpose": "Jäv.",
            "counted_from": "inlämningen",
            "then": "Raderas.",
            "months": 6,
            "thin": thin,
        }

    with hooks.register_temporarily("register_personal_data", declarations):
        run = apply_retention(TODAY, dry_run=True)
    assert calls == [(local(date(2029, 12, 15)), True)]
    assert run.removed["declarations"] == 3


def test_every_kind_with_a_period_is_thinned_by_the_job(db):
    assert pending() == []


def test_the_command_prints_each_kind(course):
    make_records(course)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", "--day", TODAY.isoformat(), stdout=out)
    assert "Närvaro: 1 skulle gallras (före 2027-06-15)" in out.getvalue()
    assert Attendance.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("apply_retention", "--day", "15/6", stdout=out)


def test_the_task_runs_the_job(course):
    make_records(course)
    result = apply_retention_task.enqueue(TODAY.isoformat())
    assert result.return_value["attendance"] == 1
    assert Attendance.objects.count() == 1


def test_without_a_day_the_job_runs_for_today(db):
    run = apply_retention()
    assert run.day == timezone.localdate()
    assert run.finished_at is not None


def test_an_unsubmitted_attempt_goes_by_its_start_within_the_tertial(course):
    """An attempt never submitted counts from its start: started on the tertial's first day it
    stays, started the minute before it goes."""
    module = course.intro_module
    started = {}
    for side in (KEPT, GONE):
        made = attempt(EmployeeFactory(), module, None, answered=False)
        QuizAttempt.objects.filter(pk=made.pk).update(started_at=MOMENTS["attempt"][side])
        started[side] = made
    run = apply_retention(TODAY)
    assert exists(started[KEPT]) and not exists(started[GONE])
    assert run.removed["quiz_attempts"] == 1


def test_a_dry_run_keeps_stale_uploads_and_expired_files(employee, private_media, settings):
    settings.CERTIFICATE_EXPORT_RETENTION_DAYS = 7
    folder = private_media / UPLOAD_DIR
    folder.mkdir(parents=True)
    stale = local(TODAY).timestamp() - 7 * 3600
    (folder / "stale.csv").write_text("x")
    os.utime(folder / "stale.csv", (stale, stale))
    export = CertificateExport.objects.create(requested_by=employee.user)
    export.file.save("intyg.zip", ContentFile(b"zip"), save=True)
    CertificateExport.objects.filter(pk=export.pk).update(requested_at=local(date(2030, 1, 1)))

    run = apply_retention(TODAY, dry_run=True)

    assert run.removed["uploads"] == 1 and run.removed["generated_files"] == 1
    assert (folder / "stale.csv").exists()
    assert exists(export) and export.file.storage.exists(export.file.name)


def _kind(key: str, **period) -> dict:
    return {
        "key": key,
        "label": key.title(),
        "holds": "Uppgifter.",
        "purpose": "Ett syfte.",
        "counted_from": "händelsen",
        "then": "Raderas.",
        **period,
    }


def test_a_kind_counted_in_days_goes_that_many_days_before_the_jobs_moment(db):
    calls = []

    def thin(before, dry_run):
        calls.append(before)
        return 0

    with hooks.register_temporarily(
        "register_personal_data", lambda: _kind("visits", days=30, thin=thin)
    ):
        run = apply_retention(TODAY, dry_run=True)
    assert calls == [local(TODAY) - timedelta(days=30)]
    assert run.cutoffs["visits"] == local(date(2030, 5, 16)).isoformat()


def test_a_kind_with_a_period_but_no_step_is_pending_and_the_job_passes_it(db):
    """The plan page says the job does not thin it yet; the job runs the other kinds."""
    kinds = [
        lambda: _kind("by_days", days=30),
        lambda: _kind("by_months", months=6),
        lambda: _kind("kept", kept="Så länge avtalet gäller."),
    ]
    with (
        hooks.register_temporarily("register_personal_data", kinds[0]),
        hooks.register_temporarily("register_personal_data", kinds[1]),
        hooks.register_temporarily("register_personal_data", kinds[2]),
    ):
        assert [record.key for record in pending()] == ["by_days", "by_months"]
        run = apply_retention(TODAY, dry_run=True)
    assert not {"by_days", "by_months", "kept"} & set(run.removed)
    assert run.finished_at is not None and "attendance" in run.removed


@pytest.mark.parametrize(
    ("fields", "period"),
    [
        ({"hours": 1}, "1 timme"),
        ({"hours": 6}, "6 timmar"),
        ({"days": 1}, "1 dag"),
        ({"months": 2}, "2 månader"),
    ],
)
def test_a_period_in_hours_days_or_months_is_said_in_the_right_number(fields, period):
    from privacy.plan import RecordType

    kind = RecordType(key="k", label="", holds="", purpose="", counted_from="", then="", **fields)
    assert (kind.period, kind.counted) == (period, True)
