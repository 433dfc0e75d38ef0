"""The demo's sessions: the `seed_demo` step of this app (see courses.demo)."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from courses.models import CoursePage
from people.models import Employee
from sessions.forms import nth_weekday_dates
from sessions.models import Attendance, Booking, CourseSession


def build_sessions(*, course: CoursePage, employees: list[Employee], **_kwargs) -> None:
    """Three years of sessions every other month, with believable bookings and attendance."""
    if CourseSession.objects.filter(course=course).exists():
        return
    rng = random.Random(3)  # noqa: S311 - demo history, not security
    leader = next(e for e in employees if e.user.username == "samordnare")
    today = timezone.localdate()
    # The second Tuesday of a month three years ago, at nine.
    first_day = date(today.year - 3, today.month, 8)
    first_day += timedelta(days=(1 - first_day.weekday()) % 7)
    starts = nth_weekday_dates(datetime.combine(first_day, time(9, 0)), count=22, interval_months=2)
    learners = [e for e in employees if e.user.username not in {"medarbetare", "chef"}]
    for index, start in enumerate(starts):
        starts_at = timezone.make_aware(start)
        online = index % 2 == 0
        session = CourseSession.objects.create(
            course=course,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            format=CourseSession.Format.ONLINE if online else CourseSession.Format.ON_SITE,
            location="" if online else "Norrdalens stadsdelsförvaltning, sal Ekorren",
            meeting_url="https://moten.vaksamby.example/otillaten-paverkan" if online else "",
            capacity=25,
            leader=leader,
            booking_deadline=CourseSession.default_deadline(starts_at),
        )
        booked = rng.sample(learners, rng.randint(4, 14))
        Booking.objects.bulk_create(
            Booking(
                session=session,
                employee=employee,
                status=Booking.Status.CONFIRMED,
                created_at=starts_at - timedelta(days=rng.randint(3, 40)),
            )
            for employee in booked
        )
        if starts_at < timezone.now():
            session.status = CourseSession.Status.HELD
            session.save(update_fields=["status"])
            statuses = (
                [Attendance.Status.PRESENT] * 17
                + [Attendance.Status.ABSENT] * 2
                + [Attendance.Status.EXCUSED]
            )
            Attendance.objects.bulk_create(
                Attendance(
                    session=session,
                    employee=employee,
                    status=rng.choice(statuses),
                    marked_at=starts_at + timedelta(hours=2),
                    marked_by=leader.user,
                )
                for employee in booked
            )
