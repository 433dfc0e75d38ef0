"""The dashboards' query counts do not grow with the data (asserted at two sizes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import CourseCompletion
from sessions.models import Attendance
from tests.factories import ComplianceStatusFactory, OrgUnitFactory, RoleFactory
from tests.reports.conftest import PERIOD, at, person

VIEWS = ["overview", "trend", "sessions", "people", "questions"]


def queries(client, name) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(f"reports:{name}"), PERIOD).status_code == 200
    return len(captured)


def grow(org, course, times: int) -> None:
    """More units, roles and people with statuses, completions and attendance."""
    for n in range(times):
        unit = OrgUnitFactory(parent=org.a1, name=f"Grupp {n}", code=f"G{n}")
        role = RoleFactory(code=f"extra-{n}")
        for m in range(4):
            employee = person(unit, f"Extra{n}", f"Person{m}", [role])
            ComplianceStatusFactory(employee=employee, course=course, status="completed")
            CourseCompletion.objects.create(
                employee=employee,
                course=course,
                completed_at=at(org.session.starts_at.date()),
                valid_until=org.session.starts_at.date().replace(year=2028),
            )
            Attendance.objects.create(session=org.session, employee=employee, status="present")


@pytest.mark.parametrize("name", VIEWS)
def test_query_count_is_the_same_for_a_bigger_organisation(hr_client, org, course, name):
    queries(hr_client, name)  # warms per-process caches (site, settings, content types)
    small = queries(hr_client, name)
    grow(org, course, times=6)
    assert queries(hr_client, name) == small
