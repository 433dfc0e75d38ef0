"""Background work for courses: the daily reminder run and the booking mails."""

from datetime import date

from django_tasks import task

from courses.booking import send_booking_email
from courses.compliance import recompute_compliance
from courses.models import Booking
from courses.reminders import send_reminders


@task()
def recompute_compliance_task() -> int:
    return recompute_compliance()


@task()
def send_reminders_task(day: str | None = None) -> dict[str, int]:
    return send_reminders(today=date.fromisoformat(day) if day else None)


@task()
def send_booking_email_task(booking_id: int, kind: str) -> None:
    """The mail about a booking (confirmed, waitlisted, promoted, cancelled), sent by the worker.

    The booking is read again here, so the mail says what is saved; one removed meanwhile
    (retention) gets no mail.
    """
    booking = (
        Booking.objects.select_related("employee__user", "session__course")
        .filter(pk=booking_id)
        .first()
    )
    if booking is not None:
        send_booking_email(booking, kind)
