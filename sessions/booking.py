"""Booking course sessions, the waiting list, and registering attendance."""

import icalendar
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from content.links import absolute_reverse
from courses.services import complete_course_if_done
from people.models import Employee
from sessions.models import Attendance, Booking, CourseSession
from vaksam.i18n import content_language, language_for


class BookingError(Exception):
    """A booking or cancellation that cannot be made; the message is for the employee."""


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def calendar_file(session: CourseSession, *, with_meeting_link: bool = True) -> bytes:
    """The session as an iCalendar file, for the employee's own calendar.

    The meeting link is for those with a seat: anyone else gets the time and place only.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Vaksam//Kurstillfällen//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"kurstillfalle-{session.pk}@vaksam")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    # RFC 5545's LANGUAGE: the title is content (Swedish), the description in the reader's
    # language (the caller's, the booking person's: see send_booking_email).
    event.add("summary", session.course.title, parameters={"LANGUAGE": content_language()})
    place = session.place if with_meeting_link else session.location
    event.add("location", place or session.get_format_display())
    if session.meeting_url and with_meeting_link:
        event.add("url", session.meeting_url)
    # Where to rebook or cancel: the site's public address, whoever's calendar reads it.
    event.add(
        "description",
        _("Kurstillfälle i %(course)s.") % {"course": session.course.title}
        + "\n"
        + absolute_reverse("sessions"),
        parameters={"LANGUAGE": translation.get_language() or settings.LANGUAGE_CODE},
    )
    if session.status == CourseSession.Status.CANCELLED:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()


def send_booking_email(booking: Booking, kind: str) -> None:
    """Tell the employee what happened to their booking; confirmed seats get the .ics.

    The mail and the calendar file are in the employee's language.
    """
    employee, session = booking.employee, booking.session
    if employee.user is None or not employee.user.email:  # pseudonymised: no address
        return
    with translation.override(language_for(employee.user)):
        has_seat = kind in {"confirmed", "promoted"}
        context = {
            "session": session,
            "employee": employee,
            "kind": kind,
            # The meeting link goes to those with a seat, not to the waiting list.
            "place": session.place if has_seat else session.location,
            "sessions_url": absolute_reverse("sessions"),
        }
        subject = {
            "confirmed": _("Bokningsbekräftelse: %(course)s"),
            "waitlisted": _("Du står på väntelistan: %(course)s"),
            "promoted": _("Du har fått en plats: %(course)s"),
            "cancelled": _("Avbokning: %(course)s"),
            "session_cancelled": _("Kurstillfället är inställt: %(course)s"),
        }[kind] % {"course": session.course.title}
        # A line break in a page title would make the subject an invalid header.
        subject = " ".join(subject.split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("sessions/email/booking.txt", context),
            to=[employee.user.email],
        )
        message.attach_alternative(
            render_to_string("sessions/email/booking.html", context), "text/html"
        )
        if kind in {"confirmed", "promoted", "session_cancelled"}:
            message.attach(
                "kurstillfalle.ics",
                calendar_file(session, with_meeting_link=has_seat),
                "text/calendar",
            )
        message.send()


def mail_after_commit(booking: Booking, kind: str) -> None:
    """Send the booking mail from the worker once the booking is saved.

    A slow or failing mail server then never delays, undoes or hides a saved booking: the page
    answers at once, and a mail that cannot be sent is a failed task, not a 500 (`robust`: even
    a queue that cannot be reached is only logged).
    """
    # Imported here: sessions.tasks imports this module.
    from sessions.tasks import send_booking_email_task

    def enqueue():
        try:
            send_booking_email_task.enqueue(booking.pk, kind)
        except (OperationalError, InterfaceError):
            # The connection was cut after the commit (a database restart, the fault drill):
            # the booking stands, so the mail is queued once more on a new connection.
            if not connection.in_atomic_block:
                connection.close()
            send_booking_email_task.enqueue(booking.pk, kind)

    transaction.on_commit(enqueue, robust=True)


def book(*, employee: Employee, session: CourseSession) -> Booking:
    """A seat if there is one, otherwise a place in the waiting list."""
    with transaction.atomic():
        # The row lock makes concurrent bookings of the last seat queue up behind each other.
        session = (
            CourseSession.objects.select_for_update().select_related("course").get(pk=session.pk)
        )
        if session.status == CourseSession.Status.CANCELLED:
            raise BookingError(_("Kurstillfället är inställt och går inte att boka."))
        if not session.is_open_for_booking():
            raise BookingError(
                _("Sista dag att boka var %(deadline)s.")
                % {"deadline": _local(session.booking_deadline)}
            )
        live = Booking.objects.filter(employee=employee).exclude(status=Booking.Status.CANCELLED)
        if live.filter(session=session).exists():
            raise BookingError(_("Du är redan anmäld till det här kurstillfället."))
        other = (
            live.filter(session__course=session.course, session__starts_at__gte=timezone.now())
            .exclude(session__status=CourseSession.Status.CANCELLED)
            .first()
        )
        if other is not None:
            raise BookingError(
                _(
                    # The wording is not a rule (see do_not_mutate_patterns in pyproject.toml).
                    "Du är redan anmäld till kurstillfället %(when)s. "  # pragma: no mutate
                    "Avboka det först om du vill byta."  # pragma: no mutate
                )
                % {"when": _local(other.session.starts_at)}
            )
        # Seats freed by a raised capacity go to those already waiting, not to the newcomer.
        promote_from_waiting_list(session)
        confirmed = session.bookings.filter(status=Booking.Status.CONFIRMED).count()
        waiting = session.bookings.filter(status=Booking.Status.WAITLISTED).exists()
        has_seat = confirmed < session.capacity and not waiting
        status = Booking.Status.CONFIRMED if has_seat else Booking.Status.WAITLISTED
        try:
            with transaction.atomic():
                booking = Booking.objects.create(session=session, employee=employee, status=status)
        except IntegrityError as error:
            raise BookingError(_("Du är redan anmäld till det här kurstillfället.")) from error
        kind = "confirmed" if status == Booking.Status.CONFIRMED else "waitlisted"
        mail_after_commit(booking, kind)
        return booking


def cancel(*, booking: Booking) -> Booking:
    """Cancel before the deadline; a freed seat goes to the first in the waiting list."""
    with transaction.atomic():
        session = CourseSession.objects.select_for_update().get(pk=booking.session_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            return booking
        if session.status != CourseSession.Status.CANCELLED and not session.is_open_for_booking():
            raise BookingError(
                _("Det går inte att avboka efter sista dag att boka. Kontakta kursansvarig.")
            )
        had_seat = booking.status == Booking.Status.CONFIRMED
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at"])
        mail_after_commit(booking, "cancelled")
        if had_seat:
            promote_from_waiting_list(session)
        return booking


def cancel_session(*, session: CourseSession) -> int:
    """Call off a session: every booking is cancelled and told, so nobody is left stranded."""
    with transaction.atomic():
        session = CourseSession.objects.select_for_update().get(pk=session.pk)
        session.status = CourseSession.Status.CANCELLED
        session.save(update_fields=["status"])
        live = list(
            session.bookings.exclude(status=Booking.Status.CANCELLED).select_related(
                "employee__user"
            )
        )
        for booking in live:
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = timezone.now()
            booking.save(update_fields=["status", "cancelled_at"])
            mail_after_commit(booking, "session_cancelled")
        return len(live)


def promote_from_waiting_list(session: CourseSession) -> list[Booking]:
    """Give free seats to the waiting list, first come first served; the session is locked."""
    confirmed = session.bookings.filter(status=Booking.Status.CONFIRMED).count()
    free = max(session.capacity - confirmed, 0)
    promoted = list(session.bookings.filter(status=Booking.Status.WAITLISTED)[:free])
    for booking in promoted:
        booking.status = Booking.Status.CONFIRMED
        booking.save(update_fields=["status"])
        mail_after_commit(booking, "promoted")
    return promoted


def mark_attendance(*, session: CourseSession, marks: dict[int, str], user) -> list[Attendance]:
    """Register attendance for many employees at once ({employee id: status}).

    Changes after the session is closed (held) are allowed but logged: who, when, from → to.
    A present mark may complete the course for courses that require attendance.
    """
    with transaction.atomic():
        if session.starts_at > timezone.now() and Attendance.Status.PRESENT in marks.values():
            raise BookingError(_("Närvaro kan registreras först när tillfället har börjat."))
        existing = {a.employee_id: a for a in session.attendances.filter(employee_id__in=marks)}
        employees = Employee.objects.in_bulk(list(marks))
        saved = []
        for employee_id, status in marks.items():
            attendance = existing.get(employee_id)
            if attendance is None:
                attendance = Attendance.objects.create(
                    session=session, employee=employees[employee_id], status=status, marked_by=user
                )
            elif attendance.status != status:
                previous = attendance.status
                attendance.status, attendance.marked_by = status, user
                attendance.marked_at = timezone.now()
                attendance.save(update_fields=["status", "marked_by", "marked_at"])
                if session.status == CourseSession.Status.HELD:
                    log(
                        instance=attendance,
                        action="courses.attendance_changed",
                        user=user,
                        data={"employee": str(attendance.employee), "from": previous, "to": status},
                    )
            saved.append(attendance)
            if status == Attendance.Status.PRESENT and session.course.requires_attendance:
                complete_course_if_done(employee=employees[employee_id], course=session.course)
        return saved
