"""Certificates issued when a course is completed, and bulk downloads of them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates import codes
from files.models import BackgroundFile


class CertificateQuerySet(models.QuerySet):
    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def valid_on(self, day):
        return self.filter(revoked_at__isnull=True, valid_until__gte=day)

    def expired_on(self, day):
        return self.filter(revoked_at__isnull=True, valid_until__lt=day)


class Certificate(models.Model):
    """Proof that an employee completed a course, verifiable by anyone from its code.

    What it says (holder, course, modules) is fixed when it is issued, so it stays true
    after people change names or courses are edited.
    """

    class Status(models.TextChoices):
        VALID = "valid", _("Giltigt")
        EXPIRED = "expired", _("Har upphört att gälla")
        REVOKED = "revoked", _("Återkallat")

    completion = models.OneToOneField(
        "courses.CourseCompletion",
        verbose_name=_("genomförd kurs"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    employee = models.ForeignKey(
        "people.Employee",
        verbose_name=_("anställd"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kurs"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    code = models.CharField(_("verifieringskod"), max_length=codes.LENGTH, unique=True)
    # Emptied when the holder is pseudonymised (privacy.leavers): the certificate still
    # verifies, saying the person has left.
    holder_name = models.CharField(_("innehavare"), max_length=300, blank=True)
    course_title = models.CharField(_("kursens namn"), max_length=255)
    module_titles = models.JSONField(_("moduler"), default=list)
    # Who signed, as the site settings said when it was issued: a later signer never signs
    # an earlier certificate. Empty on certificates issued before the signer was stored (and
    # while nobody is named): those show no signer.
    signer_name = models.CharField(_("undertecknare"), max_length=200, blank=True)
    signer_title = models.CharField(_("undertecknarens titel"), max_length=200, blank=True)
    issued_at = models.DateTimeField(_("utfärdat"))
    valid_until = models.DateField(_("giltigt till och med"))
    revoked_at = models.DateTimeField(_("återkallat"), null=True, blank=True)
    revoked_reason = models.TextField(_("skäl till återkallelse"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("återkallat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("intyg")
        verbose_name_plural = pgettext_lazy("plural", "intyg")
        permissions = [("revoke_certificate", _("Kan återkalla intyg"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="revoked_certificate_has_reason",
            )
        ]

    def __str__(self):
        return f"{self.holder} – {self.course_title} ({self.display_code})"

    def get_absolute_url(self):
        return reverse("certificates:verify", args=[self.display_code])

    @property
    def holder_has_left(self) -> bool:
        """The holder was pseudonymised: the certificate names nobody any more."""
        return not self.holder_name

    @property
    def holder(self) -> str:
        return self.holder_name or str(_("Personen har slutat"))

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    def status(self, on=None) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.valid_until < (on or timezone.localdate()):
            return self.Status.EXPIRED
        return self.Status.VALID

    def get_status_display(self) -> str:
        return str(self.Status(self.status()).label)


class CertificateExport(BackgroundFile):
    """A ZIP of many certificates, built in the background and kept for its requester."""

    folder = "certificate-exports"

    description = models.CharField(_("urval"), max_length=500, blank=True)
    certificate_ids = models.JSONField(default=list)

    class Meta(BackgroundFile.Meta):
        verbose_name = _("intygsexport")
        verbose_name_plural = _("intygsexporter")

    @classmethod
    def retention_days(cls) -> int:
        return settings.CERTIFICATE_EXPORT_RETENTION_DAYS
