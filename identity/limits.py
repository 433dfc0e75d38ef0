"""Limits on guessing passwords: failures counted per username and per address, on every login.

Only failures count (Django's `user_login_failed` signal, sent by every `authenticate()` call,
whichever view made it), so an office behind one address signs in as often as it likes. The check
runs before the login view itself, in a middleware that recognises every Django `LoginView`
(ours, Wagtail's `/admin/login/` and Wagtail's `/_util/login/`), so a blocked username gets the
Swedish 429 page without its password ever being tried.
"""

import unicodedata

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django_ratelimit.core import get_usage

# Different groups give different cache keys: an address posted as a username is not the address.
USERNAME_GROUP = "identity.login.username"
ADDRESS_GROUP = "identity.login.address"


def normalise_username(value: str) -> str:
    """One key for every spelling of a username: NFKC (full-width letters), case-folded, trimmed."""
    return unicodedata.normalize("NFKC", value or "").casefold().strip()


def _usages(request, username: str, *, increment: bool):
    def by_username(group, request):
        return normalise_username(username)

    return [
        get_usage(
            request,
            group=USERNAME_GROUP,
            key=by_username,
            rate=settings.LOGIN_FAILURES_PER_USERNAME,
            increment=increment,
        ),
        get_usage(
            request,
            group=ADDRESS_GROUP,
            key="ip",
            rate=settings.LOGIN_FAILURES_PER_ADDRESS,
            increment=increment,
        ),
    ]


def login_blocked(request, username: str) -> bool:
    """True once the username or the client's address has used up its failures."""
    return any(
        usage is not None and usage["count"] >= usage["limit"]
        for usage in _usages(request, username, increment=False)
    )


def record_failed_login(sender, credentials, request=None, **kwargs):
    """Count a failure for the username tried and for the client's address."""
    if request is None:  # authenticate() called outside a request, e.g. in a shell
        return
    _usages(request, str(credentials.get("username", "")), increment=True)


def rate_limited(request, exception):
    """Shown instead of a form when a client, username or address has tried too often."""
    return render(request, "429.html", status=429)


def _is_login_view(view_func) -> bool:
    view_class = getattr(view_func, "view_class", None)
    return view_class is not None and issubclass(view_class, auth_views.LoginView)


class LoginLimitMiddleware:
    """Answers 429 to a login POST for a blocked username or address, on every LoginView."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not _is_login_view(view_func):
            return None
        if login_blocked(request, request.POST.get("username", "")):
            return rate_limited(request, None)
        return None
