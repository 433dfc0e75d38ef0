"""A second factor for administrators who signed in with a local password."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, empty
from django.utils.http import urlencode
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware as BaseOTPMiddleware

# Sessions from single sign-on rely on the identity provider's MFA. The path is a name, not an
# import: the backend lives in identity.oidc, which this module need not load.
OIDC_BACKEND = "identity.oidc.EmployeeOIDCBackend"


class OTPMiddleware(BaseOTPMiddleware):
    """django-otp's middleware, handing on the user itself rather than Django's lazy wrapper.

    django-otp wraps Django's lazy `request.user` in a second lazy object. Wagtail's audit log
    looks through one wrapper only to find the user's model; behind two it finds none and drops
    the entry without a word, so every `log(instance=request.user, …)` would vanish.
    """

    def _verify_user_sync(self, request, user):
        if isinstance(user, SimpleLazyObject):
            if user._wrapped is empty:
                user._setup()
            user = user._wrapped
        return super()._verify_user_sync(request, user)


def needs_second_factor(request) -> bool:
    """True for an admin-capable account, signed in locally, that has not verified a code yet."""
    user = request.user
    if not settings.ADMIN_REQUIRE_TOTP or not user.is_authenticated:
        return False
    if request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND:
        return False
    if not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        return False
    return not user.is_verified()


class AdminSecondFactorMiddleware:
    """Sends such accounts from /admin/ to enrol (first time) or to type a code.

    Wagtail's own login and logout stay reachable; the enrol and verify pages live outside
    /admin/ (under /konto/), so they never loop back here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._guards(request.path) and needs_second_factor(request):
            target = "totp_verify" if user_has_device(request.user) else "totp_enrol"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _guards(path: str) -> bool:
        open_paths = {reverse("wagtailadmin_login"), reverse("wagtailadmin_logout")}
        return path.startswith(reverse("wagtailadmin_home")) and path not in open_paths
