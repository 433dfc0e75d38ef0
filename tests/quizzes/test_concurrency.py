"""Two submissions of one attempt at the same moment: exactly one graded result (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from courses.models import ModuleCompletion
from quizzes.models import QuizAnswer, QuizAttempt
from quizzes.services import start_attempt, submit_attempt
from tests.quizzes.conftest import right_answers

pytestmark = [
    # Serialized rollback puts back what migrations created (Wagtail root page, locale) after
    # the flush that ends every transactional test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locking needs PostgreSQL (CI runs it)"
    ),
]


def test_concurrent_submissions_grade_once(quiz_course, employee):
    attempt = start_attempt(employee=employee, module=quiz_course.intro_module)
    answers = right_answers(attempt)
    barrier = threading.Barrier(4)
    errors = []

    def submit():
        try:
            copy = QuizAttempt.objects.get(pk=attempt.pk)  # each thread read it unsubmitted
            barrier.wait(timeout=10)
            submit_attempt(attempt=copy, answers=answers)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert QuizAnswer.objects.filter(attempt=attempt).count() == len(attempt.questions)
    assert ModuleCompletion.objects.filter(employee=employee).count() == 1
    attempt.refresh_from_db()
    assert attempt.passed is True
