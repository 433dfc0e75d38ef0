"""Test settings: fast hashing, in-memory e-mail, no persistent state."""

from .base import *  # noqa: F403

# Not a secret: only ever used by the test suite's throwaway databases.
SECRET_KEY = "vaksam-test-settings-only-not-a-secret-" + "x" * 20  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PDF_STRICT = True
# Off by default so tests can log administrators in; the second factor's tests turn it on.
ADMIN_REQUIRE_TOTP = False

# Uploaded and generated files go to a throwaway folder, never into the checkout.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="vaksam-test-media-")
PRIVATE_ROOT = tempfile.mkdtemp(prefix="vaksam-test-private-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "files.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    },
}

# Static files straight from the source folders, as under runserver: no collectstatic first.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# One process and its local-memory cache: rate limits count correctly without Redis here.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# The test databases are thrown away: PostgreSQL need not wait for the disk on every commit
# (migrations and the transactional tests commit thousands of times).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
