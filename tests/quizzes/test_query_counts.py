"""Starting, taking and submitting a quiz cost a fixed number of queries, whatever the history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import QuizAttempt
from quizzes.services import start_attempt, submit_attempt
from tests.quizzes.conftest import post_data, right_answers

pytestmark = pytest.mark.django_db

# With a warm cache, on the test settings (database sessions: one query more than production).
MAX_QUERIES = {"start": 17, "take": 5, "submit": 17}


def _counts(client, module) -> dict[str, int]:
    counts = {}
    with CaptureQueriesContext(connection) as queries:
        started = client.post(reverse("quizzes:start", args=[module.pk]))
    counts["start"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(started["Location"]).status_code == 200
    counts["take"] = len(queries)
    attempt = QuizAttempt.objects.open().get(module=module)
    with CaptureQueriesContext(connection) as queries:
        submitted = client.post(started["Location"], post_data(right_answers(attempt)))
    assert submitted.status_code == 302
    counts["submit"] = len(queries)
    return counts


def _history(employee, module, attempts: int) -> None:
    for _ in range(attempts):
        submit_attempt(
            attempt=(attempt := start_attempt(employee=employee, module=module)),
            answers=right_answers(attempt),
        )


def test_quiz_requests_cost_the_same_with_one_and_ten_earlier_attempts(
    client, quiz_course, employee
):
    client.force_login(employee.user)
    module = quiz_course.intro_module
    _history(employee, module, 1)
    _counts(client, module)  # warm-up: the site frame and the header's flags are cached
    one = _counts(client, module)
    _history(employee, module, 9)
    ten = _counts(client, module)
    assert one == ten
    assert all(one[name] <= MAX_QUERIES[name] for name in MAX_QUERIES), one
