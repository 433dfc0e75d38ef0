"""Runs of the scheduled jobs (one row per job and period) and the background workers' beats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One job's run for one period (a day, or an N-minute slot).

    The unique (job, period) pair is what makes a job run once however many schedulers start it:
    the second insert fails and that scheduler skips. A run whose process died (no heartbeat)
    or that failed may be taken over by a conditional update, see `jobs.runner.claim`.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("Pågår")
        SUCCEEDED = "succeeded", _("Klar")
        FAILED = "failed", _("Misslyckades")

    job = models.CharField(_("jobb"), max_length=100)
    # "2025-03-31" for a daily job; the slot's start in UTC, "2025-03-31T10:05Z", for others.
    period = models.CharField(_("period"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    started_at = models.DateTimeField(_("startad"))
    # Written every few seconds while the job runs: a stale one means the process died.
    heartbeat_at = models.DateTimeField(_("senast vid liv"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=1)
    # What the job reports, e.g. {"employees": 12, "managers": 3}: counts, never names.
    result = models.JSONField(_("resultat"), default=dict, blank=True)
    error = models.TextField(_("fel"), blank=True)
    host = models.CharField(_("värd"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("jobbkörning")
        verbose_name_plural = _("jobbkörningar")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="jobrun_once_per_period")
        ]
        indexes = [models.Index(fields=["job", "-started_at"], name="jobrun_job_latest")]

    def __str__(self):
        return f"{self.job} {self.period} ({self.status})"

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at


class WorkerHeartbeat(models.Model):
    """A background worker (`manage.py db_worker`) that is, or was, alive: one row per process."""

    worker_id = models.CharField(_("arbetsprocess"), max_length=64, unique=True)
    host = models.CharField(_("värd"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), null=True, blank=True)
    started_at = models.DateTimeField(_("startad"))
    seen_at = models.DateTimeField(_("senast vid liv"), db_index=True)
    # Set when the worker stopped on its own (SIGTERM): it is gone, not late.
    stopped_at = models.DateTimeField(_("stoppad"), null=True, blank=True)

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = _("arbetsprocess")
        verbose_name_plural = _("arbetsprocesser")
        default_permissions = ()

    def __str__(self):
        return f"{self.host}:{self.pid} ({self.worker_id})"
