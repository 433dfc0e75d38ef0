from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Sign-in: local passwords and their limits, OpenID Connect, SCIM, invitations, TOTP."""

    name = "identity"
    verbose_name = "Inloggning"
