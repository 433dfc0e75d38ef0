"""The learner's main pages cost a fixed number of queries, however long their history.

Each page is counted after a warm-up request (the site frame and the header's flags are
cached then, as on a running server), once with one completed round of the course and once
with ten, each round with its module passes, a course completion and a certificate.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.services import issue_certificate
from courses.models import CourseCompletion, ModuleCompletion, ModuleProgress

pytestmark = pytest.mark.django_db

# The most each page may take with a warm cache; the counts do not depend on history.
# (With the test settings' database sessions: one query more than with the cache in front.)
MAX_QUERIES = {
    "home": 3,
    "my_courses": 9,
    # The learner's states as on Mina kurser: modules, openings, passes, completions, status.
    "course_page": 10,
    # The introduction has no quiz: reading it again checks, without a lock, that the pass of
    # this round is recorded and the course's requirements are not newly met.
    "module_page": 18,
    "my_certificates": 4,
    "sessions": 5,
}


def _pages(course) -> dict[str, str]:
    return {
        "home": "/",
        "my_courses": reverse("my_courses"),
        "course_page": course.url,
        "module_page": course.intro_module.url,
        "my_certificates": reverse("certificates:mine"),
        "sessions": reverse("sessions"),
    }


def _add_rounds(employee, course, rounds: int, *, start: int = 0) -> None:
    """Completed rounds of the course, a year apart, each with passes and a certificate."""
    now = timezone.now()
    for number in range(start, start + rounds):
        when = now - timedelta(days=365 * (number + 1))
        for module in (course.intro_module, course.jav_module):
            ModuleCompletion.objects.create(
                employee=employee, module=module, completed_at=when, score=100
            )
        completion = CourseCompletion.objects.create(
            employee=employee,
            course=course,
            completed_at=when,
            valid_until=(when + timedelta(days=730)).date(),
        )
        issue_certificate(completion=completion)


def _counts(client, course) -> dict[str, int]:
    counts = {}
    for name, url in _pages(course).items():
        assert client.get(url).status_code == 200  # warm-up
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    return counts


def test_learner_pages_cost_the_same_with_one_and_ten_rounds_of_history(client, course, employee):
    client.force_login(employee.user)
    ModuleProgress.record_open(employee=employee, module=course.intro_module)
    _add_rounds(employee, course, 1)
    one = _counts(client, course)
    _add_rounds(employee, course, 9, start=1)
    ten = _counts(client, course)
    assert ten == one
    assert CourseCompletion.objects.filter(employee=employee).count() == 10


@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_learner_page_query_budget(page, client, course, employee, django_assert_max_num_queries):
    client.force_login(employee.user)
    _add_rounds(employee, course, 3)
    url = _pages(course)[page]
    assert client.get(url).status_code == 200  # warm-up
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        assert client.get(url).status_code == 200
