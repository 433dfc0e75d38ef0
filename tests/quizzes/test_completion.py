"""Course completion: every module meant for the learner, recorded at once, kept forever."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses.dates import add_months
from courses.models import AssignmentRule, ComplianceStatus, CourseCompletion, ModuleCompletion
from courses.services import record_module_completion, record_module_read, revoke_completion
from quizzes.models import QuizAttempt
from quizzes.services import start_attempt, submit_attempt
from tests.factories import CoursePageFactory, ModulePageFactory
from tests.quizzes.conftest import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def take(employee, module, *, right=True, when=None):
    attempt = start_attempt(employee=employee, module=module)
    answers = right_answers(attempt) if right else wrong_answers(attempt)
    return submit_attempt(attempt=attempt, answers=answers, submitted_at=when)


def test_employee_completes_the_course_without_the_managers_module(quiz_course, employee):
    take(employee, quiz_course.intro_module)
    assert not CourseCompletion.objects.exists()
    last = take(employee, quiz_course.jav_module)
    completion = CourseCompletion.objects.get(employee=employee, course=quiz_course)
    assert completion.completed_at == last.submitted_at
    assert completion.valid_until == add_months(
        timezone.localdate(last.submitted_at), quiz_course.validity_months
    )
    # Completing issues the certificate, in the same transaction.
    assert Certificate.objects.get(completion=completion).employee == employee


def test_manager_needs_the_recruitment_module_too(quiz_course, manager):
    take(manager, quiz_course.intro_module)
    take(manager, quiz_course.jav_module)
    assert not CourseCompletion.objects.exists()
    take(manager, quiz_course.recruitment_module)
    assert CourseCompletion.objects.filter(employee=manager).count() == 1


def test_first_pass_sets_the_date_and_later_attempts_are_kept_without_moving_it(
    quiz_course, employee
):
    first = take(employee, quiz_course.intro_module, when=timezone.now() - timedelta(days=5))
    again = take(employee, quiz_course.intro_module)
    assert again.passed and again.pk != first.pk
    [completion] = ModuleCompletion.objects.filter(employee=employee)
    assert completion.completed_at == first.submitted_at
    assert QuizAttempt.objects.filter(employee=employee).count() == 2


def test_after_expiry_a_new_round_is_needed_and_history_stays(quiz_course, employee):
    long_ago = timezone.now() - timedelta(days=800)
    take(employee, quiz_course.intro_module, when=long_ago)
    take(employee, quiz_course.jav_module, when=long_ago + timedelta(hours=1))
    old = CourseCompletion.objects.get(employee=employee)
    assert not old.is_valid()

    take(employee, quiz_course.intro_module)
    assert CourseCompletion.objects.count() == 1  # Jäv must be passed again too
    take(employee, quiz_course.jav_module)
    assert CourseCompletion.objects.count() == 2
    assert CourseCompletion.objects.valid_on(timezone.localdate()).get(employee=employee)
    assert ModuleCompletion.objects.filter(employee=employee).count() == 4
    assert QuizAttempt.objects.filter(employee=employee).count() == 4


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 24) == date(2028, 11, 15)


def test_mina_kurser_shows_passed_modules_and_the_course_valid_until(client, quiz_course, employee):
    take(employee, quiz_course.intro_module)
    client.force_login(employee.user)
    content = client.get(reverse("my_courses")).content.decode()
    assert "Godkänd" in content and "1 modul kvar att klara." in content
    take(employee, quiz_course.jav_module)
    content = client.get(reverse("my_courses")).content.decode()
    completion = CourseCompletion.objects.get(employee=employee)
    assert "Klar" in content
    assert f"Giltig till och med {completion.valid_until.day}" in content


def test_module_page_offers_the_quiz_and_shows_a_pass(client, quiz_course, employee):
    client.force_login(employee.user)
    content = client.get(quiz_course.intro_module.url).content.decode()
    assert "Gör kunskapstestet" in content
    take(employee, quiz_course.intro_module)
    content = client.get(quiz_course.intro_module.url).content.decode()
    assert "Du är godkänd på modulen: 100 procent" in content


def test_a_module_without_a_quiz_is_done_once_read(client, quiz_course, employee):
    reading = ModulePageFactory(parent=quiz_course, title="Läsning")
    take(employee, quiz_course.intro_module)
    take(employee, quiz_course.jav_module)
    assert not CourseCompletion.objects.exists()
    client.force_login(employee.user)
    client.get(reading.url)
    assert ModuleCompletion.objects.filter(employee=employee, module=reading).exists()
    assert CourseCompletion.objects.filter(employee=employee).count() == 1


def test_passing_again_completes_a_course_whose_requirements_shrank(quiz_course, employee):
    take(employee, quiz_course.intro_module)
    quiz_course.jav_module.unpublish()
    take(employee, quiz_course.intro_module)
    assert CourseCompletion.objects.filter(employee=employee).count() == 1


def test_only_the_employees_own_passes_of_required_modules_complete_and_date_the_course(
    quiz_course, employee, manager
):
    """A colleague's passes and completion never count for the employee, nor the employee's own
    pass of a module not meant for their roles (passed while they were a manager): none of them
    completes the course, starts a new round or moves the completion's date, from which the
    certificate's validity is counted."""
    now = timezone.now()
    for module in (
        quiz_course.intro_module,
        quiz_course.jav_module,
        quiz_course.recruitment_module,
    ):
        take(manager, module, when=now - timedelta(days=1))
    assert CourseCompletion.objects.filter(employee=manager).count() == 1
    record_module_completion(
        employee=employee,
        module=quiz_course.recruitment_module,
        completed_at=now - timedelta(days=1),
    )
    take(employee, quiz_course.jav_module, when=now - timedelta(days=10))
    assert not CourseCompletion.objects.filter(employee=employee).exists()
    take(employee, quiz_course.intro_module, when=now - timedelta(days=5))
    completion = CourseCompletion.objects.get(employee=employee)
    assert completion.completed_at == now - timedelta(days=5)


