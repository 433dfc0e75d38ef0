"""Keeping each employee's compliance status true: one function for an event and for a rebuild.

`recompute_compliance(employee_ids=[...])` runs in the transaction of whatever changed (an
attempt, a completion, an employee's role or unit), and `recompute_compliance()` rebuilds
everyone (rule changes, the nightly run for date-based states, the `recompute_compliance`
command). Because both are the same code, the incremental state and a rebuild agree.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from courses.dates import add_months
from courses.models import (
    AssignmentRule,
    ComplianceStatus,
    CourseCompletion,
    CoursePage,
    ModuleCompletion,
    ModulePage,
    ModuleProgress,
)
from people.models import Employee

Status = ComplianceStatus.Status
# Above this many employees a targeted recompute is slower than a rebuild.
TARGETED_LIMIT = 5000
# Rows per statement: PostgreSQL's CASE for bulk_update and SQLite's limit on query parameters.
BATCH_SIZE = 2000


def status_for(
    *,
    today: date,
    assigned_due: date,
    valid_until: date | None,
    active: bool,
    expiring_days: int,
) -> tuple[str, date]:
    """The status and the date that matters next, from what the employee has done."""
    if valid_until is not None and valid_until >= today:
        soon = (valid_until - today).days <= expiring_days
        return (Status.EXPIRING if soon else Status.COMPLETED), valid_until
    if valid_until is not None:
        return Status.EXPIRED, valid_until
    if today > assigned_due:
        return Status.OVERDUE, assigned_due
    return (Status.IN_PROGRESS if active else Status.NOT_STARTED), assigned_due


def _assignments(employee_ids, today) -> dict[tuple[int, int], tuple[date, int, int]]:
    """(employee, course) → (due date, recertification months, the employee's unit), over every
    rule in force."""
    assigned: dict[tuple[int, int], tuple[date, int, int]] = {}
    rules = (
        AssignmentRule.objects.in_force(today)
        .filter(course__live=True)
        .select_related("course")
        .prefetch_related("roles", "units")
    )
    for rule in rules:
        employees = rule.matching_employees()
        if employee_ids is not None:
            employees = employees.filter(pk__in=employee_ids)
        months = rule.recertify_months or rule.course.validity_months
        rows = employees.values_list("pk", "start_date", "org_unit_id")
        for employee_id, start_date, unit_id in rows:
            due = max(start_date, rule.active_from) + timedelta(days=rule.due_days)
            key = (employee_id, rule.course_id)
            if key in assigned:
                due, months = min(due, assigned[key][0]), min(months, assigned[key][1])
            assigned[key] = (due, months, unit_id)
    return assigned


def _module_courses() -> dict[int, int]:
    courses = dict(CoursePage.objects.values_list("path", "pk"))
    return {
        module_id: courses[path[: -ModulePage.steplen]]
        for module_id, path in ModulePage.objects.values_list("pk", "path")
        if path[: -ModulePage.steplen] in courses
    }


def recompute_compliance(
    *, employee_ids: Iterable[int] | None = None, today: date | None = None
) -> int:
    """Bring the stored statuses in line with rules, completions and activity. Returns rows."""
    today = today or timezone.localdate()
    if employee_ids is not None:
        employee_ids = set(employee_ids)
        if not employee_ids:
            return 0  # nothing changed: not even a savepoint
        if len(employee_ids) > TARGETED_LIMIT:
            employee_ids = None
    with transaction.atomic():
        assigned = _assignments(employee_ids, today)

        def scoped(queryset):
            return (
                queryset if employee_ids is None else queryset.filter(employee_id__in=employee_ids)
            )

        latest: dict[tuple[int, int], CourseCompletion] = {}
        for completion in scoped(CourseCompletion.objects.all()).order_by("completed_at"):
            latest[(completion.employee_id, completion.course_id)] = completion

        module_course = _module_courses()
        activity: dict[tuple[int, int], list] = {}
        progress = scoped(ModuleProgress.objects.all()).values_list(
            "employee_id", "module_id", "last_opened_at"
        )
        passes = scoped(ModuleCompletion.objects.all()).values_list(
            "employee_id", "module_id", "completed_at"
        )
        for rows in (progress, passes):
            for employee_id, module_id, moment in rows.iterator():
                course_id = module_course.get(module_id)
                if course_id is not None:
                    activity.setdefault((employee_id, course_id), []).append(moment)

        role_ids: dict[int, list[int]] = defaultdict(list)
        for employee_id, role_id in (
            scoped(Employee.roles.through.objects.all())
            .order_by("role_id")
            .values_list("employee_id", "role_id")
        ):
            role_ids[employee_id].append(role_id)

        expiring_days = settings.COMPLIANCE_EXPIRING_DAYS
        wanted: dict[tuple[int, int], dict] = {}
        for key, (due, months, unit_id) in assigned.items():
            completion = latest.get(key)
            since = completion.completed_at if completion else None
            moments = activity.get(key, [])
            valid_until = None
            if completion is not None and completion.revoked_at is None:
                valid_until = add_months(timezone.localdate(completion.completed_at), months)
            status, due_date = status_for(
                today=today,
                assigned_due=due,
                valid_until=valid_until,
                active=any(since is None or moment > since for moment in moments),
                expiring_days=expiring_days,
            )
            wanted[key] = {
                "status": status,
                "urgency": ComplianceStatus.URGENCY.index(status),
                "org_unit_id": unit_id,
                "role_ids": ",".join(map(str, role_ids[key[0]])),
                "due_date": due_date,
                "valid_until": valid_until,
                "last_activity": max(moments) if moments else None,
            }

        existing = {(s.employee_id, s.course_id): s for s in scoped(ComplianceStatus.objects.all())}
        fields = [
            "status",
            "urgency",
            "org_unit_id",
            "role_ids",
            "due_date",
            "valid_until",
            "last_activity",
        ]
        to_update = []
        for key, values in wanted.items():
            row = existing.get(key)
            if row is not None and any(getattr(row, f) != values[f] for f in fields):
                for name in fields:
                    setattr(row, name, values[name])
                row.updated_at = timezone.now()  # bulk_update skips auto_now
                to_update.append(row)
        ComplianceStatus.objects.bulk_update(
            to_update, [*fields, "updated_at"], batch_size=BATCH_SIZE
        )
        ComplianceStatus.objects.bulk_create(
            [
                ComplianceStatus(employee_id=key[0], course_id=key[1], **values)
                for key, values in wanted.items()
                if key not in existing
            ],
            batch_size=BATCH_SIZE,
        )
        gone = [row.pk for key, row in existing.items() if key not in wanted]
        for start in range(0, len(gone), BATCH_SIZE):
            ComplianceStatus.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).delete()
        return len(wanted)
