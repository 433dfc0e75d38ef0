"""Logging in and out, with a limit on guessing."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit


def _login_rate(group, request):
    # Read at request time so tests can override the setting.
    return settings.LOGIN_RATE_LIMIT


@method_decorator(ratelimit(key="ip", rate=_login_rate, method="POST"), name="post")
@method_decorator(ratelimit(key="post:username", rate=_login_rate, method="POST"), name="post")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def rate_limited(request, exception):
    """Shown instead of the login form when a client or username has tried too often."""
    return render(request, "429.html", status=429)
