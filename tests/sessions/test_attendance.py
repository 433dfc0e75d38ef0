"""Registering attendance: who may, in bulk, walk-ins, imports, and the completion rule."""

from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import CourseCompletion
from courses.services import record_module_completion
from people.groups import ensure_groups
from sessions import booking
from sessions.forms import nth_weekday_dates
from sessions.models import Attendance, CourseSession
from tests.factories import CoursePageFactory, EmployeeFactory
from tests.sessions.test_sessions import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(login_as_member):
    return login_as_member("Kursansvarig")


@pytest.fixture
def booked_session(course, unit):
    session = make_session(course, capacity=10)
    people = [EmployeeFactory(org_unit=unit) for _ in range(3)]
    for person in people:
        booking.book(employee=person, session=session)
    # The session is under way now: attendance can be registered.
    now = timezone.now()
    CourseSession.objects.filter(pk=session.pk).update(
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        booking_deadline=now - timedelta(days=2),
    )
    session.refresh_from_db()
    session.people = people
    return session


def _url(session, name="attendance"):
    return reverse(f"course_sessions:{name}", args=[session.pk])


def test_coordinator_sees_booked_people_and_marks_them_in_bulk(client, coordinator, booked_session):
    content = client.get(_url(booked_session)).content.decode()
    for person in booked_session.people:
        assert person.full_name in content
    a, b, c = booked_session.people
    client.post(
        _url(booked_session),
        {"action": "save", f"status-{a.pk}": "present", f"status-{b.pk}": "absent",
         f"status-{c.pk}": "excused"},
    )  # fmt: skip
    marks = dict(Attendance.objects.values_list("employee_id", "status"))
    assert marks == {a.pk: "present", b.pk: "absent", c.pk: "excused"}


def test_mark_all_present(client, coordinator, booked_session):
    client.post(_url(booked_session), {"action": "all_present"})
    assert Attendance.objects.filter(status="present").count() == 3


def test_marks_for_people_not_on_the_list_or_bad_values_are_ignored(
    client, coordinator, booked_session, unit
):
    stranger = EmployeeFactory(org_unit=unit)
    a = booked_session.people[0]
    client.post(
        _url(booked_session),
        {"action": "save", f"status-{stranger.pk}": "present", f"status-{a.pk}": "hacked"},
    )
    assert not Attendance.objects.exists()


def test_walk_in_is_found_by_employee_number_and_added(client, coordinator, booked_session, unit):
    walk_in = EmployeeFactory(org_unit=unit, employee_number="W-777")
    content = client.get(_url(booked_session), {"q": "w-777"}).content.decode()
    assert walk_in.full_name in content
    client.post(_url(booked_session), {"action": "add", "employee": walk_in.pk})
    assert Attendance.objects.get(employee=walk_in).status == "present"
    assert "utan bokning" in client.get(_url(booked_session)).content.decode()


def test_changes_after_closing_are_logged_from_and_to(client, coordinator, booked_session):
    a = booked_session.people[0]
    client.post(_url(booked_session), {"action": "close", f"status-{a.pk}": "absent"})
    booked_session.refresh_from_db()
    assert booked_session.status == CourseSession.Status.HELD
    assert not ModelLogEntry.objects.filter(action="courses.attendance_changed").exists()
    client.post(_url(booked_session), {"action": "save", f"status-{a.pk}": "present"})
    entry = ModelLogEntry.objects.get(action="courses.attendance_changed")
    assert entry.user == coordinator.user
    assert (entry.data["from"], entry.data["to"]) == ("absent", "present")
    assert entry.data["employee"] == f"{a.full_name} ({a.employee_number})"


def test_learners_cannot_mark_attendance(client, booked_session, employee):
    ensure_groups()
    employee.user.groups.add(Group.objects.get(name="Medarbetare"))
    client.force_login(employee.user)
    a = booked_session.people[0]
    response = client.post(_url(booked_session), {"action": "save", f"status-{a.pk}": "present"})
    assert response.status_code in (302, 403)
    assert not Attendance.objects.exists()


