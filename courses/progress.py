"""Where a learner stands in each course: what Mina kurser and the module pages show."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from courses.models import (
    ComplianceStatus,
    CourseCompletion,
    CoursePage,
    ModuleCompletion,
    ModulePage,
    ModuleProgress,
)
from people.models import Employee

NOT_STARTED, READ, PASSED, REDO = "not_started", "read", "passed", "redo"


@dataclass
class ModuleStatus:
    page: ModulePage
    state: str
    last_opened_at: datetime | None = None
    completion: ModuleCompletion | None = None


@dataclass
class CourseStatus:
    page: CoursePage
    modules: list[ModuleStatus] = field(default_factory=list)
    completion: CourseCompletion | None = None  # the latest, valid or not
    compliance: ComplianceStatus | None = None  # None: not assigned, taken by choice

    @property
    def urgency(self) -> tuple:
        """Sort key: assigned courses by how urgent, soonest due first; the rest after."""
        if self.compliance is None:
            return (len(ComplianceStatus.URGENCY), date.max, self.page.path)
        return (
            ComplianceStatus.URGENCY.index(self.compliance.status),
            self.compliance.due_date or date.max,
            self.page.path,
        )

    @property
    def is_valid(self) -> bool:
        return self.completion is not None and self.completion.is_valid()

    @property
    def valid_until(self) -> date | None:
        return self.completion.valid_until if self.completion else None

    @property
    def remaining(self) -> list[ModuleStatus]:
        return [module for module in self.modules if module.state != PASSED]

    @property
    def read_count(self) -> int:
        return sum(1 for module in self.modules if module.last_opened_at)


def _module_state(*, latest, since, course_valid: bool, opened) -> str:
    if latest is not None and (since is None or latest.completed_at > since):
        return PASSED  # passed in the current round
    if latest is not None and course_valid:
        return PASSED  # counted toward the completion that is still valid
    if latest is not None:
        return REDO  # passed before, but the course has expired
    return READ if opened else NOT_STARTED


def course_overview(
    employee: Employee, *, today: date | None = None, course: CoursePage | None = None
) -> list[CourseStatus]:
    """Every live course with modules meant for the employee, in a fixed number of queries.

    With `course`, only that course (if live): what a module page shows of its course.
    """
    today = today or timezone.localdate()
    courses = CoursePage.objects.live().order_by("path")
    modules = ModulePage.objects.live().for_employee(employee).order_by("path")
    if course is not None:
        courses = courses.filter(pk=course.pk)
        modules = modules.child_of(course)
    courses = list(courses)
    opened = dict(
        ModuleProgress.objects.filter(employee=employee).values_list("module_id", "last_opened_at")
    )
    latest_module_completion: dict[int, ModuleCompletion] = {}
    for completion in ModuleCompletion.objects.filter(employee=employee).order_by("completed_at"):
        latest_module_completion[completion.module_id] = completion
    latest_course_completion: dict[int, CourseCompletion] = {}
    # "certificate" is the certificates app's reverse relation: Mina kurser links the PDF.
    course_completions = CourseCompletion.objects.filter(employee=employee).select_related(
        "certificate"
    )
    for completion in course_completions.order_by("completed_at"):
        latest_course_completion[completion.course_id] = completion

    compliance = {row.course_id: row for row in ComplianceStatus.objects.filter(employee=employee)}
    statuses = {course.path: CourseStatus(page=course) for course in courses}
    for status in statuses.values():
        status.completion = latest_course_completion.get(status.page.pk)
        status.compliance = compliance.get(status.page.pk)
    # Group modules under their course by tree path: no query per course.
    for module in modules:
        status = statuses.get(module.path[: -ModulePage.steplen])
        if status is None:
            continue
        latest = latest_module_completion.get(module.pk)
        course_valid = status.completion is not None and status.completion.is_valid(today)
        since = status.completion.completed_at if status.completion else None
        status.modules.append(
            ModuleStatus(
                page=module,
                state=_module_state(
                    latest=latest,
                    since=since,
                    course_valid=course_valid,
                    opened=opened.get(module.pk),
                ),
                last_opened_at=opened.get(module.pk),
                completion=latest,
            )
        )
    return sorted(
        (status for status in statuses.values() if status.modules), key=lambda s: s.urgency
    )
