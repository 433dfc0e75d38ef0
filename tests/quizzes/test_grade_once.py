"""Grading once, on every database: the conditional update's two paths driven directly.

Two submissions of one attempt both read it unsubmitted; only the first to write may grade it.
The threaded test in test_concurrency.py races real connections (PostgreSQL); here the second
submission simply holds a copy read before the first one was saved, which is exactly what the
race leaves it with.
"""

import pytest

from courses.models import ModuleCompletion
from quizzes.models import QuizAnswer, QuizAttempt
from quizzes.services import start_attempt, submit_attempt
from tests.quizzes.conftest import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def test_the_first_submission_claims_the_attempt_and_grades_it(quiz_course, employee):
    attempt = start_attempt(employee=employee, module=quiz_course.intro_module)
    graded = submit_attempt(attempt=attempt, answers=right_answers(attempt))
    assert graded.is_submitted and graded.passed is True and graded.score == 100
    assert QuizAnswer.objects.filter(attempt=attempt, correct=True).count() == 4
    assert ModuleCompletion.objects.filter(employee=employee).count() == 1


def test_a_submission_that_read_the_attempt_unsubmitted_but_lost_the_race_changes_nothing(
    quiz_course, employee
):
    attempt = start_attempt(employee=employee, module=quiz_course.intro_module)
    stale = QuizAttempt.objects.get(pk=attempt.pk)  # read before the first submission lands
    first = submit_attempt(attempt=attempt, answers=wrong_answers(attempt))
    assert first.passed is False
    assert not stale.is_submitted  # it still believes it may grade

    second = submit_attempt(attempt=stale, answers=right_answers(stale))

    # The first result stands: no second set of answers, no pass recorded from the loser.
    assert (second.submitted_at, second.score, second.passed) == (
        first.submitted_at,
        first.score,
        False,
    )
    assert QuizAnswer.objects.filter(attempt=attempt).count() == len(attempt.questions)
    assert not QuizAnswer.objects.filter(attempt=attempt, correct=True).exists()
    assert not ModuleCompletion.objects.filter(employee=employee).exists()


def test_a_failed_attempt_records_no_module_pass(quiz_course, employee):
    attempt = start_attempt(employee=employee, module=quiz_course.intro_module)
    graded = submit_attempt(attempt=attempt, answers=wrong_answers(attempt))
    assert graded.is_submitted and graded.passed is False and graded.score == 0
    assert QuizAnswer.objects.filter(attempt=attempt).count() == len(attempt.questions)
    assert not ModuleCompletion.objects.filter(employee=employee).exists()


def test_submitting_grades_only_that_attempt_and_keeps_each_chosen_answer(
    quiz_course, employee, manager
):
    """A colleague's open attempt stays open, and the answers record what was chosen (the
    result page and an appeal show them)."""
    colleagues = start_attempt(employee=manager, module=quiz_course.intro_module)
    attempt = start_attempt(employee=employee, module=quiz_course.intro_module)
    answers = {question_id: ids[::-1] for question_id, ids in right_answers(attempt).items()}
    graded = submit_attempt(attempt=attempt, answers=answers)
    assert (graded.correct_count, graded.score, graded.passed) == (4, 100, True)

    colleagues.refresh_from_db()
    assert colleagues.submitted_at is None and colleagues.score is None
    stored = dict(QuizAnswer.objects.filter(attempt=attempt).values_list("question_id", "selected"))
    assert stored == {question_id: sorted(ids) for question_id, ids in answers.items()}
    assert len(next(ids for ids in stored.values() if len(ids) > 1)) == 2  # the multiple choice
