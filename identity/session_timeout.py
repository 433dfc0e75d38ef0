"""Signed-in sessions on shared computers: they end after idle time and after an absolute
lifetime (the admin asks again sooner), and their pages are not kept in any cache.

Django's fixed cookie age alone kept a session for 14 days whatever happened at the keyboard,
and the browser's back button showed the last person's data to the next.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

LOGIN_AT = "vaksam_login_at"
LAST_SEEN = "vaksam_last_seen"
# Writing the session on every request would cost a database write each; a minute is precise
# enough for timeouts measured in hours.
TOUCH_EVERY_SECONDS = 60
BACKGROUND_PATHS = ("/admin/editing-sessions/",)


@receiver(user_logged_in)
def _start_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[LAST_SEEN] = now


def _expired(request, now: int) -> bool:
    session = request.session
    login_at = session.get(LOGIN_AT, now)
    last_seen = session.get(LAST_SEEN, now)
    idle = now - last_seen
    if now - login_at > settings.SESSION_ABSOLUTE_LIFETIME:
        return True
    if idle > settings.SESSION_IDLE_TIMEOUT:
        return True
    return request.path.startswith("/admin/") and idle > settings.ADMIN_IDLE_TIMEOUT


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if _expired(request, now):
                logout(request)
                messages.info(
                    request, _("Du har loggats ut eftersom du inte har varit aktiv på ett tag.")
                )
                login_url = "wagtailadmin_login" if request.path.startswith("/admin/") else None
                return redirect_to_login(request.get_full_path(), login_url)
            session = request.session
            if LOGIN_AT not in session:  # signed in before this middleware existed
                session[LOGIN_AT] = now
            # Wagtail's editor pings every few seconds while a page is open: that is the
            # browser, not the person, and must not keep an abandoned admin session alive.
            background = request.path.startswith(BACKGROUND_PATHS)
            if not background and now - session.get(LAST_SEEN, 0) >= TOUCH_EVERY_SECONDS:
                session[LAST_SEEN] = now
        return self.get_response(request)


class NoStoreWhenSignedInMiddleware:
    """Pages seen by a signed-in user may name people: no browser or proxy keeps them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
