"""Where a learner stands in each course: what Mina kurser and the module pages show."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.compliance import status_for
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
REVOKED = "revoked"

# The words (and badge colours) for a module's state and a course's state: one source, so
# Mina kurser and the course page say the same thing for the same state.
MODULE_STATES = {
    PASSED: (_("Godkänd"), "text-bg-success"),
    REDO: (_("Gör om"), "text-bg-warning"),
    READ: (_("Läst"), "text-bg-info"),
    NOT_STARTED: (_("Ej påbörjad"), "text-bg-secondary"),
}
_Status = ComplianceStatus.Status
COURSE_STATES = {
    _Status.COMPLETED: (_Status.COMPLETED.label, "text-bg-success"),
    _Status.EXPIRING: (_Status.EXPIRING.label, "text-bg-warning"),
    _Status.OVERDUE: (_Status.OVERDUE.label, "text-bg-danger"),
    _Status.EXPIRED: (_Status.EXPIRED.label, "text-bg-danger"),
    _Status.IN_PROGRESS: (_Status.IN_PROGRESS.label, "text-bg-secondary"),
    _Status.NOT_STARTED: (_Status.NOT_STARTED.label, "text-bg-secondary"),
    REVOKED: (_("Återkallad"), "text-bg-warning"),
}
# The states in which the course is there to be done (again): the course page offers the round.
TO_DO_STATES = {
    _Status.EXPIRING,
    _Status.EXPIRED,
    _Status.OVERDUE,
    _Status.IN_PROGRESS,
    _Status.NOT_STARTED,
    REVOKED,
}


@dataclass
class ModuleStatus:
    page: ModulePage
    state: str | None  # None: no learner to have a state (an editor without employee record)
    last_opened_at: datetime | None = None
    completion: ModuleCompletion | None = None

    @property
    def label(self) -> str | None:
        return MODULE_STATES[self.state][0] if self.state else None

    @property
    def badge(self) -> str | None:
        return MODULE_STATES[self.state][1] if self.state else None


@dataclass
class CourseStatus:
    page: CoursePage
    modules: list[ModuleStatus] = field(default_factory=list)
    completion: CourseCompletion | None = None  # the latest, valid or not
    compliance: ComplianceStatus | None = None  # None: not assigned, taken by choice
    today: date = field(default_factory=timezone.localdate)  # the Swedish date of the states

    @property
    def urgency(self) -> tuple:
        """Sort key: assigned courses by how urgent, soonest due first; the rest after."""
        if self.compliance is None:
            return (len(ComplianceStatus.URGENCY), date.max, self.page.path)
        return (
            ComplianceStatus.URGENCY.index(self.state),
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

    def _in_round(self, moment: datetime | None) -> bool:
        """Whether the moment falls in the current round: after the latest completion, if any."""
        since = self.completion.completed_at if self.completion else None
        return moment is not None and (since is None or moment > since)

    @property
    def round_remaining(self) -> list[ModuleStatus]:
        """The modules not passed in the current round: all of them right after a completion,
        when the next round begins (a valid course still shows them as passed)."""
        return [
            module
            for module in self.modules
            if not (module.completion and self._in_round(module.completion.completed_at))
        ]

    @property
    def started(self) -> bool:
        """Whether anything is done in the current round: a module passed, or opened since."""
        return len(self.round_remaining) < len(self.modules) or any(
            self._in_round(module.last_opened_at) for module in self.modules
        )

    @property
    def next_module(self) -> ModuleStatus | None:
        """The first module to pass in the current round, in course order."""
        return next(iter(self.round_remaining), None)

    @property
    def to_do(self) -> bool:
        """Whether the state asks for the course to be done (again): the same rule as the badge."""
        return self.state in TO_DO_STATES

    @property
    def certificate(self):
        """The valid completion's certificate, if one was issued (the certificates app's)."""
        if not self.is_valid:
            return None
        try:
            return self.completion.certificate
        except ObjectDoesNotExist:
            return None

    @property
    def state(self) -> str:
        """The one state shown for the course: the compliance status when the course is
        assigned, otherwise the same words worked out from what the learner has done.

        The stored status's date-based changes wait for the nightly run: the state is worked
        out again from the row's dates and today, so a course that expired yesterday does not
        read "Klar" after midnight.
        """
        if self.compliance is not None:
            status, _next = status_for(
                today=self.today,
                # Without a completion the row's due date is the assignment's.
                assigned_due=self.compliance.due_date or date.max,
                valid_until=self.compliance.valid_until,
                active=self.started,
                expiring_days=settings.COMPLIANCE_EXPIRING_DAYS,
            )
            return status
        if self.is_valid:
            return _Status.COMPLETED
        if self.completion is not None:
            return REVOKED if self.completion.revoked_at else _Status.EXPIRED
        return _Status.IN_PROGRESS if self.started else _Status.NOT_STARTED

    @property
    def label(self) -> str:
        return COURSE_STATES[self.state][0]

    @property
    def badge(self) -> str:
        return COURSE_STATES[self.state][1]


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

    With `course`, only that course (if live): what its course and module pages show.
    """
    today = today or timezone.localdate()
    modules = ModulePage.objects.live().for_employee(employee).order_by("path")
    course_completions = CourseCompletion.objects.filter(employee=employee)
    compliance_rows = ComplianceStatus.objects.filter(employee=employee)
    if course is not None:
        # The page is at hand already: no query for it.
        courses = [course] if course.live else []
        modules = modules.child_of(course)
        course_completions = course_completions.filter(course_id=course.pk)
        compliance_rows = compliance_rows.filter(course_id=course.pk)
    else:
        courses = list(CoursePage.objects.live().order_by("path"))
    if not courses:
        return []
    opened = dict(
        ModuleProgress.objects.filter(employee=employee).values_list("module_id", "last_opened_at")
    )
    latest_module_completion: dict[int, ModuleCompletion] = {}
    for completion in ModuleCompletion.objects.filter(employee=employee).order_by("completed_at"):
        latest_module_completion[completion.module_id] = completion
    latest_course_completion: dict[int, CourseCompletion] = {}
    # "certificate" is the certificates app's reverse relation: Mina kurser links the PDF.
    course_completions = course_completions.select_related("certificate")
    for completion in course_completions.order_by("completed_at"):
        latest_course_completion[completion.course_id] = completion

    compliance = {row.course_id: row for row in compliance_rows}
    statuses = {course.path: CourseStatus(page=course, today=today) for course in courses}
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
