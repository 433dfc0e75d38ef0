"""Personer as a file: one row per person and course, for the page's export and the worker's.

The rows are read as tuples of the dozen columns the file shows, not as five model instances
per row (status, employee, user, unit and the course's Wagtail page with its thirty fields):
building those objects was most of an export's time.
"""

from collections.abc import Iterator

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _

from courses.models import ComplianceStatus
from people.models import pseudonym_for
from reports import queries
from reports.exports import WRITERS, Table
from reports.filters import Criteria
from reports.scope import Scope

SORT_PARAMETER = "sortering"
COLUMNS = (
    "employee_id",
    "employee__user_id",
    "employee__user__first_name",
    "employee__user__last_name",
    "employee__user__username",
    "employee__employee_number",
    "org_unit__name",
    "course__title",
    "status",
    "due_date",
    "valid_until",
    "last_activity",
)


def people_sort(data: QueryDict | dict) -> str:
    """The sort order asked for, or the default (most urgent first)."""
    sort = data.get(SORT_PARAMETER) or "status"
    return sort if sort.removeprefix("-") in queries.PEOPLE_SORTS else "status"


def inline_limit() -> int:
    """Above this many rows, Personer is built by the worker (EXPORT_INLINE_MAX_ROWS)."""
    return settings.EXPORT_INLINE_MAX_ROWS


def _name(user_id, first_name, last_name, username, employee_number) -> str:
    # Employee.full_name without its objects: a pseudonymised person has no account left.
    if user_id is None:
        return pseudonym_for(employee_number)
    return f"{first_name} {last_name}".strip() or username


def people_table(
    scope: Scope, criteria: Criteria, sort: str, *, named: set | None = None, count=True
) -> Table:
    """The Personer table; `named`, when given, collects the ids of the employees written."""
    statuses = queries.people(scope, criteria, sort)
    # Translated once: a lazy label turned into text on every row was a fifth of a CSV's time.
    labels = {value: str(label) for value, label in ComplianceStatus.Status.choices}

    def rows() -> Iterator[list]:
        for row in statuses.values_list(*COLUMNS).iterator(chunk_size=2000):
            (employee_id, user_id, first, last, username, number, unit, course, status,
             due_date, valid_until, last_activity) = row  # fmt: skip
            if named is not None:
                named.add(employee_id)
            yield [
                _name(user_id, first, last, username, number),
                number,
                unit,
                course,
                labels.get(status, status),
                due_date,
                valid_until,
                last_activity,
            ]

    return Table(
        _("Personer"),
        [
            _("Namn"),
            _("Anställningsnummer"),
            _("Enhet"),
            _("Kurs"),
            _("Status"),
            _("Klar senast"),
            _("Giltig till och med"),
            _("Senaste aktivitet"),
        ],  # fmt: skip
        rows(),
        count=statuses.count() if count else None,
    )


def people_named(scope: Scope, criteria: Criteria) -> set[int]:
    """Ids of the people an export of this selection names."""
    return set(
        queries.statuses(scope, criteria)
        .order_by()
        .values_list("employee_id", flat=True)
        .distinct()
    )


def write_people(
    scope: Scope, criteria: Criteria, sort: str, export_format: str, fileobj
) -> set[int]:
    """Write the table as `export_format` into `fileobj`; the ids of the people it names."""
    named: set[int] = set()
    WRITERS[export_format]([people_table(scope, criteria, sort, named=named, count=False)], fileobj)
    return named