def test_completing_another_course_does_not_start_a_new_round_of_this_one(quiz_course, employee):
    now = timezone.now()
    take(employee, quiz_course.intro_module, when=now - timedelta(days=10))
    other_course = CoursePageFactory(parent=quiz_course.get_parent(), title="Arbetsmiljö")
    reading = ModulePageFactory(parent=other_course, title="Skyddsronder")
    record_module_completion(
        employee=employee, module=reading, completed_at=now - timedelta(days=5)
    )
    assert CourseCompletion.objects.get(employee=employee).course_id == other_course.pk
    take(employee, quiz_course.jav_module)
    assert CourseCompletion.objects.filter(employee=employee, course=quiz_course).count() == 1


def test_a_revoked_completion_must_be_earned_again(quiz_course, employee):
    """Revoking (a certificate found to be wrong) takes the course off the employee's record
    at once; revoking it again keeps the first moment; passing the modules again completes it."""
    AssignmentRule.objects.create(name="Alla", course=quiz_course, due_days=30)
    take(employee, quiz_course.intro_module)
    assert ComplianceStatus.objects.get(employee=employee).status == "in_progress"  # a pass
    take(employee, quiz_course.jav_module)
    completion = CourseCompletion.objects.get(employee=employee)
    assert ComplianceStatus.objects.get(employee=employee).status == "completed"

    revoke_completion(completion=completion)
    completion.refresh_from_db()
    revoked_at = completion.revoked_at
    assert revoked_at is not None and not completion.is_valid()
    row = ComplianceStatus.objects.get(employee=employee)
    assert (row.status, row.valid_until) == ("not_started", None)
    revoke_completion(completion=CourseCompletion.objects.get(pk=completion.pk))
    completion.refresh_from_db()
    assert completion.revoked_at == revoked_at

    take(employee, quiz_course.intro_module)
    take(employee, quiz_course.jav_module)
    assert CourseCompletion.objects.valid_on(timezone.localdate()).get(employee=employee)
    assert ComplianceStatus.objects.get(employee=employee).status == "completed"


def test_reading_counts_for_the_reader_only(course, employee, manager):
    """A module without a quiz is passed by reading it: a colleague's reading is not the
    employee's."""
    record_module_read(employee=manager, module=course.intro_module)
    record_module_read(employee=employee, module=course.intro_module)
    assert ModuleCompletion.objects.filter(employee=employee, module=course.intro_module).exists()


def test_reading_again_in_a_new_round_counts_toward_it(course, employee):
    """Passes before the last completion belong to its round; after it, reading the module
    again is a pass of the new round, even when older rounds never covered the whole course."""
    long_ago = timezone.now() - timedelta(days=800)
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, completed_at=long_ago)
    completed = CourseCompletion.objects.get(employee=employee)
    ModulePageFactory(parent=course, title="Nyheter i lagen")  # added after that round
    record_module_read(employee=employee, module=course.intro_module)
    passes = ModuleCompletion.objects.filter(employee=employee, module=course.intro_module)
    assert passes.filter(completed_at__gt=completed.completed_at).count() == 1
    assert CourseCompletion.objects.count() == 1


def test_reading_again_completes_a_course_whose_requirements_shrank(course, employee):
    record_module_read(employee=employee, module=course.intro_module)
    course.jav_module.unpublish()
    assert not CourseCompletion.objects.exists()
    record_module_read(employee=employee, module=course.intro_module)
    assert CourseCompletion.objects.filter(employee=employee).count() == 1
    assert ModuleCompletion.objects.filter(employee=employee).count() == 1
