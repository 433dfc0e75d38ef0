"""Forms of the identity app: the password reset that reaches everyone, the SCIM token admin."""

import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from content.links import site_url
from people.models import Employee
from vaksam.i18n import language_for


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
        users = users.select_related("wagtail_userprofile")  # the language of each mail
        return (user for user in users if _same_address(email, user.email))

    def send_mail(self, *args, **kwargs):
        # Each account's mail in its own language (one address may be several accounts).
        with translation.override(language_for(args[2]["user"])):
            super().send_mail(*args, **kwargs)

    def send_all(self) -> None:
        """Send the reset mail to whoever has the address (nobody, one or several)."""
        address = site_url()
        with translation.override(settings.LANGUAGE_CODE):  # each mail then in its own language
            self.save(
                domain_override=urlsplit(address).netloc,
                use_https=address.startswith("https://"),
                subject_template_name="identity/email/password_reset_subject.txt",
                email_template_name="identity/email/password_reset.txt",
                html_email_template_name="identity/email/password_reset.html",
                extra_email_context={
                    "site_url": address,
                    "valid_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
                },
            )


class ScimTokenForm(WagtailAdminModelForm):
    """Rename a provisioning token or revoke it; a revoked token stays revoked."""

    revoke = forms.BooleanField(
        label=_("Återkalla token"),
        required=False,
        help_text=_(
            "En återkallad token slutar fungera direkt och kan inte återställas. "
            "Skapa en ny med manage.py create_scim_token."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.revoked_at is not None:
            self.fields["revoke"].initial = True
            self.fields["revoke"].disabled = True

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and self.instance.revoked_at is None:
            self.instance.revoked_at = timezone.now()
        return super().save(commit=commit)
