"""Per-user answers the page header needs on every request, kept briefly in the cache.

Whether to show "Uppföljning" and "Redigera innehåll" took three queries per page (the user's
and their groups' permissions, the units they lead). These flags only decide whether a link is
shown: the follow-up views and the admin check the user's rights on every request themselves.
So a short-lived cache is safe; the key carries the time of the last login, so signing in
again always asks afresh, and a change of groups shows in the menu within TIMEOUT.
"""

from collections.abc import Callable

from django.core.cache import cache

TIMEOUT = 5 * 60


def cached_flag(user, name: str, compute: Callable[[object], bool]) -> bool:
    if not user.is_authenticated:
        return bool(compute(user))
    stamp = user.last_login.timestamp() if user.last_login else 0
    key = f"vaksam:user-flag:{name}:{user.pk}:{stamp}"
    value = cache.get(key)
    if value is None:
        value = bool(compute(user))
        cache.set(key, value, TIMEOUT)
    return value
