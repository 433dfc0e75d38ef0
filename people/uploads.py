"""Uploaded personnel registers kept between preview and confirmation, and their removal.

They live in the private store (files.storage), so the confirmation may reach another app
server than the preview did.
"""

import re
import time
import uuid
from pathlib import PurePosixPath

from django.core.files.base import File

from files.storage import private_storage

UPLOAD_DIR = "imports"
UPLOAD_LIFETIME_SECONDS = 6 * 60 * 60
SUFFIXES = {".csv", ".txt", ".xlsx"}
# What store_upload hands out (a storage may add a suffix of letters to a taken name): never a
# path, nor "." or "..", whatever the browser sends back.
TOKEN = re.compile(r"[A-Za-z0-9_-]+(\.(csv|txt|xlsx))?")


def _name(token: str) -> str | None:
    if not TOKEN.fullmatch(token or ""):
        return None
    return f"{UPLOAD_DIR}/{token}"


def store_upload(upload) -> str:
    """Keep the upload privately; return its token (a random name, keeping a known suffix)."""
    remove_stale_uploads()
    suffix = PurePosixPath(upload.name).suffix.lower()
    token = f"{uuid.uuid4().hex}{suffix if suffix in SUFFIXES else ''}"
    saved = private_storage().save(_name(token), File(upload, name=token))
    return PurePosixPath(saved).name


def read_upload(token: str) -> bytes | None:
    """The stored bytes, or None once the upload is gone (expired or confirmed)."""
    storage = private_storage()
    name = _name(token)
    if name is None or not storage.exists(name):
        return None
    with storage.open(name, "rb") as stored:
        return stored.read()


def discard_upload(token: str) -> None:
    if name := _name(token):
        private_storage().delete(name)


def remove_stale_uploads(*, before: float | None = None, dry_run: bool = False) -> int:
    """Delete previews nobody confirmed within the lifetime (or stored before the timestamp
    `before`); returns how many (would) go.

    The register is personal data, so it does not linger: this runs on every upload and in the
    daily retention job.
    """
    storage = private_storage()
    try:
        _, names = storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:  # nothing was ever uploaded on this disk
        return 0
    cutoff = time.time() - UPLOAD_LIFETIME_SECONDS if before is None else before
    stale = [
        name
        for name in names
        if storage.get_modified_time(f"{UPLOAD_DIR}/{name}").timestamp() < cutoff
    ]
    if not dry_run:
        for name in stale:
            storage.delete(f"{UPLOAD_DIR}/{name}")
    return len(stale)
