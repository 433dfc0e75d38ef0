"""The result of the quiz that completes the course says so and links the certificate."""

import pytest
from django.urls import reverse

from courses.models import CourseCompletion
from quizzes.models import QuizAttempt
from quizzes.services import start_attempt, submit_attempt
from tests.quizzes.conftest import post_data, right_answers

pytestmark = pytest.mark.django_db


def _pass(employee, module):
    attempt = start_attempt(employee=employee, module=module)
    submit_attempt(attempt=attempt, answers=right_answers(attempt))


def _submit_through_the_views(client, employee, module) -> str:
    """Start, answer everything right and submit as the browser does; the result page's HTML."""
    started = client.post(reverse("quizzes:start", args=[module.pk]))
    attempt = QuizAttempt.objects.open().get(employee=employee, module=module)
    response = client.post(started["Location"], post_data(right_answers(attempt)), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("quizzes:result", args=[attempt.public_id])
    return response.content.decode()


def test_passing_the_last_module_says_the_course_is_done_and_links_the_certificate(
    client, quiz_course, employee
):
    client.force_login(employee.user)
    first = _submit_through_the_views(client, employee, quiz_course.intro_module)
    assert "Godkänt" in first
    assert "Kursen är klar" not in first  # one module is left
    content = _submit_through_the_views(client, employee, quiz_course.jav_module)
    certificate = CourseCompletion.objects.get(employee=employee).certificate
    assert "Kursen är klar" in content
    assert "Du har klarat kursen Otillåten påverkan." in content
    assert reverse("certificates:download", args=[certificate.display_code]) in content
    assert reverse("certificates:mine") in content


def test_a_retake_after_the_course_is_done_is_about_the_module_only(client, quiz_course, employee):
    _pass(employee, quiz_course.intro_module)
    _pass(employee, quiz_course.jav_module)
    client.force_login(employee.user)
    content = _submit_through_the_views(client, employee, quiz_course.intro_module)
    assert "Godkänt" in content
    assert "Kursen är klar" not in content


def test_an_earlier_pass_seen_again_after_the_course_is_done_says_nothing_of_it(
    client, quiz_course, employee
):
    client.force_login(employee.user)
    _submit_through_the_views(client, employee, quiz_course.intro_module)
    first = QuizAttempt.objects.get(employee=employee, module=quiz_course.intro_module)
    _pass(employee, quiz_course.jav_module)
    content = client.get(reverse("quizzes:result", args=[first.public_id])).content.decode()
    assert "Godkänt" in content
    assert "Kursen är klar" not in content


def test_the_module_page_of_the_pass_that_completed_the_course_does_not_repeat_it(
    client, quiz_course, employee
):
    """The result page said so once; later visits to the module are about the module."""
    client.force_login(employee.user)
    _submit_through_the_views(client, employee, quiz_course.intro_module)
    assert "Kursen är klar" in _submit_through_the_views(client, employee, quiz_course.jav_module)
    assert "course-complete" not in client.get(quiz_course.jav_module.url).content.decode()
