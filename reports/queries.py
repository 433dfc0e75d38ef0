"""The follow-up figures: a fixed number of grouped queries each, whatever the size of the data.

Everything is read from stored rows (compliance status, completions, attendance, answers),
filtered by the user's scope first and the chosen criteria second.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.dates import add_months
from courses.models import ComplianceStatus, CourseCompletion, CoursePage, ModulePage
from people.models import OrgUnit, Role
from people.roles import has_role
from quizzes.analytics import QuestionStats, question_stats_by_module
from quizzes.models import QuestionTally, QuizAnswer
from reports.filters import Criteria
from reports.scope import Scope
from sessions.models import Attendance, Booking, CourseSession, SessionTally

Status = ComplianceStatus.Status
VALID = {Status.COMPLETED, Status.EXPIRING}
LATE = {Status.OVERDUE, Status.EXPIRED}


def in_scope(
    queryset: QuerySet, scope: Scope, criteria: Criteria, employee: str, unit: str | None = None
) -> QuerySet:
    """Rows of employees inside the scope, the chosen unit's subtree and the chosen role.

    `unit` names the row's unit when it has its own (the stored status does), else the
    employee's is used.
    """
    unit = unit or f"{employee}__org_unit"
    queryset = queryset.filter(scope.unit_condition(unit))
    if criteria.unit is not None:
        queryset = queryset.filter(
            **{
                f"{unit}__path__startswith": criteria.unit.path,
                f"{unit}__depth__gte": criteria.unit.depth,
            }
        )
    if criteria.role is not None:
        queryset = queryset.filter(**{f"{employee}__roles": criteria.role})
    return queryset


def tallies_in_scope(
    queryset: QuerySet, scope: Scope, criteria: Criteria, unit: str = "org_unit"
) -> QuerySet:
    """Counts kept after retention (see people.roles), narrowed as `in_scope` narrows details.

    The unit and roles are those of the time the details were counted, not today's.
    """
    queryset = queryset.filter(scope.unit_condition(unit))
    if criteria.unit is not None:
        queryset = queryset.filter(
            **{
                f"{unit}__path__startswith": criteria.unit.path,
                f"{unit}__depth__gte": criteria.unit.depth,
            }
        )
    if criteria.role is not None:
        queryset = queryset.filter(has_role("role_ids", criteria.role))
    return queryset


def statuses(scope: Scope, criteria: Criteria) -> QuerySet[ComplianceStatus]:
    queryset = in_scope(ComplianceStatus.objects.all(), scope, criteria, "employee", "org_unit")
    if criteria.course is not None:
        queryset = queryset.filter(course=criteria.course)
    if criteria.status:
        queryset = queryset.filter(status=criteria.status)
    return queryset


def anonymous_period(criteria: Criteria) -> Criteria:
    """The period widened to whole tertials (Jan–Apr, May–Aug, Sep–Dec).

    Anonymous statistics over periods a day apart would differ by one day's answers: a reader
    could single out a colleague. Only whole tertials can be compared, and `questions()` hides a
    question unless every tertial in the period has no one or enough people.
    """
    start = date(criteria.start.year, 1 + 4 * ((criteria.start.month - 1) // 4), 1)
    last_month = 4 + 4 * ((criteria.end.month - 1) // 4)
    end = add_months(date(criteria.end.year, last_month, 1), 1) - timedelta(days=1)
    return replace(criteria, start=start, end=end)


def _period(criteria: Criteria) -> tuple[datetime, datetime]:
    """The period as [start, end) in local time, so indexes on timestamps can be used."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(criteria.start, time.min, tzinfo=zone)
    end = datetime.combine(criteria.end + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


# Översikt ------------------------------------------------------------------------------------


# The figures' columns, in the one order the page, the exports and the PDF all use.
FIGURE_COLUMNS = {
    "assigned": _("Tilldelade"),
    "valid": _("Giltiga"),
    "percent": _("Andel giltiga (%)"),
    "late": _("Försenade"),
    "expiring": _("Går ut snart"),
    "not_started": _("Ej påbörjade"),
}


@dataclass
class Figures:
    """Counts of assigned (employee, course) pairs by where they stand."""

    assigned: int = 0
    valid: int = 0
    expiring: int = 0
    late: int = 0
    not_started: int = 0

    def add(self, status: str, count: int) -> None:
        self.assigned += count
        if status in VALID:
            self.valid += count
        if status == Status.EXPIRING:
            self.expiring += count
        if status in LATE:
            self.late += count
        if status == Status.NOT_STARTED:
            self.not_started += count

    @property
    def rate(self) -> float | None:
        return self.valid / self.assigned if self.assigned else None

    @property
    def percent(self) -> int | None:
        return round(100 * self.rate) if self.assigned else None

    def cells(self) -> list:
        return [getattr(self, name) for name in FIGURE_COLUMNS]


@dataclass
class Group:
    """One row of a breakdown: a unit, a role or a course, with its figures."""

    label: str
    figures: Figures = field(default_factory=Figures)
    unit: OrgUnit | None = None


@dataclass
class Overview:
    focus: list[OrgUnit]
    total: Figures
    by_unit: list[Group]
    by_role: list[Group]
    by_course: list[Group]


def focus_units(scope: Scope, criteria: Criteria) -> list[OrgUnit]:
    """The units the figures are about: the chosen one, else the scope's own."""
    return [criteria.unit] if criteria.unit is not None else list(scope.roots)


def overview(scope: Scope, criteria: Criteria) -> Overview:
    focus = focus_units(scope, criteria)
    branches = branches_of(focus)
    total = Figures()
    by_unit = {unit.path: Group(label=unit.name, unit=unit) for unit in branches}
    direct = {
        unit.path: Group(label=_("%(unit)s (direkt)") % {"unit": unit.name}, unit=None)
        for unit in focus
    }
    # Which row each unit below the focus counts toward, worked out once per unit, not per row.
    row_of = {}
    for unit_id, path in OrgUnit.objects.subtree_of_any(focus).values_list("pk", "path"):
        row_of[unit_id] = _branch_of(path, by_unit) or _branch_of(path, direct)
    # Sum the cube's rows per (unit, status) and (course, status) first: a few thousand rows
    # at city size become a few hundred additions.
    per_unit, per_course = Counter(), Counter()
    for unit_id, course_id, status, count in status_cube(scope, criteria).values_list(
        "org_unit_id", "course_id", "status", "count"
    ):
        per_unit[unit_id, status] += count
        per_course[course_id, status] += count
    for (unit_id, status), count in per_unit.items():
        total.add(status, count)
        group = row_of.get(unit_id)
        if group is not None:
            group.figures.add(status, count)
    by_course: dict[int, Figures] = defaultdict(Figures)
    for (course_id, status), count in per_course.items():
        by_course[course_id].add(status, count)
    # People placed directly in a focus unit (not below it) get a row of their own.
    unit_rows = [group for group in by_unit.values() if group.figures.assigned]
    if len(focus) == 1 or not branches:
        unit_rows += [group for group in direct.values() if group.figures.assigned]
    titles = dict(CoursePage.objects.filter(pk__in=by_course).values_list("pk", "title"))
    courses = sorted(
        (Group(label=titles[pk], figures=figures) for pk, figures in by_course.items()),
        key=lambda group: group.label,
    )
    return Overview(
        focus=focus,
        total=total,
        by_unit=unit_rows,
        by_role=by_role(scope, criteria),
        by_course=courses,
    )


def status_cube(scope: Scope, criteria: Criteria) -> QuerySet:
    """Counts per (unit, course, status) from the status rows alone: the SQL behind Översikt.

    As many rows as units × courses × statuses, whatever the number of people.
    """
    return (
        statuses(scope, criteria)
        .values("org_unit_id", "course_id", "status")
        .annotate(count=Count("*"))
        .order_by()
    )


def branches_of(focus: list[OrgUnit]) -> list[OrgUnit]:
    """A single focus unit breaks down into its children; several are their own rows."""
    if len(focus) != 1:  # none: an organisation with no units yet
        return focus
    unit = focus[0]
    return list(OrgUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1))


