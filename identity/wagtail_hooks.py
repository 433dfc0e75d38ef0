from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from identity.models import OIDCIdentity


class LinkPermissionPolicy(ModelPermissionPolicy):
    """Links are made by signing in only; an administrator may look at them and remove one
    (a wrong first match), which makes the next sign-in match afresh."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OIDCIdentityViewSet(ModelViewSet):
    model = OIDCIdentity
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


@hooks.register("register_log_actions")
def register_identity_log_actions(actions):
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
