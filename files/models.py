"""Files the worker builds for one person (ZIPs, reports, extracts), kept a few days privately.

`BackgroundFile` is abstract: each app that builds files has its own concrete model (and
table) with what the file was built from, and its own retention in days. Every such file lives
in the private store (`files.storage`), under a random name.
"""

import logging
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from files.storage import private_storage

logger = logging.getLogger(__name__)


def background_file_name(instance, filename) -> str:
    # A random name: nothing about the contents or the requester can be guessed from it; the
    # kind of file (.zip, .xlsx, .csv) is kept.
    suffix = Path(filename).suffix.lower() or ".zip"
    return f"{instance.folder}/{uuid.uuid4().hex}{suffix}"


class BackgroundFileQuerySet(models.QuerySet):
    def expired(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=self.model.retention_days())
        return self.filter(requested_at__lt=cutoff)

    def prune(self, now=None) -> int:
        """Delete files past their retention, the stored file first, the rows in one go."""
        expired = self.expired(now)
        names = [name for name in expired.values_list("file", flat=True) if name]
        storage = self.model._meta.get_field("file").storage
        for name in names:
            storage.delete(name)
        removed, _ = expired.delete()
        return removed


class BackgroundFile(models.Model):
    """A file the worker builds for the person who asked, kept a few days in private storage."""

    class State(models.TextChoices):
        PENDING = "pending", _("Skapas")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Misslyckades")

    folder = "exports"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    file = models.FileField(storage=private_storage, upload_to=background_file_name, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = BackgroundFileQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-requested_at"]

    def __str__(self):
        requested = date_format(timezone.localtime(self.requested_at), "SHORT_DATETIME_FORMAT")
        return f"{self.requested_by} {requested} ({self.state})"

    @classmethod
    def retention_days(cls) -> int:
        raise NotImplementedError

    def build_after_commit(self, task) -> None:
        """Queue `task(self.pk)` once the row is saved; if the queue cannot be reached, the file
        says it failed at once (not "Skapas" until pruned) and the request still answers."""

        def enqueue():
            try:
                task.enqueue(self.pk)
            except Exception:
                logger.exception("Could not queue %s for %s", task.name, self._meta.label)
                type(self).objects.filter(pk=self.pk, state=self.State.PENDING).update(
                    state=self.State.FAILED, finished_at=timezone.now()
                )

        transaction.on_commit(enqueue)

    def build(self, name: str, write) -> None:
        """Write the file with `write(fileobj)` and mark it ready; on failure mark it failed."""
        try:
            with tempfile.TemporaryFile() as spool:
                write(spool)
                spool.seek(0)
                self.file.save(name, File(spool), save=False)
        except Exception:
            self.state = self.State.FAILED
            self.finished_at = timezone.now()
            self.save(update_fields=["state", "finished_at"])
            raise
        self.state = self.State.READY
        self.finished_at = timezone.now()
        self.save(update_fields=["file", "state", "finished_at"])


def background_file_models() -> list[type[BackgroundFile]]:
    """Every installed kind of background file (the concrete subclasses)."""
    return [model for model in apps.get_models() if issubclass(model, BackgroundFile)]


def prune_expired_files(now=None, *, dry_run: bool = False) -> int:
    """Every kind of background file past its own retention: how many (would) go."""
    removed = 0
    for model in background_file_models():
        manager = model.objects
        removed += manager.expired(now).count() if dry_run else manager.prune(now)
    return removed


def remove_files_of(user) -> None:
    """Everything built for one account, each stored file before its row (the rows would
    otherwise go by cascade and leave the files behind)."""
    for model in background_file_models():
        for built in model.objects.filter(requested_by=user):
            if built.file:
                built.file.delete(save=False)
            built.delete()