def _branch_of(path: str, groups: dict[str, Group]) -> Group | None:
    for prefix_length in {len(prefix) for prefix in groups}:
        group = groups.get(path[:prefix_length])
        if group is not None:
            return group
    return None


def by_role(scope: Scope, criteria: Criteria) -> list[Group]:
    """Per role; someone with two roles counts in both, so the rows need not add up.

    Grouped by the role ids stored on each status row (a handful of combinations), then
    spread over the roles here.
    """
    groups = {role.pk: Group(label=role.name) for role in Role.objects.all()}
    rows = (
        statuses(scope, criteria)
        .exclude(role_ids="")
        .values("role_ids", "status")
        .annotate(count=Count("*"))
        .order_by()
    )
    for row in rows:
        for role_id in row["role_ids"].split(","):
            group = groups.get(int(role_id))
            if group is not None:  # a role deleted since the last recompute
                group.figures.add(row["status"], row["count"])
    return [group for group in groups.values() if group.figures.assigned]


# Personer ------------------------------------------------------------------------------------

# The columns one may sort by, each with its SQL order; ties break on the row id.
PEOPLE_SORTS = {
    "namn": ["employee__user__last_name", "employee__user__first_name"],
    "enhet": ["org_unit__name"],
    "kurs": ["course__title"],
    "status": ["urgency", "due_date"],
    "datum": ["due_date"],
    "aktivitet": ["last_activity"],
}


