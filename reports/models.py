"""What the follow-up app stores: follow-up reports for many units, built in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from files.models import BackgroundFile


class ReportBundle(BackgroundFile):
    """The follow-up report for many units (every nämnd and bolag) as one ZIP."""

    folder = "uppfoljning"

    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    unit_ids = models.JSONField(default=list)

    class Meta(BackgroundFile.Meta):
        verbose_name = _("rapportpaket")
        verbose_name_plural = pgettext_lazy("plural", "rapportpaket")
        permissions = [("view_all_statistics", _("Kan se och exportera all statistik"))]

    @classmethod
    def retention_days(cls) -> int:
        return settings.REPORT_BUNDLE_RETENTION_DAYS


class PeopleExport(BackgroundFile):
    """Personer as XLSX or CSV, too many rows to build inside a web request.

    Kept with the filter it was asked with (the requester's scope is resolved again when it is
    built, so rights lost in between are not used), and with the people it names, so every
    download is recorded in the access log as an inline export is.
    """

    folder = "uppfoljning-export"

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel (XLSX)"
        CSV = "csv", "CSV"

    export_format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    # The filter and sort order as a query string (org_unit, role, course, start, end, status,
    # sortering), read by the same filter form as the page.
    query = models.TextField(blank=True)
    # The filter in words, as the audit entries write it.
    description = models.JSONField(default=dict)
    rows = models.PositiveIntegerField(_("rader"), null=True, blank=True)
    # Who the file names (employee ids), filled while it is written.
    employee_ids = models.JSONField(default=list)

    class Meta(BackgroundFile.Meta):
        verbose_name = _("export av personer")
        verbose_name_plural = _("exporter av personer")

    @classmethod
    def retention_days(cls) -> int:
        return settings.REPORT_BUNDLE_RETENTION_DAYS

    def download_name(self) -> str:
        return f"uppfoljning-people-{self.requested_at:%Y%m%d}.{self.export_format}"
