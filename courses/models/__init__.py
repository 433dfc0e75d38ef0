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

__all__ = [
    "AssignmentRule",
    "ComplianceStatus",
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
]
