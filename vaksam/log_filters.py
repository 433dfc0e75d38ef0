"""Logging filters named in settings.LOGGING."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404

# Answers the site gives on purpose: someone asked for what is not theirs, or not there.
EXPECTED = (PermissionDenied, Http404)


class OneLineForExpectedErrors(logging.Filter):
    """django.request logs a 403 from PermissionDenied (and a 404 from Http404) with the
    exception's traceback: for an expected refusal that is a screenful of noise per request.
    Such records keep their one line ("Forbidden (Permission denied): /path"); every other
    record, a 500 above all, keeps its traceback."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], EXPECTED):
            record.exc_info = None
            record.exc_text = None
        return True
