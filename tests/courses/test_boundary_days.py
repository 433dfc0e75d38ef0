"""Every date rule on the day before, on, and after its limit.

The rules: the due date (overdue only after it), the expiring window (COMPLIANCE_EXPIRING_DAYS
before the last valid day), the last valid day itself, the reminders' days before, the managers'
digest weekday, the start of an assignment rule, the booking deadline, and rounds (a pass or a
session counts only after the completion that began the round). Off-by-one mistakes here put
municipal staff on the wrong list.
"""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from courses.compliance import recompute_compliance, status_for
from courses.dates import add_months
from courses.models import (
    AssignmentRule,
    ComplianceStatus,
    CourseCompletion,
    ModuleCompletion,
    ReminderLog,
)
from courses.reminders import reminder_for, send_reminders
from courses.services import record_module_completion
from sessions import booking
from sessions.models import CourseSession
from sessions.requirements import attended_in_round
from tests.factories import EmployeeFactory, OrgUnitFactory
from tests.sessions.test_sessions import make_session

Status = ComplianceStatus.Status
DAY = timedelta(days=1)
TODAY = date(2026, 3, 15)
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def state(today, *, due=TODAY, valid_until=None, active=False, expiring_days=60):
    return status_for(
        today=today,
        assigned_due=due,
        valid_until=valid_until,
        active=active,
        expiring_days=expiring_days,
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (TODAY - DAY, Status.NOT_STARTED),
        (TODAY, Status.NOT_STARTED),  # the due date itself is still in time
        (TODAY + DAY, Status.OVERDUE),
    ],
)
def test_overdue_only_after_the_due_date(today, expected):
    assert state(today) == (expected, TODAY)
    started = Status.IN_PROGRESS if expected == Status.NOT_STARTED else Status.OVERDUE
    assert state(today, active=True) == (started, TODAY)


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(61, Status.COMPLETED), (60, Status.EXPIRING), (59, Status.EXPIRING)],
)
def test_the_expiring_window_opens_expiring_days_before_the_last_valid_day(days_left, expected):
    valid_until = TODAY + timedelta(days=days_left)
    assert state(TODAY, valid_until=valid_until) == (expected, valid_until)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (TODAY - DAY, Status.EXPIRING),
        (TODAY, Status.EXPIRING),  # the last valid day is valid
        (TODAY + DAY, Status.EXPIRED),
    ],
)
def test_a_completion_is_valid_through_its_last_valid_day(today, expected):
    # Long overdue by the assignment, but a valid completion decides.
    assert state(today, due=TODAY - 400 * DAY, valid_until=TODAY) == (expected, TODAY)


def test_an_expiring_window_of_zero_days_is_the_last_valid_day_only():
    assert state(TODAY - DAY, valid_until=TODAY, expiring_days=0)[0] == Status.COMPLETED
    assert state(TODAY, valid_until=TODAY, expiring_days=0)[0] == Status.EXPIRING


def test_completion_is_valid_through_its_last_valid_day_on_the_model():
    completion = CourseCompletion(valid_until=TODAY, completed_at=timezone.now())
    assert completion.is_valid(TODAY - DAY) and completion.is_valid(TODAY)
    assert not completion.is_valid(TODAY + DAY)
    completion.revoked_at = timezone.now()
    assert not completion.is_valid(TODAY - DAY)


@pytest.mark.django_db
def test_valid_on_counts_the_last_valid_day(course, employee):
    completion = CourseCompletion.objects.create(
        employee=employee, course=course, completed_at=timezone.now(), valid_until=TODAY
    )
    valid_on = CourseCompletion.objects.valid_on
    assert list(valid_on(TODAY - DAY)) == list(valid_on(TODAY)) == [completion]
    assert not valid_on(TODAY + DAY).exists()
    completion.revoked_at = timezone.now()
    completion.save()
    assert not valid_on(TODAY).exists()


