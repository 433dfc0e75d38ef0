"""SCIM filters (parsed by scim2-models) as Django queries over provisioned users."""

import uuid
from typing import Any

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from scim2_models import InvalidFilterException
from scim2_models.path import (
    CompareOperator,
    Comparison,
    FilterVisitor,
    LogicalExpr,
    LogicalOperator,
    Not,
    Present,
    ValuePath,
)

from identity.scim.provider import CORE_USER, ENTERPRISE_USER

# (schema, attribute, sub-attribute) in lower case → (field, case-exact, kind).
_TEXT, _BOOL, _TIME, _ID = "text", "bool", "time", "id"


def _fields(unit_attribute: str) -> dict[tuple[str, str, str | None], tuple[str, bool, str]]:
    return {
        (CORE_USER, "id", None): ("pk", True, _ID),
        (CORE_USER, "externalid", None): ("external_id", True, _TEXT),
        (CORE_USER, "username", None): ("user_name", False, _TEXT),
        (CORE_USER, "name", "givenname"): ("employee__user__first_name", False, _TEXT),
        (CORE_USER, "name", "familyname"): ("employee__user__last_name", False, _TEXT),
        (CORE_USER, "emails", None): ("employee__user__email", False, _TEXT),
        (CORE_USER, "emails", "value"): ("employee__user__email", False, _TEXT),
        (CORE_USER, "title", None): ("title", False, _TEXT),
        (CORE_USER, "active", None): ("employee__is_active", True, _BOOL),
        (CORE_USER, "meta", "created"): ("created_at", True, _TIME),
        (CORE_USER, "meta", "lastmodified"): ("modified_at", True, _TIME),
        (ENTERPRISE_USER, "employeenumber", None): ("employee__employee_number", True, _TEXT),
        (ENTERPRISE_USER, unit_attribute.lower(), None): ("employee__org_unit__code", True, _TEXT),
        (ENTERPRISE_USER, "manager", None): ("manager_id", True, _ID),
        (ENTERPRISE_USER, "manager", "value"): ("manager_id", True, _ID),
    }


_TEXT_LOOKUPS = {
    CompareOperator.eq: "exact",
    CompareOperator.ne: "exact",
    CompareOperator.co: "contains",
    CompareOperator.sw: "startswith",
    CompareOperator.ew: "endswith",
    CompareOperator.gt: "gt",
    CompareOperator.ge: "gte",
    CompareOperator.lt: "lt",
    CompareOperator.le: "lte",
}


class UserFilter(FilterVisitor[Q]):
    """Turn a filter tree into a Q over ScimUser; an attribute we cannot search is a 400."""

    def __init__(self, unit_attribute: str):
        self.fields = _fields(unit_attribute)

    def _field(self, attr_path, sub_attr: str | None = None) -> tuple[str, bool, str]:
        uri = (attr_path.uri or "").lower()
        schema = ENTERPRISE_USER if uri == ENTERPRISE_USER.lower() else CORE_USER
        if uri and uri not in (CORE_USER.lower(), ENTERPRISE_USER.lower()):
            schema = uri
        key = (
            schema,
            attr_path.attr.lower(),
            (sub_attr or attr_path.sub_attr or "").lower() or None,
        )
        if key not in self.fields:
            raise InvalidFilterException(
                detail=_("Det går inte att söka på %(attribute)s.") % {"attribute": attr_path}
            )
        return self.fields[key]

    @staticmethod
    def _value(kind: str, value: Any) -> Any:
        if kind == _BOOL:
            if isinstance(value, str) and value.lower() in ("true", "false"):
                return value.lower() == "true"
            if not isinstance(value, bool):
                raise InvalidFilterException(detail=_("Värdet måste vara true eller false."))
            return value
        if kind == _TIME:
            moment = parse_datetime(str(value))
            if moment is None:
                raise InvalidFilterException(detail=_("Värdet måste vara en tidpunkt."))
            return moment
        if kind == _ID:
            try:
                return uuid.UUID(str(value))
            except ValueError:
                return None  # no resource has such an id
        if value is None or isinstance(value, dict | list):
            raise InvalidFilterException(detail=_("Värdet måste vara en text."))
        value = str(value)
        if "\x00" in value:
            # No stored value holds one, and PostgreSQL refuses it in a query (a 500).
            raise InvalidFilterException(detail=_("Värdet innehåller ett otillåtet tecken (NUL)."))
        return value

    def _compare(self, field: tuple[str, bool, str], op: CompareOperator, raw: Any) -> Q:
        name, case_exact, kind = field
        value = self._value(kind, raw)
        if kind in (_BOOL, _ID):
            if op not in (CompareOperator.eq, CompareOperator.ne):
                raise InvalidFilterException(detail=_("Bara eq och ne går att använda här."))
            condition = Q(pk__in=[]) if value is None else Q(**{name: value})
        else:
            lookup = _TEXT_LOOKUPS[op]
            if not case_exact and lookup in ("exact", "contains", "startswith", "endswith"):
                lookup = "i" + lookup
            condition = Q(**{f"{name}__{lookup}": value})
        return ~condition if op == CompareOperator.ne else condition

    def visit_comparison(self, node: Comparison) -> Q:
        return self._compare(self._field(node.attr_path), node.op, node.value)

    def visit_present(self, node: Present) -> Q:
        name, _case, kind = self._field(node.attr_path)
        condition = Q(**{f"{name}__isnull": False})
        return condition if kind in (_BOOL, _ID, _TIME) else condition & ~Q(**{name: ""})

    def visit_not(self, node: Not) -> Q:
        return ~self.visit(node.expr)

    def visit_logical_expr(self, node: LogicalExpr) -> Q:
        terms = [self.visit(term) for term in node.terms]
        combined = terms[0]
        for term in terms[1:]:
            combined = combined & term if node.op == LogicalOperator.and_ else combined | term
        return combined

    def visit_value_path(self, node: ValuePath) -> Q:
        """emails[value eq "x"]: only the sub-attributes we keep in columns can be searched."""
        inner = node.val_filter
        if isinstance(inner, Comparison) and inner.attr_path.sub_attr is None:
            field = self._field(node.attr_path, inner.attr_path.attr)
            return self._compare(field, inner.op, inner.value)
        raise InvalidFilterException(
            detail=_("Det går inte att söka på %(attribute)s.") % {"attribute": node.attr_path}
        )
