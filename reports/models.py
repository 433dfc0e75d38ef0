"""What the follow-up app stores: follow-up reports for many units, built in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from files.models import BackgroundFile


class ReportBundle(BackgroundFile):
    """The follow-up report for many units (every nämnd and bolag) as one ZIP."""

    folder = "uppfoljning"

    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    unit_ids = models.JSONField(default=list)

    class Meta(BackgroundFile.Meta):
        verbose_name = _("rapportpaket")
        verbose_name_plural = _("rapportpaket")
        permissions = [("view_all_statistics", _("Kan se och exportera all statistik"))]

    @classmethod
    def retention_days(cls) -> int:
        return settings.REPORT_BUNDLE_RETENTION_DAYS