@pytest.mark.parametrize(
    ("days_until_due", "expected"),
    [
        (15, None),
        (14, (ReminderLog.Kind.BEFORE, 14)),
        (13, None),
        (4, None),
        (3, (ReminderLog.Kind.BEFORE, 3)),
        (2, None),
        (1, None),
        (0, (ReminderLog.Kind.DUE, 0)),
        (-1, None),
        (-6, None),
        (-7, (ReminderLog.Kind.OVERDUE, -7)),
        (-8, None),
        (-14, (ReminderLog.Kind.OVERDUE, -14)),
    ],
)
def test_reminder_days(settings, days_until_due, expected):
    settings.REMINDER_DAYS_BEFORE = [14, 3]
    row = SimpleNamespace(status=Status.NOT_STARTED, due_date=TODAY + timedelta(days_until_due))
    assert reminder_for(row, TODAY) == expected


@pytest.mark.parametrize("status", [Status.OVERDUE, Status.EXPIRED, Status.EXPIRING])
def test_everyone_not_done_is_reminded_on_the_due_date(settings, status):
    settings.REMINDER_DAYS_BEFORE = [14, 3]
    row = SimpleNamespace(status=status, due_date=TODAY)
    assert reminder_for(row, TODAY) == (ReminderLog.Kind.DUE, 0)


def test_nobody_done_or_without_a_due_date_is_reminded(settings):
    settings.REMINDER_DAYS_BEFORE = [14, 3]
    assert reminder_for(SimpleNamespace(status=Status.COMPLETED, due_date=TODAY), TODAY) is None
    assert reminder_for(SimpleNamespace(status=Status.OVERDUE, due_date=None), TODAY) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("offset", "digests"), [(-1, 0), (0, 1), (1, 0)])
def test_managers_get_their_digest_on_the_digest_weekday_only(course, settings, offset, digests):
    """The run for a given day (the command's --date, a rerun) also brings the statuses up to
    that day: someone due in five days is late, and in the digest, on a run ten days ahead."""
    today = timezone.localdate()
    digest_day = today + 10 * DAY
    settings.REMINDER_DIGEST_WEEKDAY = digest_day.weekday()
    settings.REMINDER_DAYS_BEFORE = [14, 3]
    unit = OrgUnitFactory(kind="enhet")
    manager = EmployeeFactory(org_unit=OrgUnitFactory(kind="enhet"), manages=[unit])
    late = EmployeeFactory(org_unit=unit, start_date=today - 25 * DAY)
    AssignmentRule.objects.create(
        name="Alla", course=course, due_days=30, active_from=today - 1000 * DAY
    )
    # Nobody is on a reminder day for themselves: only digests are counted.
    assert send_reminders(today=digest_day + offset * DAY) == {
        "employees": 0,
        "managers": digests,
    }
    row = ComplianceStatus.objects.get(employee=late)
    assert (row.status, row.due_date) == (Status.OVERDUE, today + 5 * DAY)
    assert [m.to for m in mail.outbox] == [[manager.user.email]] * digests


@pytest.mark.django_db
def test_a_rule_is_in_force_from_its_first_day(course):
    rule = AssignmentRule.objects.create(name="Alla", course=course, active_from=TODAY)
    assert not AssignmentRule.objects.in_force(TODAY - DAY).exists()
    assert list(AssignmentRule.objects.in_force(TODAY)) == [rule]
    assert list(AssignmentRule.objects.in_force(TODAY + DAY)) == [rule]
    rule.is_active = False
    rule.save()
    assert not AssignmentRule.objects.in_force(TODAY + DAY).exists()


@pytest.mark.django_db
def test_the_compliance_run_assigns_a_rule_from_its_first_day(course, employee):
    # The run's own day decides, not the machine's: a rebuild for a given day (the nightly run,
    # the command) must not assign a rule that starts later.
    AssignmentRule.objects.create(name="Alla", course=course, active_from=TODAY, due_days=30)
    recompute_compliance(today=TODAY - DAY)
    assert not ComplianceStatus.objects.filter(employee=employee).exists()
    recompute_compliance(today=TODAY)
    row = ComplianceStatus.objects.get(employee=employee, course=course)
    assert row.due_date == max(employee.start_date, TODAY) + timedelta(days=30)


@pytest.mark.django_db
def test_booking_is_open_until_the_deadline_itself(course):
    session = make_session(course)
    deadline = session.booking_deadline
    micro = timedelta(microseconds=1)
    assert session.is_open_for_booking(deadline - micro)
    assert session.is_open_for_booking(deadline)
    assert not session.is_open_for_booking(deadline + micro)
    session.status = CourseSession.Status.CANCELLED
    assert not session.is_open_for_booking(deadline - micro)


