"""Workflows that other apps call: recording what a learner has completed."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail import hooks

from courses.compliance import recompute_compliance
from courses.dates import add_months
from courses.models import CourseCompletion, CoursePage, ModuleCompletion, ModulePage
from people.models import Employee


def required_modules(*, employee: Employee, course: CoursePage):
    """The live modules of the course meant for the employee's roles."""
    return ModulePage.objects.child_of(course).live().for_employee(employee)


@dataclass(frozen=True)
class Requirement:
    """A provider's answer about one extra requirement of a course, in the employee's round.

    `met_at`: when it was met (the latest moment that counts), or None while it is not.
    """

    met_at: datetime | None

    @property
    def met(self) -> bool:
        return self.met_at is not None


def extra_requirements(*, employee: Employee, course: CoursePage, since) -> list[Requirement]:
    """What apps built on courses require beyond the modules (sessions: attendance).

    Each `course_requirements` hook is called with employee, course and the round's start and
    answers with a Requirement, or None when it asks nothing of this course: courses knows
    neither the apps nor what they count.
    """
    answers = (
        provider(employee=employee, course=course, since=since)
        for provider in hooks.get_hooks("course_requirements")
    )
    return [answer for answer in answers if answer is not None]


def course_requirements_met(*, employee: Employee, course: CoursePage, since) -> bool:
    """Every module meant for the employee passed in this round, and every extra requirement."""
    required = set(required_modules(employee=employee, course=course).values_list("pk", flat=True))
    passed = set(
        ModuleCompletion.objects.in_round(since)
        .filter(employee=employee, module_id__in=required)
        .values_list("module_id", flat=True)
    )
    if not required or not required <= passed:
        return False
    return all(
        answer.met for answer in extra_requirements(employee=employee, course=course, since=since)
    )


def _completed_at(*, employee: Employee, course: CoursePage, since) -> datetime:
    """When the last requirement was met: the last module pass or an extra requirement's
    moment (an attended session's end)."""
    moments = [
        ModuleCompletion.objects.in_round(since)
        .filter(employee=employee, module__in=required_modules(employee=employee, course=course))
        .aggregate(last=Max("completed_at"))["last"],
        *(
            answer.met_at
            for answer in extra_requirements(employee=employee, course=course, since=since)
        ),
    ]
    return min(max(moment for moment in moments if moment is not None), timezone.now())


def complete_course_if_done(*, employee: Employee, course: CoursePage) -> CourseCompletion | None:
    """Record the course completion once its last requirement is met, whichever came last.

    Runs in the caller's transaction, so the event that completed the course and the
    completion are saved together or not at all.
    """
    # Serialise completions per employee: two events at once cannot both miss each other.
    _lock(employee)
    since = CourseCompletion.objects.round_start(employee=employee, course=course)
    return _complete_in_round(employee=employee, course=course, since=since)


def _lock(employee: Employee) -> None:
    # Only the employee row: the default ordering joins the account, nullable since leavers
    # lose it, and PostgreSQL locks no nullable side of an outer join.
    Employee.objects.select_for_update(of=("self",)).filter(pk=employee.pk).first()


def _complete_in_round(*, employee: Employee, course: CoursePage, since) -> CourseCompletion | None:
    """complete_course_if_done for a caller that holds the lock and has read the round."""
    if not course_requirements_met(employee=employee, course=course, since=since):
        return None
    completed_at = _completed_at(employee=employee, course=course, since=since)
    completion = CourseCompletion.objects.create(
        employee=employee,
        course=course,
        completed_at=completed_at,
        valid_until=add_months(timezone.localdate(completed_at), course.validity_months),
    )
    # Apps built on courses act on a completion here (certificates issue one).
    for on_completed in hooks.get_hooks("course_completed"):
        on_completed(completion=completion)
    recompute_compliance(employee_ids=[employee.pk])
    return completion


def record_module_completion(
    *,
    employee: Employee,
    module: ModulePage,
    completed_at: datetime | None = None,
    score: int | None = None,
) -> ModuleCompletion:
    """Record that the employee passed the module, and complete the course if that was the last.

    The first pass in a round is kept; a later pass returns it unchanged.
    """
    return _record_pass(employee=employee, module=module, completed_at=completed_at, score=score)[0]


def _record_pass(
    *, employee: Employee, module: ModulePage, completed_at=None, score=None
) -> tuple[ModuleCompletion, CourseCompletion | None]:
    """record_module_completion, with the course completion this call recorded, if any."""
    with transaction.atomic():
        completed_at = completed_at or timezone.now()
        _lock(employee)
        course = module.get_course()
        since = CourseCompletion.objects.round_start(employee=employee, course=course)
        existing = (
            ModuleCompletion.objects.in_round(since)
            .filter(employee=employee, module=module)
            .order_by("completed_at")
            .first()
        )
        if existing is not None:
            # Nothing new passed, but requirements may have changed since (a module unpublished,
            # a role removed): check whether the course is complete now.
            return existing, _complete_in_round(employee=employee, course=course, since=since)
        completion = ModuleCompletion.objects.create(
            employee=employee, module=module, completed_at=completed_at, score=score
        )
        course_completion = _complete_in_round(employee=employee, course=course, since=since)
        if course_completion is None:
            recompute_compliance(employee_ids=[employee.pk])  # a pass is progress
        return completion, course_completion


def record_module_read(*, employee: Employee, module: ModulePage) -> CourseCompletion | None:
    """A module without a quiz is passed by reading it: record the pass once per round.

    Reading it again in the round changes nothing, unless the course's requirements shrank
    meanwhile (a module unpublished, a role removed) so that the course is now complete: only
    then, or for the first reading, does it take record_module_completion's locked path,
    which checks everything again. The check before it skips only what that path would find
    already done. Returns the course completion this reading recorded, if it completed the course.
    """
    course = module.get_course()
    since = CourseCompletion.objects.round_start(employee=employee, course=course)
    passed = (
        ModuleCompletion.objects.in_round(since).filter(employee=employee, module=module).exists()
    )
    if passed and not course_requirements_met(employee=employee, course=course, since=since):
        return None
    return _record_pass(employee=employee, module=module)[1]


def revoke_completion(*, completion: CourseCompletion) -> CourseCompletion:
    """The completion no longer counts; the employee must complete the course again."""
    if completion.revoked_at is None:
        completion.revoked_at = timezone.now()
        completion.save(update_fields=["revoked_at"])
        recompute_compliance(employee_ids=[completion.employee_id])
    return completion
