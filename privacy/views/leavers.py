"""Pseudonymising one leaver now, from the admin (the alternative to deleting them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from people.access_log import Purpose, record_access
from people.models import Employee
from privacy.leavers import KEPT, REMOVED, pseudonymise


def may_pseudonymise(user, employee: Employee) -> bool:
    """Whoever may delete this employee (the protected accounts' rules included), never for
    themselves: their account would go in the middle of the request."""
    if employee.user_id is not None and employee.user_id == user.pk:
        return False
    policy = policy_registry.get_by_type(Employee)
    return policy.user_has_permission_for_instance(user, "delete", employee)


class PseudonymiseView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/admin/pseudonymise.html"
    page_title = gettext_lazy("Pseudonymisera")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.page_title}]

    @cached_property
    def employee(self) -> Employee:
        return get_object_or_404(Employee.objects.select_related("user"), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.employee.full_name

    def dispatch(self, request, *args, **kwargs):
        if not may_pseudonymise(request.user, self.employee):
            raise PermissionDenied
        if self.employee.is_pseudonymised:
            messages.info(
                request,
                _("%(name)s är redan pseudonymiserad.") % {"name": self.employee.full_name},
            )
            return redirect("employees:index")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # The confirmation names the person: who saw it is recorded like any employee page.
        record_access(
            request,
            action="privacy.pseudonymise.confirm",
            description=_("Pseudonymisera: bekräftelse"),
            purpose=Purpose.PERSONNEL,
            employees=[self.employee],
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            employee=self.employee, removed=REMOVED, kept=KEPT, **kwargs
        )

    def post(self, request, *args, **kwargs):
        name = self.employee.full_name
        pseudonymise(self.employee, actor=request.user)
        self.employee.refresh_from_db()
        messages.success(
            request,
            _("%(name)s är pseudonymiserad och heter nu %(pseudonym)s.")
            % {"name": name, "pseudonym": self.employee.pseudonym},
        )
        return redirect("employees:index")
