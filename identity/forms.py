"""Admin forms of the identity app."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


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
