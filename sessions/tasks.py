"""Background work for sessions: the booking mails."""

from django_tasks import task

from sessions.booking import send_booking_email
from sessions.models import Booking


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
