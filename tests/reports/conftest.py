"""A small organisation whose follow-up figures are easy to count by hand.

    Vaksamby kommun
    ├── Nämnd A (Anna Chef leads it, sits here)  ── Enhet A1: four people
    └── Nämnd B                                   ── Enhet B1: Bertil Blom, Berit Berg

One course assigned to all seven, with statuses stored directly: dashboards only read them.
"""

from datetime import date, datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from courses.models import ComplianceStatus, CourseCompletion
from people.groups import HR, ensure_groups
from sessions.models import Attendance, Booking, CourseSession
from tests.factories import (
    ComplianceStatusFactory,
    EmployeeFactory,
    OrgUnitFactory,
    UserFactory,
)

S = ComplianceStatus.Status
PERIOD = {"start": "2026-01-01", "end": "2026-06-30"}


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def person(unit, first, last, roles, **kwargs):
    user = UserFactory(first_name=first, last_name=last)
    return EmployeeFactory(user=user, org_unit=unit, roles=roles, **kwargs)


@pytest.fixture
def org(course, roles):
    kommun = OrgUnitFactory(name="Vaksamby kommun", kind="kommun", code="K")
    a = OrgUnitFactory(parent=kommun, name="Nämnd A", kind="namnd", code="A")
    b = OrgUnitFactory(parent=kommun, name="Nämnd B", kind="namnd", code="B")
    a1 = OrgUnitFactory(parent=a, name="Enhet A1", code="A1")
    b1 = OrgUnitFactory(parent=b, name="Enhet B1", code="B1")
    staff, officer, boss = roles["medarbetare"], roles["handlaggare"], roles["chef"]

    people = SimpleNamespace(
        anna=person(a, "Anna", "Chef", [staff, boss], manages=[a]),
        a1=person(a1, "Alva", "Ahl", [staff, officer]),
        a2=person(a1, "Axel", "Ek", [staff, officer]),
        a3=person(a1, "Agnes", "Ås", [staff]),
        # A name a spreadsheet would run as a formula if it were not neutralised.
        a4=person(a1, "@SUM(1+1)", '=HYPERLINK("http://x")', [staff]),
        b1=person(b1, "Bertil", "Blom", [staff]),
        b2=person(b1, "Berit", "Berg", [staff]),
    )
    statuses = {
        "anna": S.IN_PROGRESS,
        "a1": S.COMPLETED,
        "a2": S.EXPIRING,
        "a3": S.OVERDUE,
        "a4": S.NOT_STARTED,
        "b1": S.COMPLETED,
        "b2": S.EXPIRED,
    }
    for name, status in statuses.items():
        ComplianceStatusFactory(
            employee=getattr(people, name), course=course, status=status, due_date=date(2026, 9, 1)
        )

    for name, day in [
        ("a1", date(2026, 3, 10)),
        ("b1", date(2026, 5, 5)),
        ("a2", date(2025, 1, 7)),
    ]:
        CourseCompletion.objects.create(
            employee=getattr(people, name),
            course=course,
            completed_at=at(day),
            valid_until=date(2028, 1, 1),
        )

    session = CourseSession.objects.create(
        course=course,
        starts_at=at(date(2026, 3, 15)),
        ends_at=at(date(2026, 3, 15), 11),
        booking_deadline=at(date(2026, 3, 13)),
        format=CourseSession.Format.ONLINE,
        status=CourseSession.Status.HELD,
    )
    for name in ("a1", "a3", "b1"):
        Booking.objects.create(
            session=session, employee=getattr(people, name), status=Booking.Status.CONFIRMED
        )
    for name, status in [("a1", "present"), ("a3", "absent"), ("b1", "present"), ("a4", "present")]:
        Attendance.objects.create(session=session, employee=getattr(people, name), status=status)

    return SimpleNamespace(
        kommun=kommun, a=a, b=b, a1=a1, b1=b1, people=people, course=course, session=session
    )


@pytest.fixture
def hr_client(client, org):
    # A fixed name: tests look for people's names on pages that also greet the reader.
    user = UserFactory(username="hr-analytiker", first_name="Hanna", last_name="Analytiker")
    user.groups.add(ensure_groups()[HR])
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(client, org):
    """Anna leads Nämnd A: everything in A, nothing of B."""
    client.force_login(org.people.anna.user)
    return client
