"""The password reset that also reaches employees who never had a password."""

import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from people.models import Employee


def _same_address(a: str, b: str) -> bool:
    return (
        unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()
    )


class EmployeePasswordResetForm(PasswordResetForm):
    """Reaches every active employee with the address, with or without a usable password.

    Django skips accounts with unusable passwords; here those are exactly the employees who
    were imported and never invited, and the reset is how they get a first password.
    """

    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        # Accounts without an employee record (a site administrator) keep Django's behaviour.
        users = users.filter(Q(employee__isnull=True) | Q(employee__in=Employee.objects.active()))
        return (user for user in users if _same_address(email, user.email))

    def send_all(self) -> None:
        """Send the reset mail to whoever has the address (nobody, one or several)."""
        site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            self.save(
                domain_override=urlsplit(site_url).netloc,
                use_https=site_url.startswith("https://"),
                subject_template_name="identity/email/password_reset_subject.txt",
                email_template_name="identity/email/password_reset.txt",
                html_email_template_name="identity/email/password_reset.html",
                extra_email_context={
                    "site_url": site_url,
                    "valid_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
                },
            )
