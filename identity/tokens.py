"""One-time invitation links: Django's reset token with its own salt and lifetime."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Valid INVITATION_VALID_DAYS; spent once a password is set or the person logs in.

    The hash covers the password hash and last_login (see Django's generator), so setting the
    password through the link, or signing in, makes the link useless. A different salt means a
    reset token is not an invitation token, nor the other way round.
    """

    key_salt = "identity.tokens.InvitationTokenGenerator"

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        valid_for = timedelta(days=settings.INVITATION_VALID_DAYS).total_seconds()
        return self._num_seconds(self._now()) - timestamp <= valid_for


invitation_token_generator = InvitationTokenGenerator()
