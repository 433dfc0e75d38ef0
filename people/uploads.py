"""Uploaded personnel registers kept between preview and confirmation, and their removal."""

import time
from pathlib import Path

from django.conf import settings

UPLOAD_DIR = "imports"
UPLOAD_LIFETIME_SECONDS = 6 * 60 * 60


def upload_folder() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / UPLOAD_DIR


def remove_stale_uploads(*, before: float | None = None, dry_run: bool = False) -> int:
    """Delete previews nobody confirmed within the lifetime (or stored before the timestamp
    `before`); returns how many (would) go.

    The register is personal data, so it does not linger: this runs on every upload and in the
    daily retention job.
    """
    folder = upload_folder()
    if not folder.is_dir():
        return 0
    cutoff = time.time() - UPLOAD_LIFETIME_SECONDS if before is None else before
    stale = [path for path in folder.iterdir() if path.stat().st_mtime < cutoff]
    if not dry_run:
        for path in stale:
            path.unlink(missing_ok=True)
    return len(stale)