def _upload(client, session, name, data):
    return client.post(_url(session, "attendance_import"), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ";")],
)
def test_import_reads_swedish_csv_variants_and_saves_nothing_before_confirming(
    client, coordinator, booked_session, encoding, separator
):
    a, b, _ = booked_session.people
    a.user.first_name, a.user.last_name = "Åke", "Öhrström"
    a.user.save()
    rows = [
        ["Namn", "E-post"],
        ["Åke Öhrström", ""],  # matched by name
        ["B", b.user.email.upper()],  # matched by e-mail, any case
        ["Okänd Person", "okand@example.org"],
        ["Åke Öhrström", ""],  # the same person again
    ]
    text = "\r\n".join(separator.join(row) for row in rows)
    response = _upload(client, booked_session, "deltagare.csv", text.encode(encoding))
    content = response.content.decode()
    assert response.status_code == 200
    assert "2 personer hittades" in content
    assert "Ingen aktiv anställd" in content and "Samma person som på rad 2" in content
    assert not Attendance.objects.exists()

    client.post(
        _url(booked_session, "attendance_import"),
        {"confirm": "1", "employee": [str(a.pk), str(b.pk)]},
    )
    assert set(Attendance.objects.values_list("employee_id", flat=True)) == {a.pk, b.pk}


def test_import_reads_xlsx(client, coordinator, booked_session):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Deltagare", "E-mail"])
    for person in booked_session.people:
        sheet.append([person.full_name, person.user.email])
    buffer = BytesIO()
    workbook.save(buffer)
    content = _upload(client, booked_session, "teams.xlsx", buffer.getvalue()).content.decode()
    assert "3 personer hittades" in content


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("lista.pdf", b"%PDF", "CSV- eller XLSX-fil"),
        ("lista.csv", b"Kolumn\r\nx", "kolumn med e-post eller namn"),
        ("lista.csv", b"", "är tom"),
    ],
)
def test_import_explains_bad_files_in_swedish(
    client, coordinator, booked_session, name, data, message
):
    response = _upload(client, booked_session, name, data)
    assert message in response.content.decode()


@pytest.fixture
def attendance_course(course):
    course.requires_attendance = True
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def test_attendance_required_course_completes_when_attendance_comes_last(
    attendance_course, employee
):
    """The modules were passed ten days ago, the session was held yesterday: the course is
    complete when the session ended, not when the last module was passed."""
    course = attendance_course
    passed_at = timezone.now() - timedelta(days=10)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, completed_at=passed_at)
    assert not CourseCompletion.objects.exists()
    session = make_session(course, starts_at=timezone.now() - timedelta(days=1),
                           booking_deadline=timezone.now() - timedelta(days=3))  # fmt: skip
    assert session.ends_at > passed_at
    booking.mark_attendance(session=session, marks={employee.pk: "present"}, user=None)
    completion = CourseCompletion.objects.get(employee=employee)
    assert completion.completed_at == session.ends_at


def test_attendance_required_course_completes_when_the_modules_come_last(
    attendance_course, employee
):
    course = attendance_course
    session = make_session(course, starts_at=timezone.now() - timedelta(days=30),
                           booking_deadline=timezone.now() - timedelta(days=32))  # fmt: skip
    booking.mark_attendance(session=session, marks={employee.pk: "present"}, user=None)
    record_module_completion(employee=employee, module=course.intro_module)
    assert not CourseCompletion.objects.exists()
    last = record_module_completion(employee=employee, module=course.jav_module)
    assert CourseCompletion.objects.get(employee=employee).completed_at == last.completed_at


def test_absence_does_not_complete_an_attendance_course(attendance_course, employee):
    course = attendance_course
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    session = make_session(course, starts_at=timezone.now() - timedelta(days=1),
                           booking_deadline=timezone.now() - timedelta(days=3))  # fmt: skip
    booking.mark_attendance(session=session, marks={employee.pk: "absent"}, user=None)
    assert not CourseCompletion.objects.exists()


