"""What sessions add to a course: attendance as a requirement, the booking as the next step."""

from django.db.models import Max

from courses.models import CoursePage
from courses.progress import CourseStatus
from courses.services import Requirement
from people.models import Employee
from sessions.models import Attendance, Booking, CourseSession


def attended_in_round(*, employee: Employee, course: CoursePage, since):
    """Present attendances at the course's sessions held in the current round."""
    attended = Attendance.objects.filter(
        employee=employee, session__course=course, status=Attendance.Status.PRESENT
    )
    return attended if since is None else attended.filter(session__starts_at__gt=since)


def attendance_requirement(*, employee: Employee, course: CoursePage, since) -> Requirement | None:
    """The `course_requirements` answer: a course that requires attendance is met by being
    present at one of its sessions in the round, at the end of the (latest) such session."""
    if not course.requires_attendance:
        return None
    attended = attended_in_round(employee=employee, course=course, since=since)
    return Requirement(met_at=attended.aggregate(last=Max("session__ends_at"))["last"])


def upcoming_booking(employee: Employee, course: CoursePage) -> Booking | None:
    """The employee's live booking of an upcoming session of the course, soonest first."""
    return (
        Booking.objects.filter(employee=employee, session__in=CourseSession.objects.upcoming())
        .filter(session__course=course)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("session")
        .order_by("session__starts_at")
        .first()
    )


def add_booking_to_course_page(*, context: dict, employee: Employee, status: CourseStatus) -> None:
    """The `course_page_context` step: with every module passed in a course that still asks for
    attendance, the page's button says whether to book or where the booking is."""
    if status.to_do and status.page.requires_attendance and not status.next_module:
        # Only now, so one query and only here.
        context["booking"] = upcoming_booking(employee, status.page)
