"""Absolute links to the site, built from its public address (BASE_URL), never from a request.

Mails, certificates (verification link and QR code) and calendar files are read far from any
request, and a request's Host header is written by the client; so every link that leaves the
site starts from the one configured address.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def site_url() -> str:
    """The public address without a trailing slash, e.g. https://vaksam.kommun.se."""
    return settings.BASE_URL.rstrip("/")


def site_host() -> str:
    return urlsplit(site_url()).hostname or "vaksam"


def absolute_url(path: str) -> str:
    """A site path ("/intyg/…") as a full address."""
    return site_url() + "/" + path.lstrip("/")


def absolute_reverse(viewname: str, *args, **kwargs) -> str:
    return absolute_url(reverse(viewname, args=args or None, kwargs=kwargs or None))