def test_series_lands_on_the_same_weekday_of_the_same_week():
    from datetime import datetime

    dates = nth_weekday_dates(datetime(2027, 1, 12, 9, 0), count=6, interval_months=2)
    assert [d.strftime("%Y-%m-%d %a") for d in dates] == [
        "2027-01-12 Tue", "2027-03-09 Tue", "2027-05-11 Tue",
        "2027-07-13 Tue", "2027-09-14 Tue", "2027-11-09 Tue",
    ]  # fmt: skip


def test_coordinator_creates_a_year_of_sessions(client, coordinator, course):
    response = client.post(
        reverse("course_sessions:series"),
        {
            "course": course.pk, "first_date": "2027-01-12", "start_time": "09:00",
            "duration_minutes": 120, "count": 6, "interval_months": 2, "format": "on_site",
            "location": "Sal Ekorren", "meeting_url": "", "capacity": 25, "deadline_days": 2,
        },
    )  # fmt: skip
    assert response.status_code == 302
    sessions = CourseSession.objects.order_by("starts_at")
    assert sessions.count() == 6
    assert (
        timezone.localtime(sessions[1].starts_at).strftime("%Y-%m-%d %H:%M") == "2027-03-09 09:00"
    )
    assert sessions[0].booking_deadline == sessions[0].starts_at - timedelta(days=2)


def test_series_form_asks_for_the_meeting_link_of_online_sessions(client, coordinator, course):
    response = client.post(
        reverse("course_sessions:series"),
        {
            "course": course.pk, "first_date": "2027-01-12", "start_time": "09:00",
            "duration_minutes": 120, "count": 6, "interval_months": 2, "format": "online",
            "location": "", "meeting_url": "", "capacity": 25, "deadline_days": 2,
        },
    )  # fmt: skip
    assert "Ange möteslänken" in response.content.decode()
    assert not CourseSession.objects.exists()


def test_present_cannot_be_registered_before_the_session_starts(client, coordinator, course, unit):
    session = make_session(course, capacity=5)
    person = EmployeeFactory(org_unit=unit)
    booking.book(employee=person, session=session)
    response = client.post(
        _url(session), {"action": "save", f"status-{person.pk}": "present"}, follow=True
    )
    assert "först när tillfället har börjat" in response.content.decode()
    assert not Attendance.objects.exists()


def test_mark_all_present_keeps_absences_already_registered(client, coordinator, booked_session):
    a = booked_session.people[0]
    client.post(_url(booked_session), {"action": "save", f"status-{a.pk}": "absent"})
    client.post(_url(booked_session), {"action": "all_present"})
    assert Attendance.objects.get(employee=a).status == "absent"
    assert Attendance.objects.filter(status="present").count() == 2


def test_calling_off_a_session_cancels_and_tells_everyone_booked(
    client, coordinator, course, unit, django_capture_on_commit_callbacks
):
    from django.core import mail

    session = make_session(course, capacity=5)
    people = [EmployeeFactory(org_unit=unit) for _ in range(2)]
    for person in people:
        booking.book(employee=person, session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(session), {"action": "cancel_session"})
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert not session.bookings.exclude(status="cancelled").exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in people)
    assert all("inställt" in m.subject for m in mail.outbox)
    # Nobody is stranded: they can book another date of the same course.
    other = make_session(course, starts_at=timezone.now() + timedelta(days=60))
    assert booking.book(employee=people[0], session=other).status == "confirmed"


def _completed_last_round(course, employee):
    """The course completed a year and a half ago: modules passed, then the session attended."""
    long_ago = timezone.now() - timedelta(days=550)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, completed_at=long_ago)
    session = make_session(course, starts_at=long_ago + timedelta(days=1),
                           booking_deadline=long_ago - timedelta(days=1))  # fmt: skip
    booking.mark_attendance(session=session, marks={employee.pk: "present"}, user=None)
    return CourseCompletion.objects.get(employee=employee)


def _held_yesterday(course):
    yesterday = timezone.now() - timedelta(days=1)
    return make_session(course, starts_at=yesterday, booking_deadline=yesterday - timedelta(days=2))


