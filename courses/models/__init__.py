"""Courses app models; this package only re-exports them."""

from courses.models.assignments import AssignmentRule, ComplianceStatus, ReminderLog
from courses.models.pages import (
    CourseIndexPage,
    CoursePage,
    LoginRequiredPageMixin,
    ModulePage,
    ModulePageQuerySet,
)
from courses.models.records import (
    CourseCompletion,
    CourseCompletionQuerySet,
    ModuleCompletion,
    ModuleCompletionQuerySet,
    ModuleProgress,
)
from courses.models.sessions import (
    Attendance,
    Booking,
    CourseSession,
    CourseSessionQuerySet,
    SessionTally,
)

__all__ = [
    "AssignmentRule",
    "ComplianceStatus",
    "Attendance",
    "Booking",
    "CourseSession",
    "CourseSessionQuerySet",
    "CourseCompletion",
    "CourseCompletionQuerySet",
    "CourseIndexPage",
    "CoursePage",
    "LoginRequiredPageMixin",
    "ModuleCompletion",
    "ModuleCompletionQuerySet",
    "ModulePage",
    "ModulePageQuerySet",
    "ModuleProgress",
    "ReminderLog",
    "SessionTally",
]
