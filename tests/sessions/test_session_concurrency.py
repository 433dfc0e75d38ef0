"""Two people book the last seat at the same moment: one gets it, one waits (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from sessions import booking
from sessions.models import Booking, CourseSession
from tests.factories import EmployeeFactory

pytestmark = [
    # Serialized rollback puts back what migrations created (Wagtail root page, locale) after
    # the flush that ends every transactional test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locking needs PostgreSQL (CI runs it)"
    ),
]


def test_last_seat_goes_to_exactly_one(course, unit):
    starts_at = timezone.now() + timedelta(days=5)
    session = CourseSession.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        format="online",
        capacity=1,
        booking_deadline=starts_at - timedelta(days=1),
    )
    people = [EmployeeFactory(org_unit=unit) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors = []

    def book(person):
        try:
            barrier.wait(timeout=10)
            booking.book(employee=person, session=session)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    statuses = sorted(Booking.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]
