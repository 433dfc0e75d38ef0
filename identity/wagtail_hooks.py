from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from identity.forms import ScimTokenForm
from identity.models import ScimToken
from identity.scim.views import AUDIT_ACTION


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
    menu_label = _("SCIM-token")
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


@hooks.register("register_log_actions")
def register_identity_log_actions(actions):
    @actions.register_action(AUDIT_ACTION)
    class ScimRequestFormatter(LogFormatter):
        label = _("SCIM-anrop")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("%(token)s: %(method)s %(resource)s %(id)s (%(status)s)") % {
                "token": data.get("token", ""),
                "method": data.get("method", ""),
                "resource": data.get("resource", ""),
                "id": data.get("id") or "",
                "status": data.get("status", ""),
            }
