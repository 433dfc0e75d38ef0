"""The synthetic organisation for benchmarks: sensible, repeatable, and replaceable."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from courses.models import (
    AssignmentRule,
    ComplianceStatus,
    CourseCompletion,
    CoursePage,
    ModuleCompletion,
    ModulePage,
    ModuleProgress,
)
from people.models import Employee, OrgUnit, Role
from quizzes.models import ModuleQuiz, QuizAnswer, QuizAttempt
from reports import dataset
from sessions.models import Attendance, Booking, CourseSession
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_dataset", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        Employee, OrgUnit, Role, CoursePage, ModulePage, QuizAttempt, QuizAnswer,
        ModuleCompletion, ModuleProgress, CourseCompletion, CourseSession, Booking, Attendance,
        ComplianceStatus, AssignmentRule,
    ]  # fmt: skip
    numbers = {model.__name__: model.objects.count() for model in models}
    # Not just as many rows: the same outcomes.
    numbers["scores"] = QuizAttempt.objects.aggregate(total=Sum("score"))["total"]
    numbers["statuses"] = sorted(
        ComplianceStatus.objects.values_list("status").annotate(n=Count("id"))
    )
    return numbers


@pytest.fixture
def summary(db):
    return generate("--employees", "60", "--seed", "3")


def test_a_small_organisation_with_history(summary):
    assert summary.startswith("Genererade 60 anställda")
    generated = Employee.objects.filter(employee_number__startswith=dataset.NUMBER_PREFIX)
    assert generated.count() == 60
    assert get_user_model().objects.filter(username__startswith="gen-").count() == 60

    units = OrgUnit.objects.filter(code__startswith=dataset.UNIT_PREFIX)
    assert set(units.values_list("depth", flat=True)) == {1, 2, 3, 4}
    assert set(units.filter(depth=2).values_list("kind", flat=True)) == {"namnd", "bolag"}
    assert OrgUnit.find_problems() == ([], [], [], [], [])
    # Every unit has someone who manages it.
    assert not units.annotate(n=Count("managers")).filter(n=0).exists()
    assert Role.objects.count() == 8

    courses = CoursePage.objects.live()
    assert courses.count() == 3
    assert courses.filter(requires_attendance=True).count() == 1
    for course in courses:
        modules = ModulePage.objects.child_of(course).live()
        assert 3 <= modules.count() <= 4
        for module in modules:
            assert len(ModuleQuiz.objects.get(page=module).questions) == 6

    # Everyone active has a status for the course assigned to all, and only the active do.
    everyone = AssignmentRule.objects.get(roles__isnull=True).course
    active = generated.filter(is_active=True)
    assert ComplianceStatus.objects.filter(course=everyone).count() == active.count()
    for rule in AssignmentRule.objects.filter(roles__isnull=False).distinct():
        assigned = rule.matching_employees().count()
        assert ComplianceStatus.objects.filter(course=rule.course).count() == assigned
    assert ComplianceStatus.objects.filter(status="completed").exists()
    # Some have left (the seed is fixed, so this is no accident): they keep no status.
    left = generated.filter(is_active=False)
    assert left.exists()
    assert not ComplianceStatus.objects.filter(employee__in=left).exists()


def test_the_history_keeps_the_rules(summary):
    now = timezone.now()
    completions = CourseCompletion.objects.all()
    assert completions.exists()
    assert not completions.filter(valid_until__lte=F("completed_at__date")).exists()
    assert not completions.filter(completed_at__gte=now).exists()

    # Attendance only at sessions that have taken place, and never past a session's seats.
    assert Attendance.objects.exists()
    assert not Attendance.objects.filter(session__starts_at__gte=now).exists()
    assert not Attendance.objects.filter(session__status="planned").exists()
    assert CourseSession.objects.filter(starts_at__gte=now, status="planned").exists()
    full = CourseSession.objects.with_counts().filter(booked_count__gt=F("capacity"))
    assert not full.exists()
    cancelled = Booking.objects.filter(status="cancelled")
    assert cancelled.exists()
    assert not cancelled.filter(cancelled_at__isnull=True).exists()

    # Every pass is a passed, graded attempt; failures come before some passes.
    attempts = QuizAttempt.objects.all()
    assert attempts.filter(passed=True).count() == ModuleCompletion.objects.count()
    assert attempts.filter(passed=False).exists()
    assert not attempts.filter(submitted_at__isnull=False, score__isnull=True).exists()
    assert not attempts.filter(Q(org_unit__isnull=True) | Q(org_unit_code="")).exists()
    assert not attempts.filter(role_codes=[]).exists()
    assert not attempts.filter(started_at__gt=F("submitted_at")).exists()
    answered = QuizAnswer.objects.values("attempt").annotate(n=Count("id"))
    assert {row["n"] for row in answered} == {dataset.QUESTIONS_PER_ATTEMPT}

    # The course that requires attendance is never complete without it in the round.
    course = CoursePage.objects.get(requires_attendance=True)
    for completion in CourseCompletion.objects.filter(course=course):
        assert Attendance.objects.filter(
            employee=completion.employee_id,
            session__course=course,
            status="present",
            session__ends_at__lte=completion.completed_at,
        ).exists()


def test_same_seed_same_data_and_reset_replaces_only_generated(db):
    someone_else = EmployeeFactory()
    generate("--employees", "60", "--seed", "3")
    first = counts()

    with pytest.raises(CommandError, match="--reset"):
        generate("--employees", "60", "--seed", "3")
    assert counts() == first

    out = generate("--employees", "60", "--seed", "3", "--reset")
    assert "ersatte 60" in out
    assert counts() == first

    generate("--employees", "40", "--seed", "3", "--reset")
    assert Employee.objects.filter(employee_number__startswith="GEN-").count() == 40
    assert get_user_model().objects.filter(username__startswith="gen-").count() == 40
    assert CoursePage.objects.count() == 3
    assert Employee.objects.filter(pk=someone_else.pk).exists()


def test_refuses_a_tiny_organisation(db):
    with pytest.raises(CommandError, match="minst"):
        generate("--employees", "5")
