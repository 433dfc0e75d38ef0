"""Bulk actions in the admin: HR's invitation of employees, and Wagtail's own on user accounts
(delete, activate/deactivate, assign a role) with the people their confirmation names recorded."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from identity.invitations import refusals
from identity.tasks import send_invitations
from people.access_log import Purpose, record_access
from people.models import Employee


class InviteBulkAction(BulkAction):
    """Confirm, then e-mail each chosen employee who can be invited a link to set a password.

    The confirmation lists who will get an invitation and, for the rest, why not (an account
    that only an administrator may change, a missing e-mail address, a password already set).
    """

    display_name = _("Skicka inbjudan")
    action_type = "invite"
    aria_label = _("Skicka inbjudan till de valda personerna")
    template_name = "identity/admin/confirm_bulk_invite.html"
    action_priority = 20
    models = [Employee]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("people.change_employee"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(
            Employee.objects.filter(pk__in=[i for i in object_ids if str(i).isdigit()])
            .select_related("user", "org_unit")
            .order_by("user__last_name", "user__first_name")
        )

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        reasons = refusals(
            Employee.objects.filter(pk__in=[e.pk for e in objects]), self.request.user
        )
        ready = [e for e in objects if e.pk not in reasons]
        refused = [(e, reasons[e.pk]) for e in objects if e.pk in reasons]
        return ready, {**extra, "refused": refused}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The confirmation names everyone chosen, invitable or not.
        record_access(
            self.request,
            action="employees.invite",
            description=_("Skicka inbjudan"),
            purpose=Purpose.ACCOUNTS,
            employees=[item["item"] for item in context["items"]]
            + [employee for employee, _reason in context.get("refused", [])],
        )
        return context

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        send_invitations.enqueue([employee.pk for employee in objects], user.pk)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "En inbjudan skickas till %(count)d person.",
            "Inbjudningar skickas till %(count)d personer.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class UsersShownMixin:
    """For Wagtail's bulk actions on users: the confirmation lists every chosen account, those
    the viewer may act on and those they may not, so their employees are recorded as shown."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record_access(
            self.request,
            action=f"users.bulk_{self.action_type}",
            description=self.display_name,
            purpose=Purpose.ACCOUNTS,
            users=[item["item"] for item in context["items"]]
            + list(context.get("items_with_no_access", [])),
        )
        return context


class UserDeleteBulkAction(UsersShownMixin, DeleteBulkAction):
    pass


class UserSetActiveStateBulkAction(UsersShownMixin, SetActiveStateBulkAction):
    pass


class UserAssignRoleBulkAction(UsersShownMixin, AssignRoleBulkAction):
    pass


# Registered in place of Wagtail's (the same action_type on the same model); see wagtail_hooks.
USER_BULK_ACTIONS = (UserDeleteBulkAction, UserSetActiveStateBulkAction, UserAssignRoleBulkAction)
