"""Booking course sessions: seats, the waiting list, e-mail with a calendar file, deadlines."""

from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses import booking
from courses.models import Booking, CourseSession
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def make_session(course, **fields) -> CourseSession:
    starts_at = fields.pop("starts_at", timezone.now() + timedelta(days=10))
    values = {
        "course": course,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "format": CourseSession.Format.ONLINE,
        "meeting_url": "https://moten.example.org/kurs",
        "capacity": 2,
        "booking_deadline": starts_at - timedelta(days=2),
    }
    values.update(fields)
    return CourseSession.objects.create(**values)


@pytest.fixture
def session(course):
    return make_session(course)


def test_booking_a_seat_confirms_and_mails_a_calendar_file(
    client, session, employee, django_capture_on_commit_callbacks
):
    client.force_login(employee.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("session_book", args=[session.pk]), follow=True)
    assert "Du är bokad" in response.content.decode()
    assert Booking.objects.get(employee=employee).status == Booking.Status.CONFIRMED
    [message] = mail.outbox
    assert message.to == [employee.user.email]
    assert "Bokningsbekräftelse" in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("kurstillfalle.ics", "text/calendar")
    # Django keeps a text/* attachment as str; the event must be this session's, at its time.
    text = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in text
    assert f"UID:kurstillfalle-{session.pk}@vaksam" in text
    assert f"DTSTART:{session.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in text
    assert session.meeting_url in text  # a confirmed seat gets the meeting link


def test_calendar_file_download(client, session, employee):
    client.force_login(employee.user)
    response = client.get(reverse("session_calendar", args=[session.pk]))
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar"
    assert "BEGIN:VCALENDAR" in body and "SUMMARY:" in body and session.course.title in body
    assert f"UID:kurstillfalle-{session.pk}@vaksam" in body


def test_a_full_session_puts_people_on_the_waiting_list_and_a_cancellation_moves_it_up(
    session, unit, django_capture_on_commit_callbacks
):
    people = [EmployeeFactory(org_unit=unit) for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        bookings = [booking.book(employee=person, session=session) for person in people]
    assert [b.status for b in bookings] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(booking=bookings[0])
    bookings[2].refresh_from_db()
    bookings[3].refresh_from_db()
    assert (bookings[2].status, bookings[3].status) == ("confirmed", "waitlisted")
    subjects = sorted(message.subject for message in mail.outbox)
    assert any("Du har fått en plats" in subject for subject in subjects)
    promoted = next(m for m in mail.outbox if "Du har fått en plats" in m.subject)
    assert promoted.to == [people[2].user.email] and promoted.attachments


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "cancelled"}, "inställt"),
        ({"booking_deadline_past": True}, "Sista dag att boka var"),
    ],
)
def test_closed_sessions_refuse_bookings_in_swedish(client, course, employee, change, message):
    if change.get("booking_deadline_past"):
        session = make_session(
            course,
            starts_at=timezone.now() + timedelta(hours=12),
            booking_deadline=timezone.now() - timedelta(hours=1),
        )
    else:
        session = make_session(course, **change)
    client.force_login(employee.user)
    response = client.post(reverse("session_book", args=[session.pk]), follow=True)
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_booking_twice_or_two_sessions_of_one_course_is_refused(session, course, employee):
    booking.book(employee=employee, session=session)
    with pytest.raises(booking.BookingError, match="redan anmäld till det här"):
        booking.book(employee=employee, session=session)
    other = make_session(course, starts_at=timezone.now() + timedelta(days=70))
    with pytest.raises(booking.BookingError, match="Avboka det först"):
        booking.book(employee=employee, session=other)
    assert Booking.objects.count() == 1


def test_cancelling_after_the_deadline_is_refused(course, employee):
    session = make_session(course)
    own = booking.book(employee=employee, session=session)
    CourseSession.objects.filter(pk=session.pk).update(
        booking_deadline=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(booking.BookingError, match="Kontakta kursansvarig"):
        booking.cancel(booking=own)


def test_employee_can_rebook_after_cancelling(session, employee):
    first = booking.book(employee=employee, session=session)
    booking.cancel(booking=first)
    again = booking.book(employee=employee, session=session)
    assert again.status == "confirmed"
    assert Booking.objects.filter(employee=employee).count() == 2  # the cancellation is kept


def test_session_list_shows_seats_and_own_booking(client, session, employee, unit):
    booking.book(employee=EmployeeFactory(org_unit=unit), session=session)
    client.force_login(employee.user)
    content = client.get(reverse("sessions")).content.decode()
    assert session.course.title in content
    assert "Boka" in content
    booking.book(employee=employee, session=session)
    content = client.get(reverse("sessions")).content.decode()
    assert "Fullt" in content and "Bokad" in content and "kalender" in content


def test_another_persons_booking_cannot_be_cancelled(client, session, employee, unit):
    other = EmployeeFactory(org_unit=unit)
    theirs = booking.book(employee=other, session=session)
    client.force_login(employee.user)
    assert client.post(reverse("session_cancel", args=[session.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "confirmed"


def test_a_raised_capacity_goes_to_those_already_waiting(session, unit):
    people = [EmployeeFactory(org_unit=unit) for _ in range(3)]
    for person in people:
        booking.book(employee=person, session=session)
    CourseSession.objects.filter(pk=session.pk).update(capacity=3)
    newcomer = booking.book(employee=EmployeeFactory(org_unit=unit), session=session)
    assert Booking.objects.get(employee=people[2]).status == "confirmed"
    assert newcomer.status == "waitlisted"


def test_a_line_break_in_the_course_title_does_not_break_the_mail(
    client, course, employee, django_capture_on_commit_callbacks
):
    """Security finding (low): the booking was saved, then the mail's header failed with 500."""
    course.title = "Otillåten\npåverkan"
    course.save()
    session = make_session(course)
    client.force_login(employee.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("session_book", args=[session.pk]))
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "Bokningsbekräftelse: Otillåten påverkan"
    message.message()  # builds the headers: raises on a line break


def test_the_meeting_link_is_only_for_those_with_a_seat(client, session, employee):
    client.force_login(employee.user)
    calendar = client.get(reverse("session_calendar", args=[session.pk])).content.decode()
    assert "SUMMARY:" in calendar and session.meeting_url not in calendar
    booking.book(employee=employee, session=session)
    calendar = client.get(reverse("session_calendar", args=[session.pk])).content.decode()
    assert session.meeting_url in calendar


def test_the_waiting_list_mail_has_no_meeting_link(
    course, employee, django_capture_on_commit_callbacks
):
    session = make_session(course, capacity=1)
    booking.book(employee=EmployeeFactory(org_unit=employee.org_unit), session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert booking.book(employee=employee, session=session).status == Booking.Status.WAITLISTED
    [message] = mail.outbox
    assert "väntelistan" in message.subject
    assert session.meeting_url not in message.body
    assert session.meeting_url not in message.alternatives[0][0]
