"""The private store: generated files that name people, never reachable by a URL.

Which backend holds them is `STORAGES["private"]` (local disk by default, an S3-compatible
bucket with STORAGE_BACKEND=s3; see vaksam/settings/base.py). Models and code reach it through
`private_storage()`, which follows the setting even when a test changes it.
"""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class NoPublicUrl:
    """A private file has no address: it is streamed by a view that checked who is asking."""

    def url(self, name, *args, **kwargs):
        raise ValueError(
            "Private files have no URL; serve them through files.views.private_file_response."
        )


class PrivateFileSystemStorage(NoPublicUrl, FileSystemStorage):
    """Local disk outside MEDIA_ROOT, readable by the app's own user only."""

    def __init__(self, **options):
        options.setdefault("file_permissions_mode", 0o600)
        options.setdefault("directory_permissions_mode", 0o700)
        super().__init__(**options)


try:
    from storages.backends.s3 import S3Storage
except ImportError:  # the optional "s3" extra is not installed
    S3Storage = None

if S3Storage is not None:

    class PrivateS3Storage(NoPublicUrl, S3Storage):
        """An S3-compatible bucket (or a prefix of one) that nobody reads but the app.

        Objects get the private canned ACL, no signed URLs are ever made for them, and a name
        already taken is never overwritten (the random names make that a bug, not a wish).
        """

        def get_default_settings(self):
            defaults = super().get_default_settings()
            defaults.update(
                default_acl="private",
                querystring_auth=False,
                file_overwrite=False,
                # Reading a file spools it; past this size the spool goes to a temporary file
                # on disk instead of memory (0 would keep a 500 MB ZIP in RAM).
                max_memory_size=8 * 1024 * 1024,
            )
            return defaults


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage():
    """The private store (a callable, so FileFields and migrations name it, not a backend)."""
    return _private


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    # Django drops its own storages when STORAGES changes (override_settings); so do we.
    if setting == "STORAGES":
        _private._wrapped = empty
