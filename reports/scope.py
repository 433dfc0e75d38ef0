"""Whose figures a user may see: HR the whole organisation, a manager the units they lead.

Every follow-up query starts from a `Scope`, so no filter or URL can widen it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from people.models import OrgUnit

ALL_STATISTICS = "reports.view_all_statistics"


@dataclass(frozen=True)
class Scope:
    # The highest units the user may see; none lies inside another.
    roots: tuple[OrgUnit, ...]
    whole_organisation: bool = False

    def unit_condition(self, unit_field: str) -> Q:
        """A condition on `unit_field` (a path to an OrgUnit) that keeps rows inside the scope."""
        if self.whole_organisation:
            return Q()
        condition = Q(pk__in=[])
        for root in self.roots:
            condition |= Q(**{f"{unit_field}__path__startswith": root.path})
        return condition

    def units(self):
        """Every unit in the scope, in tree order: the choices of the unit filter."""
        if self.whole_organisation:
            return OrgUnit.objects.all()
        return OrgUnit.objects.subtree_of_any(self.roots)


def scope_for(user) -> Scope:
    """The user's scope; refused (403) for anyone who neither has HR's right nor leads a unit."""
    if not user.is_authenticated:
        raise PermissionDenied
    if user.has_perm(ALL_STATISTICS):
        return Scope(roots=tuple(OrgUnit.get_root_nodes()), whole_organisation=True)
    employee = getattr(user, "employee", None)
    if employee is None or not employee.is_active:
        raise PermissionDenied
    managed = sorted(employee.manages.all(), key=lambda unit: unit.path)
    roots: list[OrgUnit] = []
    for unit in managed:
        if not any(unit.path.startswith(root.path) for root in roots):
            roots.append(unit)
    if not roots:
        raise PermissionDenied
    return Scope(roots=tuple(roots))


def may_follow_up(user) -> bool:
    try:
        scope_for(user)
    except PermissionDenied:
        return False
    return True
