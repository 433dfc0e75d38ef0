"""Workflows that other apps call: recording that a learner completed a module."""

import calendar
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from courses.models import CourseCompletion, CoursePage, ModuleCompletion, ModulePage
from people.models import Employee


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def required_modules(*, employee: Employee, course: CoursePage):
    """The live modules of the course meant for the employee's roles."""
    return ModulePage.objects.child_of(course).live().for_employee(employee)


def course_requirements_met(*, employee: Employee, course: CoursePage, since) -> bool:
    """Whether every module meant for the employee has been passed in this round."""
    required = set(required_modules(employee=employee, course=course).values_list("pk", flat=True))
    passed = set(
        ModuleCompletion.objects.in_round(since)
        .filter(employee=employee, module_id__in=required)
        .values_list("module_id", flat=True)
    )
    return bool(required) and required <= passed


@transaction.atomic
def record_module_completion(
    *,
    employee: Employee,
    module: ModulePage,
    completed_at: datetime | None = None,
    score: int | None = None,
) -> ModuleCompletion:
    """Record that the employee passed the module, and complete the course if that was the last.

    Called inside the caller's transaction (the graded attempt), so the attempt and the
    completion are saved together or not at all. The first pass in a round is kept; a later
    pass returns it unchanged.
    """
    completed_at = completed_at or timezone.now()
    # Serialise completions per employee, so two modules passed at once cannot both miss the
    # other and leave the course incomplete.
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    course = module.get_parent().specific
    since = CourseCompletion.objects.round_start(employee=employee, course=course)

    existing = (
        ModuleCompletion.objects.in_round(since)
        .filter(employee=employee, module=module)
        .order_by("completed_at")
        .first()
    )
    if existing is not None:
        return existing

    completion = ModuleCompletion.objects.create(
        employee=employee, module=module, completed_at=completed_at, score=score
    )
    if course_requirements_met(employee=employee, course=course, since=since):
        course_completion = CourseCompletion.objects.create(
            employee=employee,
            course=course,
            completed_at=completed_at,
            valid_until=add_months(timezone.localdate(completed_at), course.validity_months),
        )
        # Apps built on courses act on a completion here (certificates issue one), in the
        # same transaction, so a completion never exists without what follows from it.
        for on_completed in hooks.get_hooks("course_completed"):
            on_completed(completion=course_completion)
    return completion
