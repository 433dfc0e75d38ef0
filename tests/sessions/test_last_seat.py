"""The last seat, on every database: booking decides under the session's lock, from the rows.

A booking that read the session while a seat was free, and reaches the lock after someone
took that seat, must land in the waiting list. The threaded test in
test_session_concurrency.py races real connections (PostgreSQL); here the second booking
holds a copy of the session read before the first one, which is what the race leaves it with.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions import booking
from sessions.models import Booking, CourseSession
from tests.factories import EmployeeFactory
from tests.sessions.test_sessions import make_session

pytestmark = pytest.mark.django_db


def test_a_free_seat_is_confirmed(course, unit):
    session = make_session(course, capacity=1)
    person = EmployeeFactory(org_unit=unit)
    assert booking.book(employee=person, session=session).status == Booking.Status.CONFIRMED


def test_a_booking_that_read_the_seat_free_waits_once_someone_else_took_it(course, unit):
    session = make_session(course, capacity=1)
    stale = CourseSession.objects.get(pk=session.pk)  # read while the seat was free
    first, second = EmployeeFactory(org_unit=unit), EmployeeFactory(org_unit=unit)
    assert booking.book(employee=first, session=session).status == Booking.Status.CONFIRMED

    assert booking.book(employee=second, session=stale).status == Booking.Status.WAITLISTED
    assert sorted(Booking.objects.values_list("status", flat=True)) == [
        "confirmed",
        "waitlisted",
    ]


def test_the_session_is_read_again_under_the_lock_not_taken_from_the_caller(course, unit):
    """Capacity lowered after the caller read the session: the stored capacity decides."""
    session = make_session(course, capacity=2)
    stale = CourseSession.objects.get(pk=session.pk)
    booking.book(employee=EmployeeFactory(org_unit=unit), session=session)
    CourseSession.objects.filter(pk=session.pk).update(capacity=1)
    with CaptureQueriesContext(connection) as queries:
        late = booking.book(employee=EmployeeFactory(org_unit=unit), session=stale)
    assert late.status == Booking.Status.WAITLISTED
    if connection.features.has_select_for_update:
        # The row lock that queues concurrent bookings (SQLite locks the whole database).
        assert any(
            "FOR UPDATE" in query["sql"] and '"courses_coursesession"' in query["sql"]
            for query in queries.captured_queries
        )


def test_a_capacity_lowered_below_the_bookings_puts_the_next_one_in_the_waiting_list(course, unit):
    session = make_session(course, capacity=3)
    for _ in range(3):
        booking.book(employee=EmployeeFactory(org_unit=unit), session=session)
    CourseSession.objects.filter(pk=session.pk).update(capacity=1)
    late = booking.book(employee=EmployeeFactory(org_unit=unit), session=session)
    assert late.status == Booking.Status.WAITLISTED
    assert Booking.objects.filter(status=Booking.Status.CONFIRMED).count() == 3
