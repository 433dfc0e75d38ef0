"""What the follow-up app stores: follow-up reports for many units, built in the background."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import private_storage


def bundle_file_name(instance, filename: str) -> str:
    # A random name: nothing about the unit or the requester is guessable from it.
    return f"uppfoljning/{secrets.token_hex(16)}.zip"


class ReportBundleQuerySet(models.QuerySet):
    def prune(self) -> int:
        """Delete bundles past their retention, files first."""
        cutoff = timezone.now() - timedelta(days=settings.REPORT_BUNDLE_RETENTION_DAYS)
        expired = list(self.filter(requested_at__lt=cutoff))
        for bundle in expired:
            if bundle.file:
                bundle.file.delete(save=False)
            bundle.delete()
        return len(expired)


class ReportBundle(models.Model):
    """The follow-up report for many units (every nämnd and bolag) as one ZIP."""

    class State(models.TextChoices):
        PENDING = "pending", _("Skapas")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Misslyckades")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    unit_ids = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    file = models.FileField(storage=private_storage, upload_to=bundle_file_name, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReportBundleQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("rapportpaket")
        verbose_name_plural = _("rapportpaket")
        permissions = [("view_all_statistics", _("Kan se och exportera all statistik"))]

    def __str__(self):
        return f"{self.requested_by} {self.requested_at:%Y-%m-%d %H:%M} ({self.state})"
