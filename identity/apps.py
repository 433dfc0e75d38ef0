from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Sign-in: local passwords and their limits, OpenID Connect, SCIM, invitations, TOTP."""

    name = "identity"
    verbose_name = "Inloggning"

    def ready(self):
        # Signal receivers: the session clock starts at every login, however it happens.
        from identity import session_timeout  # noqa: F401