def test_attending_again_completes_the_next_round_only_with_its_own_module_passes(
    attendance_course, employee
):
    """Recertification: the last round's passes do not count again; the course completes when
    this round's attendance and passes are all in."""
    course = attendance_course
    first = _completed_last_round(course, employee)
    session = _held_yesterday(course)
    booking.mark_attendance(session=session, marks={employee.pk: "present"}, user=None)
    assert list(CourseCompletion.objects.filter(employee=employee)) == [first]

    for _ in range(2):  # passing it again in the round changes nothing
        record_module_completion(employee=employee, module=course.intro_module)
        assert CourseCompletion.objects.count() == 1
    last = record_module_completion(employee=employee, module=course.jav_module)
    latest = CourseCompletion.objects.exclude(pk=first.pk).get(employee=employee)
    assert latest.completed_at == last.completed_at


def test_passing_again_does_not_complete_the_next_round_without_attending_in_it(
    attendance_course, employee, manager
):
    """Only the employee's own attendance at this course, in this round, counts: not the last
    round's, not a colleague's, not a session of another course."""
    course = attendance_course
    first = _completed_last_round(course, employee)
    booking.mark_attendance(
        session=_held_yesterday(course), marks={manager.pk: "present"}, user=None
    )
    other_course = CoursePageFactory(parent=course.get_parent(), title="Arbetsmiljö")
    booking.mark_attendance(
        session=_held_yesterday(other_course), marks={employee.pk: "present"}, user=None
    )
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    assert list(CourseCompletion.objects.filter(employee=employee, course=course)) == [first]


# Counts in the confirmation messages: "1 person" and "2 personer", never "1 personer".


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("marked", "expected"),
    [(1, "Närvaro sparad för 1 person."), (2, "Närvaro sparad för 2 personer.")],
)
def test_saved_attendance_counts_people_in_the_right_number(
    client, coordinator, booked_session, marked, expected
):
    data = {"action": "save"}
    for person in booked_session.people[:marked]:
        data[f"status-{person.pk}"] = "present"
    response = client.post(_url(booked_session), data, follow=True)
    assert expected in _messages(response)


@pytest.mark.parametrize(
    ("confirmed", "expected"),
    [
        (1, "1 person registrerad som närvarande."),
        (2, "2 personer registrerade som närvarande."),
    ],
)
def test_imported_attendance_counts_people_in_the_right_number(
    client, coordinator, booked_session, confirmed, expected
):
    ids = [str(person.pk) for person in booked_session.people[:confirmed]]
    response = client.post(
        _url(booked_session, "attendance_import"), {"confirm": "1", "employee": ids}, follow=True
    )
    assert expected in _messages(response)


@pytest.mark.parametrize(
    ("booked", "expected"),
    [
        (1, "Tillfället är inställt; 1 bokad har fått besked."),
        (2, "Tillfället är inställt; 2 bokade har fått besked."),
    ],
)
def test_calling_off_counts_those_told_in_the_right_number(
    client, coordinator, course, unit, booked, expected
):
    session = make_session(course, capacity=5)
    for _ in range(booked):
        booking.book(employee=EmployeeFactory(org_unit=unit), session=session)
    response = client.post(_url(session), {"action": "cancel_session"}, follow=True)
    assert expected in _messages(response)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 kurstillfälle skapat. Du kan ändra det i listan."),
        (2, "2 kurstillfällen skapade. Du kan ändra vart och ett i listan."),
    ],
)
def test_a_created_series_counts_sessions_in_the_right_number(
    client, coordinator, course, count, expected
):
    first = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("course_sessions:series"),
        {
            "course": course.pk, "first_date": first.isoformat(), "start_time": "09:00",
            "duration_minutes": 120, "count": count, "interval_months": 2, "format": "on_site",
            "location": "Sal Ekorren", "meeting_url": "", "capacity": 25, "deadline_days": 2,
        },
        follow=True,
    )  # fmt: skip
    assert expected in _messages(response)
