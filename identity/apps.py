from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Sign-in: local passwords and their limits, OpenID Connect, SCIM, invitations, TOTP."""

    name = "identity"
    verbose_name = "Inloggning"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        # Signal receivers: the session clock starts at every login, however it happens, and
        # every failed login counts towards the limits, whichever view it came through.
        from identity import session_timeout  # noqa: F401
        from identity.limits import record_failed_login

        user_login_failed.connect(record_failed_login, dispatch_uid="identity.record_failed_login")