def test_the_default_booking_deadline_is_two_days_before_the_start():
    starts_at = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
    assert CourseSession.default_deadline(starts_at) == datetime(2027, 3, 8, 9, 0, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "allowed"),
    [(-timedelta(seconds=1), False), (timedelta(0), True), (timedelta(seconds=1), True)],
)
def test_presence_can_be_registered_from_the_moment_the_session_starts(
    course, employee, moment, allowed
):
    starts_at = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    session = make_session(course, starts_at=starts_at)
    with time_machine.travel(starts_at + moment, tick=False):
        if allowed:
            booking.mark_attendance(session=session, marks={employee.pk: "present"}, user=None)
        else:
            with pytest.raises(booking.BookingError, match="först när tillfället har börjat"):
                booking.mark_attendance(session=session, marks={employee.pk: "present"}, user=None)
        # Absence (a cancellation by phone, say) can be noted before the start.
        booking.mark_attendance(session=session, marks={employee.pk: "excused"}, user=None)
    assert session.attendances.get(employee=employee).status == "excused"


@pytest.mark.django_db
def test_a_round_begins_after_the_completion_that_ended_the_last_one(course, employee):
    """A pass at the very moment of the completion belongs to the old round; a second later
    it counts toward the next."""
    since = timezone.now() - timedelta(days=30)
    module = course.intro_module
    at = [since - timedelta(seconds=1), since, since + timedelta(seconds=1)]
    passes = [
        ModuleCompletion.objects.create(employee=employee, module=module, completed_at=moment)
        for moment in at
    ]
    assert list(ModuleCompletion.objects.in_round(since).order_by("completed_at")) == passes[2:]
    assert ModuleCompletion.objects.in_round(None).count() == 3


@pytest.mark.django_db
def test_attendance_counts_in_a_round_only_for_sessions_after_its_start(course, employee):
    since = timezone.now() - timedelta(days=30)
    sessions = [
        make_session(course, starts_at=since + offset, booking_deadline=since + offset - DAY)
        for offset in (-timedelta(seconds=1), timedelta(0), timedelta(seconds=1))
    ]
    for session in sessions:
        session.attendances.create(employee=employee, status="present")
    attended = attended_in_round(employee=employee, course=course, since=since)
    assert [a.session for a in attended] == sessions[2:]
    assert attended_in_round(employee=employee, course=course, since=None).count() == 3
    # Absent does not count, whatever the date.
    sessions[2].attendances.update(status="absent")
    assert not attended_in_round(employee=employee, course=course, since=since).exists()


@pytest.mark.django_db
def test_the_round_starts_at_the_latest_completion(course, employee):
    first = timezone.now() - timedelta(days=400)
    second = timezone.now() - timedelta(days=10)
    for moment in (second, first):
        CourseCompletion.objects.create(
            employee=employee, course=course, completed_at=moment, valid_until=TODAY
        )
    round_start = CourseCompletion.objects.round_start
    assert round_start(employee=employee, course=course) == second


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("completed_at", "completed_on"),
    [
        (datetime(2025, 1, 31, 23, 59, 59, tzinfo=STOCKHOLM), date(2025, 1, 31)),
        (datetime(2025, 2, 1, 0, 0, tzinfo=STOCKHOLM), date(2025, 2, 1)),
        (datetime(2025, 2, 1, 0, 0, 1, tzinfo=STOCKHOLM), date(2025, 2, 1)),
    ],
)
def test_a_completion_is_valid_from_its_swedish_day(course, employee, completed_at, completed_on):
    """Validity counts from the Swedish day of the last pass: midnight in Stockholm is 23:00
    UTC, so a pass a second before it and one at it fall on the same UTC day but not the
    same Swedish one."""
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, completed_at=completed_at)
    completion = CourseCompletion.objects.get(employee=employee)
    assert completion.completed_at == completed_at
    assert completion.valid_until == add_months(completed_on, course.validity_months)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to the month's last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 30), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # into the next year
        (date(2026, 11, 30), 2, date(2027, 1, 30)),
        (date(2026, 1, 15), 11, date(2026, 12, 15)),  # December, not month 0
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 1, 15), 24, date(2028, 1, 15)),
        (date(2026, 2, 28), 0, date(2026, 2, 28)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected
