from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    """One run of the retention job (gallring): when, and how many records of each kind went."""

    started_at = models.DateTimeField(_("startad"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    # The day the periods were counted back from.
    day = models.DateField(_("dag"), default=timezone.localdate)
    # A dry run removes nothing: `removed` then says what would have gone.
    dry_run = models.BooleanField(_("provkörning"), default=False)
    # Record type key (see privacy.plan) -> number of records removed or pseudonymised.
    removed = models.JSONField(_("gallrat"), default=dict)
    # Record type key -> the moment (ISO 8601) before which its records went.
    cutoffs = models.JSONField(_("gallrat före"), default=dict)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("gallringskörning")
        verbose_name_plural = _("gallringskörningar")
        default_permissions = ("view",)
        permissions = [
            ("view_access_log", _("Se loggen över vem som har sett vems uppgifter")),
            ("view_retention_plan", _("Se gallringsplanen och registerförteckningen")),
            ("produce_register_extract", _("Ta fram registerutdrag åt en person")),
        ]

    def __str__(self):
        return date_format(timezone.localtime(self.started_at), "SHORT_DATETIME_FORMAT")
