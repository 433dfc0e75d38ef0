"""Who is asking: the request's employee, and permission checks shared by every app's views."""

from django.core.exceptions import PermissionDenied

from people.groups import ADMINISTRATOR
from people.models import Employee


def employee_or_403(request) -> Employee:
    """The logged-in user's employee record; an account without one may not act as a learner."""
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise PermissionDenied
    return employee


def require_permission(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def may_change_protected_accounts(user) -> bool:
    """Only administrators change accounts with admin access or groups beyond an employee's."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists())
