"""What every template needs to know about sign-in."""

from django.conf import settings
from django.utils.translation import gettext as _


def single_sign_on(request):
    """The SSO button's label, or nothing when single sign-on is not configured."""
    if not settings.OIDC_ISSUER:
        return {}
    return {"oidc_button_label": settings.OIDC_BUTTON_LABEL or _("Logga in med ditt kommunkonto")}
