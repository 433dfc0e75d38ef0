from django.utils.translation import gettext_lazy as _
from wagtail import hooks


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
