"""Wagtail's site history (/admin/reports/site-history/), recording whose records its rows name.

A log entry is labelled with its object ("Anna Svensson (E4711)" for an employee), so the page,
its results and its CSV/XLSX export show people. Whom an object names is what its admin
viewset already says (`PeopleShownViewSetMixin.people_of`), so every model with a logged
viewset is covered here without a list of models that would import the apps above `people`.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.viewsets import viewsets

from people.access_log import Kind, PeopleShownViewSetMixin, Purpose, record_access


def _people_of_by_model() -> dict:
    """model -> its viewset's `people_of`, for every registered viewset that logs people."""
    return {
        viewset.model: viewset.people_of
        for viewset in viewsets.viewsets
        if isinstance(viewset, PeopleShownViewSetMixin)
    }


def people_in_log_entries(entries) -> tuple[set[int], set[int]]:
    """(employee ids, user ids) that these log entries' objects name.

    One query per model among the entries (never per entry). An object deleted since has no
    row left to say whom it named; its label is all that remains of it.
    """
    ids_by_type = defaultdict(set)
    for entry in entries:
        if entry.content_type_id is not None and str(entry.object_id).isdigit():
            ids_by_type[entry.content_type_id].add(int(entry.object_id))
    people_of = _people_of_by_model()
    employee_ids, user_ids = set(), set()
    for content_type_id, object_ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model not in people_of:
            continue
        for obj in model._default_manager.filter(pk__in=object_ids):
            employees, users = people_of[model](obj)
            employee_ids |= set(employees)
            user_ids |= set(users)
    return employee_ids, user_ids


class SiteHistoryView(LogEntriesView):
    """Wagtail's site history, with the people its rows (a page of them, or an export) name
    recorded as shown to the viewer."""

    def render_to_response(self, context, **response_kwargs):
        employee_ids, user_ids = people_in_log_entries(context["object_list"])
        record_access(
            self.request,
            action="site_history.export" if self.is_export else "site_history.index",
            description=_("Webbplatsens historik"),
            purpose=Purpose.PERSONNEL,
            kind=Kind.EXPORT if self.is_export else Kind.VIEW,
            employees=employee_ids,
            users=user_ids,
        )
        return super().render_to_response(context, **response_kwargs)
