"""Role sets stored as text on aggregate rows, so counts per role survive the people they count.

An aggregate row (answers or attendance kept as counts after retention) remembers the roles its
people had as ",3,5,8,": one text column, filtered with `has_role`, grouped like any other.
"""

from collections import defaultdict

from django.db.models import Q, QuerySet

from people.models import Employee


def role_set(role_ids) -> str:
    """The ids as ",3,5,8," (sorted, commas around each), or "" for no role."""
    ids = sorted(set(role_ids))
    return f",{','.join(map(str, ids))}," if ids else ""


def has_role(field: str, role) -> Q:
    """Rows whose role set in `field` includes the role."""
    return Q(**{f"{field}__contains": f",{role.pk},"})


def role_sets(employee_ids: QuerySet | list) -> dict[int, str]:
    """Each employee's current role set, read in one query (`employee_ids` may be a subquery)."""
    roles = defaultdict(list)
    for employee_id, role_id in Employee.roles.through.objects.filter(
        employee_id__in=employee_ids
    ).values_list("employee_id", "role_id"):
        roles[employee_id].append(role_id)
    return {employee_id: role_set(ids) for employee_id, ids in roles.items()}