def people(scope: Scope, criteria: Criteria, sort: str) -> QuerySet[ComplianceStatus]:
    key = sort.removeprefix("-")
    orders = PEOPLE_SORTS.get(key, PEOPLE_SORTS["status"])
    if sort.startswith("-") and key in PEOPLE_SORTS:
        orders = ["-" + order for order in orders]
    return (
        statuses(scope, criteria)
        .select_related("employee__user", "org_unit", "course")
        .order_by(*orders, "-pk" if sort.startswith("-") else "pk")
    )


# Utveckling ----------------------------------------------------------------------------------


@dataclass
class Month:
    month: date
    completions: int = 0
    present: int = 0
    absent: int = 0
    excused: int = 0


def months_between(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def trend(scope: Scope, criteria: Criteria) -> list[Month]:
    """Completions and attendance per month of the period, months without any included."""
    start, end = _period(criteria)
    months = {month: Month(month) for month in months_between(criteria.start, criteria.end)}

    completions = in_scope(
        CourseCompletion.objects.filter(
            revoked_at__isnull=True, completed_at__gte=start, completed_at__lt=end
        ),
        scope,
        criteria,
        "employee",
    )
    attendance = attendance_in_period(scope, criteria)
    if criteria.course is not None:
        completions = completions.filter(course=criteria.course)

    for row in (
        completions.annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by()
    ):
        months[_as_date(row["month"])].completions += row["count"]
    for row in (
        attendance.annotate(month=TruncMonth("session__starts_at"))
        .values("month", "status")
        .annotate(count=Count("id"))
        .order_by()
    ):
        month = months[_as_date(row["month"])]
        setattr(month, row["status"], getattr(month, row["status"]) + row["count"])
    # Attendance that retention has already turned into counts.
    for row in (
        session_tallies_in_period(scope, criteria)
        .annotate(month=TruncMonth("session__starts_at"))
        .values("month")
        .annotate(present=Sum("present"), absent=Sum("absent"), excused=Sum("excused"))
        .order_by()
    ):
        month = months[_as_date(row["month"])]
        month.present += row["present"]
        month.absent += row["absent"]
        month.excused += row["excused"]
    return list(months.values())


def attendance_in_period(scope: Scope, criteria: Criteria) -> QuerySet[Attendance]:
    """Attendance of the people in scope at sessions of the period (and course)."""
    start, end = _period(criteria)
    attendance = in_scope(
        Attendance.objects.filter(session__starts_at__gte=start, session__starts_at__lt=end),
        scope,
        criteria,
        "employee",
    )
    if criteria.course is not None:
        attendance = attendance.filter(session__course=criteria.course)
    return attendance


def session_tallies_in_period(scope: Scope, criteria: Criteria) -> QuerySet[SessionTally]:
    """The kept counts of bookings and attendance at sessions of the period (and course)."""
    start, end = _period(criteria)
    tallies = tallies_in_scope(
        SessionTally.objects.filter(session__starts_at__gte=start, session__starts_at__lt=end),
        scope,
        criteria,
    )
    if criteria.course is not None:
        tallies = tallies.filter(session__course=criteria.course)
    return tallies


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


# Kurstillfällen ------------------------------------------------------------------------------


@dataclass
class SessionRow:
    session: CourseSession
    booked: int = 0
    present: int = 0
    absent: int = 0
    excused: int = 0
    no_shows: int = 0

    @property
    def no_show_percent(self) -> int | None:
        """Booked but absent without notice, of those booked; only once attendance is in."""
        if not self.booked or self.session.status != CourseSession.Status.HELD:
            return None
        return round(100 * self.no_shows / self.booked)


def sessions(criteria: Criteria) -> QuerySet[CourseSession]:
    """Sessions starting in the period. Sessions are not personal: everyone sees the list."""
    start, end = _period(criteria)
    queryset = CourseSession.objects.filter(starts_at__gte=start, starts_at__lt=end)
    if criteria.course is not None:
        queryset = queryset.filter(course=criteria.course)
    return queryset.select_related("course").order_by("-starts_at", "pk")


def session_rows(scope: Scope, criteria: Criteria, page: list[CourseSession]) -> list[SessionRow]:
    """Bookings and attendance of the people in scope, for one page of sessions."""
    rows = {session.pk: SessionRow(session) for session in page}
    outcome = Attendance.objects.filter(
        session_id=OuterRef("session_id"), employee_id=OuterRef("employee_id")
    ).values("status")[:1]
    bookings = in_scope(
        Booking.objects.filter(session_id__in=rows, status=Booking.Status.CONFIRMED),
        scope,
        criteria,
        "employee",
    )
    for row in (
        bookings.annotate(outcome=Subquery(outcome))
        .values("session_id", "outcome")
        .annotate(count=Count("id"))
        .order_by()
    ):
        rows[row["session_id"]].booked += row["count"]
        if row["outcome"] == Attendance.Status.ABSENT:
            rows[row["session_id"]].no_shows += row["count"]
    attendance = in_scope(
        Attendance.objects.filter(session_id__in=rows), scope, criteria, "employee"
    )
    for row in attendance.values("session_id", "status").annotate(count=Count("id")).order_by():
        setattr(rows[row["session_id"]], row["status"], row["count"])
    # Bookings and attendance that retention has already turned into counts.
    tallies = tallies_in_scope(SessionTally.objects.filter(session_id__in=rows), scope, criteria)
    sums = {f"sum_{name}": Sum(name) for name in TALLIED}
    for row in tallies.values("session_id").annotate(**sums).order_by():
        session_row = rows[row["session_id"]]
        for name in TALLIED:
            setattr(session_row, name, getattr(session_row, name) + row[f"sum_{name}"])
    return list(rows.values())


# The figures of a SessionRow that SessionTally keeps under the same names.
TALLIED = ["booked", "no_shows", "present", "absent", "excused"]


@dataclass
class SessionSummary:
    held: int
    present: int
    absent: int
    excused: int


def session_summary(scope: Scope, criteria: Criteria) -> SessionSummary:
    """Sessions held in the period that people in scope attended, and how they attended."""
    attendance = attendance_in_period(scope, criteria)
    figures = attendance.aggregate(
        present=Count("id", filter=Q(status=Attendance.Status.PRESENT)),
        absent=Count("id", filter=Q(status=Attendance.Status.ABSENT)),
        excused=Count("id", filter=Q(status=Attendance.Status.EXCUSED)),
    )
    tallies = session_tallies_in_period(scope, criteria).filter(
        Q(present__gt=0) | Q(absent__gt=0) | Q(excused__gt=0)
    )
    kept = tallies.aggregate(present=Sum("present"), absent=Sum("absent"), excused=Sum("excused"))
    # A session counts once, whether its attendance is in detail, counted, or both.
    held = attendance.values_list("session_id").union(tallies.values_list("session_id")).count()
    return SessionSummary(
        held=held, **{name: figures[name] + (kept[name] or 0) for name in figures}
    )


# Frågor --------------------------------------------------------------------------------------


@dataclass
class ModuleQuestions:
    course: CoursePage
    module: ModulePage
    questions: list[QuestionStats]


def questions(scope: Scope, criteria: Criteria) -> list[ModuleQuestions]:
    """Per module of the chosen course (or every live course), how its questions went."""
    courses = [criteria.course] if criteria.course else list(CoursePage.objects.live())
    by_path = {course.path: course for course in courses}
    condition = Q(pk__in=[])
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    modules = list(ModulePage.objects.live().filter(condition).order_by("path"))
    start, end = _period(anonymous_period(criteria))
    answers = in_scope(
        QuizAnswer.objects.filter(attempt__submitted_at__gte=start, attempt__submitted_at__lt=end),
        scope,
        criteria,
        "attempt__employee",
        # The unit the answer was given in, kept on the attempt: who moves takes no answers along.
        unit="attempt__org_unit",
    )
    tallies = tallies_in_scope(
        QuestionTally.objects.filter(month__gte=start.date(), month__lt=end.date()),
        scope,
        criteria,
    )
    stats = question_stats_by_module(modules, answers, tallies=tallies, by_tertial=True)
    return [
        ModuleQuestions(
            course=by_path[module.path[: -ModulePage.steplen]],
            module=module,
            questions=stats[module.pk],
        )
        for module in modules
        if stats[module.pk]
    ]
