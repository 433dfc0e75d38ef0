"""Booking course sessions: seats, the waiting list, e-mail with a calendar file, deadlines."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from people.models import Employee
from sessions import booking
from sessions.models import Booking, CourseSession
from tests.factories import CoursePageFactory, EmployeeFactory

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
    assert "BEGIN:VCALENDAR" in body and "SUMMARY;LANGUAGE=sv:" in body
    assert session.course.title in body
    # RFC 5545 requires both; calendar programs refuse a file without them.
    assert "VERSION:2.0" in body and "PRODID:-//Vaksam//Kurstillfällen//SV" in body
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
    assert "SUMMARY;LANGUAGE=sv:" in calendar and session.meeting_url not in calendar
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


# 10:00–12:00 Swedish time (CET) on a day after every frozen clock of `make test-clocks`.
FIXED_START = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "says", "has_seat"),
    [
        ("confirmed", "Du är bokad på kurstillfället", True),
        ("waitlisted", "du står på väntelistan", False),
        ("promoted", "du har flyttats från väntelistan", True),
        ("cancelled", "Din bokning är avbokad.", False),
        ("session_cancelled", "tyvärr inställt och din bokning är avbokad", False),
    ],
)
def test_each_booking_mail_says_what_happened_to_whom_and_when(
    course, unit, settings, django_capture_on_commit_callbacks, kind, says, has_seat
):
    settings.BASE_URL = "https://vaksam.kommun.example"
    session = make_session(course, starts_at=FIXED_START, capacity=1, location="Rum 3")
    first, second = EmployeeFactory(org_unit=unit), EmployeeFactory(org_unit=unit)
    with django_capture_on_commit_callbacks(execute=True):
        seat = booking.book(employee=first, session=session)
    if kind != "confirmed":
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            booking.book(employee=second, session=session)  # the waiting list
    if kind in {"promoted", "cancelled", "session_cancelled"}:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            if kind == "session_cancelled":
                booking.cancel_session(session=session)
            else:
                booking.cancel(booking=seat)
    person = second if kind in {"waitlisted", "promoted"} else first
    messages = [m for m in mail.outbox if m.to == [person.user.email]]
    message = messages[0]
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert says in text
        assert course.title in text
        assert "10 mars 2027 kl. 10.00–12.00" in text  # Swedish time, as Språkrådet writes it
        # Where to see, rebook or cancel: the site's public address.
        assert "https://vaksam.kommun.example/kurstillfallen/" in text
    assert message.alternatives[0][1] == "text/html"
    assert course.title in message.subject
    assert f"Hej {person.user.first_name}!" in message.body
    assert (session.meeting_url in message.body) is has_seat
    assert ("Rum 3" in message.body) is not has_seat
    calendar = [a for a in message.attachments if a[0] == "kurstillfalle.ics"]
    assert bool(calendar) is (kind in {"confirmed", "promoted", "session_cancelled"})
    if calendar:
        # The calendar file, like the mail, has the meeting link only for a seat.
        [(_, content, _)] = calendar
        text = content.decode() if isinstance(content, bytes) else content
        assert (session.meeting_url in text) is has_seat
    if kind == "session_cancelled":
        assert {m.to[0] for m in mail.outbox} == {first.user.email, second.user.email}


def test_a_cancellation_is_dated_and_a_called_off_session_leaves_earlier_ones_alone(
    course, unit, django_capture_on_commit_callbacks
):
    session = make_session(course)
    gone, staying = EmployeeFactory(org_unit=unit), EmployeeFactory(org_unit=unit)
    earlier = booking.cancel(booking=booking.book(employee=gone, session=session))
    assert earlier.cancelled_at is not None
    booking.book(employee=staying, session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert booking.cancel_session(session=session) == 1
    # Whoever had already cancelled is not told again, and keeps the day they cancelled.
    assert [m.to for m in mail.outbox] == [[staying.user.email]]
    assert Booking.objects.get(pk=earlier.pk).cancelled_at == earlier.cancelled_at
    called_off = Booking.objects.get(employee=staying)
    assert (called_off.status, called_off.cancelled_at is not None) == ("cancelled", True)
    assert CourseSession.objects.get(pk=session.pk).status == CourseSession.Status.CANCELLED


def test_a_refusal_names_the_deadline_in_swedish_time(course, employee):
    session = make_session(
        course,
        starts_at=timezone.now() + timedelta(hours=12),
        booking_deadline=datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
    )
    with pytest.raises(
        booking.BookingError, match="Sista dag att boka var 5 januari 2026 kl. 10.30"
    ):
        booking.book(employee=employee, session=session)


def test_the_calendar_file_holds_the_whole_event_and_a_called_off_one_is_cancelled(
    course, employee, settings
):
    settings.BASE_URL = "https://vaksam.kommun.example"
    session = make_session(course, starts_at=FIXED_START, location="Rum 3")
    event = icalendar.Calendar.from_ical(booking.calendar_file(session)).walk("VEVENT")[0]
    assert icalendar.Calendar.from_ical(booking.calendar_file(session))["METHOD"] == "PUBLISH"
    assert event["UID"] == f"kurstillfalle-{session.pk}@vaksam"
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        session.starts_at,
        session.ends_at,
    )
    assert event.decoded("DTSTAMP") <= timezone.now()
    assert str(event["SUMMARY"]) == course.title
    # Where to rebook or cancel, from the calendar entry itself.
    assert str(event["DESCRIPTION"]) == (
        f"Kurstillfälle i {course.title}.\nhttps://vaksam.kommun.example/kurstillfallen/"
    )
    assert (str(event["LOCATION"]), str(event["URL"])) == (session.meeting_url,) * 2
    assert "STATUS" not in event
    # Without a seat: the place and no link; a session with no place says its format.
    event = icalendar.Calendar.from_ical(
        booking.calendar_file(session, with_meeting_link=False)
    ).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Rum 3" and "URL" not in event
    session.location = ""
    event = icalendar.Calendar.from_ical(
        booking.calendar_file(session, with_meeting_link=False)
    ).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == session.get_format_display()
    # A called-off session's file replaces the invitation in the calendar as cancelled.
    booking.cancel_session(session=session)
    session.refresh_from_db()
    event = icalendar.Calendar.from_ical(booking.calendar_file(session)).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"


def test_attendance_records_who_registered_it_and_who_changed_it(course, employee, unit):
    session = make_session(course, starts_at=timezone.now() - timedelta(hours=3))
    first, second = EmployeeFactory(org_unit=unit), EmployeeFactory(org_unit=unit)
    [mark] = booking.mark_attendance(
        session=session, marks={employee.pk: "absent"}, user=first.user
    )
    assert (mark.status, mark.marked_by) == ("absent", first.user)
    booking.mark_attendance(session=session, marks={employee.pk: "present"}, user=second.user)
    mark.refresh_from_db()
    assert (mark.status, mark.marked_by) == ("present", second.user)
    # A change after the session is closed is logged with who made it, outside a request too.
    CourseSession.objects.filter(pk=session.pk).update(status=CourseSession.Status.HELD)
    session.refresh_from_db()
    booking.mark_attendance(session=session, marks={employee.pk: "absent"}, user=first.user)
    entry = ModelLogEntry.objects.get(action="courses.attendance_changed")
    assert (entry.user, entry.data["from"], entry.data["to"]) == (first.user, "present", "absent")


def test_the_refusal_names_the_session_of_the_course_already_booked(course, employee):
    booking.book(employee=employee, session=make_session(course, starts_at=FIXED_START))
    later = make_session(course, starts_at=FIXED_START + timedelta(days=60))
    with pytest.raises(
        booking.BookingError, match="redan anmäld till kurstillfället 10 mars 2027 kl. 10.00"
    ):
        booking.book(employee=employee, session=later)


@pytest.mark.parametrize(
    ("begun", "refused"),
    [
        (timedelta(seconds=1), False),  # begun a second ago: held, or under way
        (timedelta(0), True),  # begins this very moment
        (-timedelta(seconds=1), True),  # begins in a second
    ],
)
def test_only_a_booked_session_not_yet_begun_stands_in_the_way_of_the_next(
    course, employee, begun, refused
):
    """Someone booked on a session that has begun may book the next one of the course (a
    refresher, or a new try after missing it); a booking for another course never counts."""
    now = timezone.now().replace(microsecond=0)
    earlier = make_session(
        course, starts_at=now - begun, booking_deadline=now - begun - timedelta(days=2)
    )
    Booking.objects.create(session=earlier, employee=employee, status=Booking.Status.CONFIRMED)
    other_course = CoursePageFactory(parent=course.get_parent(), title="Informationssäkerhet")
    booking.book(employee=employee, session=make_session(other_course))
    later = make_session(course, starts_at=now + timedelta(days=30))
    with time_machine.travel(now, tick=False):
        if refused:
            with pytest.raises(booking.BookingError, match="Avboka det först"):
                booking.book(employee=employee, session=later)
        else:
            assert booking.book(employee=employee, session=later).status == "confirmed"
    assert Booking.objects.filter(session=later).exists() is not refused


def test_no_mail_goes_to_someone_without_an_address(
    course, employee, django_capture_on_commit_callbacks
):
    """An account may lack an address (not every employee has a mailbox): the booking is
    made, and no mail is sent to an empty address."""
    employee.user.email = ""
    employee.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        seat = booking.book(employee=employee, session=make_session(course))
    assert seat.status == "confirmed"
    assert mail.outbox == []


def test_a_pseudonymised_leaver_gets_no_mail_and_the_others_still_do(
    course, unit, django_capture_on_commit_callbacks
):
    """Retention keeps a leaver's bookings of sessions already held, without the account: a
    session called off afterwards (held by mistake, say) tells the others, and skips them."""
    session = make_session(course, capacity=5)
    leaver, staying = EmployeeFactory(org_unit=unit), EmployeeFactory(org_unit=unit)
    kept = booking.book(employee=leaver, session=session)
    booking.book(employee=staying, session=session)
    Employee.objects.filter(pk=leaver.pk).update(
        user=None, pseudonymised_at=timezone.now(), is_active=False
    )
    kept = Booking.objects.select_related("employee__user", "session__course").get(pk=kept.pk)
    mail.outbox.clear()
    booking.send_booking_email(kept, "session_cancelled")  # quietly nothing, no error
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert booking.cancel_session(session=session) == 2
    assert [m.to for m in mail.outbox] == [[staying.user.email]]
