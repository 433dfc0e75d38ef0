"""The admin side of sign-in: SCIM tokens, inviting employees, second-factor devices, and
the audit log's words for them."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from identity.bulk_actions import USER_BULK_ACTIONS, InviteBulkAction
from identity.forms import ScimTokenForm
from identity.models import OIDCIdentity, ScimToken
from identity.scim.views import AUDIT_ACTION, REFUSED_ACTION
from people.access_log import PeopleShownViewSetMixin, Purpose


class ScimTokenPermissionPolicy(ModelPermissionPolicy):
    """Administrators only (HR has no identity permissions); no adding or deleting here.

    A token is made by `create_scim_token`, which shows it once; a revoked one is kept so the
    audit log keeps naming a client that exists.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ("add", "delete")]
        if not actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(actions)


register_permission_policy(ScimToken, ScimTokenPermissionPolicy(ScimToken))


class ScimTokenViewSet(ModelViewSet):
    model = ScimToken
    icon = "key"
    menu_label = pgettext_lazy("plural", "SCIM-token")
    add_to_settings_menu = True
    url_prefix = "scim-token"
    url_namespace = "scim_tokens"
    list_display = ["name", "lookup", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("revoke")], base_form_class=ScimTokenForm
    )


@hooks.register("register_admin_viewset")
def register_scim_token_viewset():
    return ScimTokenViewSet()


hooks.register("register_bulk_action", InviteBulkAction)
# After wagtail.users' own (order), so each replaces Wagtail's action of the same type.
for _action in USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1)


@hooks.register("employee_admin_buttons")
def invite_button(employee, user, next_url):
    """The same confirmation as the bulk action, for one person, from their row or edit page."""
    if not user.has_perm("people.change_employee") or employee.is_pseudonymised:
        return []
    url = reverse("wagtail_bulk_action", args=["people", "employee", "invite"])
    return [
        Button(
            _("Skicka inbjudan"),
            url=f"{url}?{urlencode({'id': employee.pk, 'next': next_url})}",
            icon_name="mail",
            priority=40,
        )
    ]


@hooks.register("register_log_actions")
def register_identity_log_actions(actions):
    @actions.register_action(AUDIT_ACTION)
    class ScimRequestFormatter(LogFormatter):
        label = _("SCIM-anrop")

        def format_message(self, log_entry):
            data = log_entry.data
            message = _("%(token)s: %(method)s %(resource)s %(id)s (%(status)s)") % {
                "token": data.get("token", ""),
                "method": data.get("method", ""),
                "resource": data.get("resource", ""),
                "id": data.get("id") or "",
                "status": data.get("status", ""),
            }
            # What the request did beyond the ordinary (a protected account switched off, say).
            return " ".join([message, *data.get("notes", [])])

    @actions.register_action(REFUSED_ACTION)
    class ScimRefusalFormatter(LogFormatter):
        label = _("Nekat SCIM-anrop")

        def format_message(self, log_entry):
            data = log_entry.data
            reason = _("ogiltig token") if data.get("reason") == "invalid" else _("token saknas")
            message = _("SCIM-anrop utan giltig token från %(address)s (%(reason)s)") % {
                "address": data.get("address", ""),
                "reason": reason,
            }
            if data.get("prefix"):
                message += " " + _("prefix %(prefix)s") % {"prefix": data["prefix"]}
            return message

    actions.register_action("identity.invite", _("Inbjudan"), _("Inbjudan skickad"))
    actions.register_action(
        "identity.oidc_linked",
        _("Koppla inloggningsidentitet"),
        _("Inloggningsidentitet kopplad vid första inloggningen"),
    )
    actions.register_action(
        "identity.oidc_refused",
        _("Neka inloggning"),
        _("Inloggning via organisationens inloggningstjänst nekad"),
    )
    actions.register_action(
        "identity.totp_enrolled", _("Tvåstegsverifiering"), _("Autentiseringsapp aktiverad")
    )


class UserRowsIndexView(IndexView):
    """A listing whose rows name an account: read the accounts with the page, not per row."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")


class ResetOnlyPolicy(ModelPermissionPolicy):
    """Administrators see and delete devices; nobody creates or edits a key for someone else."""

    def user_has_permission(self, user, action):
        return action in {"view", "delete"} and super().user_has_permission(user, action)


class AccountRowsViewSetMixin(PeopleShownViewSetMixin):
    """Each row names an account: its employee is recorded as shown."""

    access_purpose = Purpose.ACCOUNTS

    def people_of(self, obj):
        return (), [obj.user_id]


class TOTPDeviceViewSet(AccountRowsViewSetMixin, ModelViewSet):
    """Deleting a device makes its owner enrol a new app at their next admin visit."""

    model = TOTPDevice
    index_view_class = UserRowsIndexView
    icon = "key"
    menu_label = _("Tvåstegsverifiering")
    add_to_settings_menu = True
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    form_fields = ["name"]
    inspect_view_enabled = False


register_permission_policy(TOTPDevice, ResetOnlyPolicy(TOTPDevice))


@hooks.register("register_admin_viewset")
def register_totp_device_viewset():
    return TOTPDeviceViewSet("totp_devices", url_prefix="tvastegsverifiering")


class LinkPermissionPolicy(ModelPermissionPolicy):
    """Links are made by signing in only; an administrator may look at them and remove one
    (a wrong first match), which makes the next sign-in match afresh."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OIDCIdentityViewSet(AccountRowsViewSetMixin, ModelViewSet):
    model = OIDCIdentity
    index_view_class = UserRowsIndexView
    icon = "key"
    menu_label = _("Inloggningsidentiteter")
    add_to_settings_menu = True
    list_display = ["user", "subject", "issuer", "created_at"]
    search_fields = ["subject", "user__username", "user__email"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    form_fields = ["user", "issuer", "subject"]


# Only administrators hold the delete permission: a link decides who an account is.
register_permission_policy(OIDCIdentity, LinkPermissionPolicy(OIDCIdentity))


@hooks.register("register_admin_viewset")
def register_identity_viewsets():
    return OIDCIdentityViewSet("oidc_identities", url_prefix="inloggning/identiteter")
