"""The client's address, as far as our own reverse proxies vouch for it."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address TRUSTED_PROXY_COUNT hops from the right of X-Forwarded-For, else REMOTE_ADDR.

    Each trusted proxy appends the address it received the request from, so only the last
    TRUSTED_PROXY_COUNT entries were written by us; anything to their left is the client's to
    invent. A missing, short or malformed header falls back to REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < hops:
        return remote_addr
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote_addr
