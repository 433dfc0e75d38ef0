"""Sign-in records: linked identities, provisioning tokens."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OIDCIdentity(models.Model):
    """A person at an identity provider (issuer + `sub`), remembered as one Vaksam account.

    Made on the first single sign-on that matches an employee, so that later sign-ins go by the
    provider's stable subject and survive a change of e-mail address.
    """

    issuer = models.CharField(_("utfärdare"), max_length=255)
    subject = models.CharField(_("subjekt (sub)"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användarkonto"),
        on_delete=models.CASCADE,
        related_name="oidc_identities",
    )
    created_at = models.DateTimeField(_("kopplad"), auto_now_add=True)

    class Meta:
        verbose_name = _("inloggningsidentitet")
        verbose_name_plural = _("inloggningsidentiteter")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="unique_oidc_identity")
        ]

    def __str__(self):
        return f"{self.subject} @ {self.issuer}"
