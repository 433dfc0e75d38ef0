"""Sign-in records: linked identities, provisioning tokens."""

import hashlib
import hmac
import re
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from people.models import Employee

# Marks a string as ours (and lets secret scanners recognise it); not a secret.
TOKEN_PREFIX = "vaksam_scim_"  # noqa: S105


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def lookup_of(presented: str) -> str | None:
    """The lookup prefix of something shaped like one of our tokens, else None.

    Safe to log: it only names which token was meant, and reveals nothing of its secret.
    """
    if not presented.startswith(TOKEN_PREFIX):
        return None
    lookup = presented.removeprefix(TOKEN_PREFIX)[:12]
    return lookup if re.fullmatch(r"[0-9a-f]{12}", lookup) else None


class ScimTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True)

    def find(self, presented: str) -> "ScimToken | None":
        """The unrevoked token a client presented, or None. Compared in constant time."""
        lookup = lookup_of(presented)
        if lookup is None:
            return None
        token = self.usable().filter(lookup=lookup).first()
        if token is None or not hmac.compare_digest(token.token_hash, _digest(presented)):
            return None
        return token


class ScimToken(models.Model):
    """A bearer token of one provisioning client (an Entra ID enterprise app, say).

    Only a SHA-256 digest of the token is kept: the token is a 32-byte random secret, so a
    slow password hash adds nothing, and the digest cannot be turned back into a token.
    """

    name = models.CharField(_("namn"), max_length=100, unique=True)
    lookup = models.CharField(_("prefix"), max_length=12, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True, editable=False)

    objects = ScimTokenQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("SCIM-token")
        verbose_name_plural = pgettext_lazy("plural", "SCIM-token")

    def __str__(self):
        return self.name

    @classmethod
    def issue(cls, name: str) -> tuple["ScimToken", str]:
        """A new token for a client: the record, and the token itself, which is shown only once."""
        lookup = secrets.token_hex(6)
        token = f"{TOKEN_PREFIX}{lookup}{secrets.token_urlsafe(32)}"
        record = cls.objects.create(name=name, lookup=lookup, token_hash=_digest(token))
        return record, token

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        """Record a use, at most once a minute so a busy client does not write on every call."""
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ScimToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


class ScimUserQuerySet(models.QuerySet):
    def provisioned(self):
        """Links still in use; de-provisioned ones are kept as a record but answer 404."""
        return self.filter(deprovisioned_at__isnull=True)


class ScimUser(models.Model):
    """The SCIM User resource of an employee: its stable id and what only SCIM knows.

    The id is a random UUID, never an employee number or a database key, so it reveals nothing
    and survives a change of employee number. A DELETE keeps the row (with `deprovisioned_at`),
    so there is a record of who was de-provisioned and when; the employee keeps their history.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    employee = models.ForeignKey(
        Employee, verbose_name=_("anställd"), on_delete=models.PROTECT, related_name="scim_users"
    )
    user_name = models.CharField(_("användarnamn i SCIM"), max_length=255)
    external_id = models.CharField(_("externt id"), max_length=255, blank=True)
    title = models.CharField(_("befattning"), max_length=255, blank=True)
    # `active` as the client last sent it; None when it never did (or removed it), which
    # means active. Whether the person is active is the employee's is_active.
    active = models.BooleanField(_("aktiv enligt klienten"), null=True, blank=True)
    # The addresses as the client sent them (value, type, primary); the one in use is the
    # account's e-mail, which stays the authority.
    emails = models.JSONField(_("e-postadresser"), default=list, blank=True)
    # The person's own manager as the identity provider names them; informational only: a
    # manager's scope comes from the units they lead (Employee.manages), which SCIM never sets.
    manager = models.ForeignKey(
        "self",
        verbose_name=_("chef"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    deprovisioned_at = models.DateTimeField(_("avregistrerad"), null=True, blank=True)

    objects = ScimUserQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("SCIM-användare")
        verbose_name_plural = pgettext_lazy("plural", "SCIM-användare")
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(deprovisioned_at__isnull=True),
                name="scim_user_one_per_employee",
            ),
            models.UniqueConstraint(
                Lower("user_name"),
                condition=Q(deprovisioned_at__isnull=True),
                name="scim_user_unique_user_name",
            ),
        ]

    def __str__(self):
        return self.user_name


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
