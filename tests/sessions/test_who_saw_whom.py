"""Who saw whom at a session: the participants on the attendance page, searches, imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import PersonalDataAccess
from sessions import booking
from tests.factories import EmployeeFactory
from tests.sessions.test_sessions import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(course, unit):
    session = make_session(course, capacity=10)
    session.people = [EmployeeFactory(org_unit=unit) for _ in range(2)]
    for person in session.people:
        booking.book(employee=person, session=session)
    return session


def _people(action: str) -> set[int]:
    access = PersonalDataAccess.objects.get(action=action)
    return set(access.people.values_list("employee_id", flat=True))


def test_a_walk_in_search_records_the_participants_and_the_people_found(
    client, login_as_member, session, unit
):
    login_as_member("Kursansvarig")
    walk_in = EmployeeFactory(org_unit=unit, employee_number="W-778")
    client.get(reverse("course_sessions:attendance", args=[session.pk]), {"q": "w-778"})
    assert _people("course_sessions.attendance") == {walk_in.pk, *(p.pk for p in session.people)}


def test_an_attendance_file_records_the_people_it_matched(client, login_as_member, session):
    login_as_member("Kursansvarig")
    person = session.people[0]
    data = f"Namn,E-post\r\nX,{person.user.email}\r\n".encode()
    client.post(
        reverse("course_sessions:attendance_import", args=[session.pk]),
        {"file": SimpleUploadedFile("deltagare.csv", data)},
    )
    assert _people("course_sessions.attendance_import") == {person.pk}
