"""The single sign-on views: start, callback, and a logout that ends the provider's session too.

With OIDC_ISSUER unset, the start and callback views answer 404 and logout is the local one.
"""

import logging

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from identity import oidc, views

logger = logging.getLogger(__name__)


def provider_unavailable(request):
    return render(request, "identity/oidc_unavailable.html", status=503)


def sign_in_failed(request):
    return render(request, "identity/oidc_failed.html", status=400)


class SignInView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with a fresh state, nonce and PKCE challenge."""

    def __init__(self, **kwargs):
        # The library reads the endpoint here; ours comes from discovery, in get().
        View.__init__(self, **kwargs)

    def get(self, request):
        if not oidc.is_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc.provider_configuration()["authorization_endpoint"]
        except oidc.ProviderUnavailable as exc:
            logger.error("OIDC provider unreachable: %s", exc)
            return provider_unavailable(request)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_CLIENT_ID
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Checks state, then lets the backend redeem the code and verify the ID token and nonce.

    Every way this can fail ends on a Swedish page: refused (403) for a verified identity that
    is not an active employee, failed (400) for a bad or replayed answer, and unavailable (503)
    when the provider cannot be reached.
    """

    def get(self, request):
        if not oidc.is_enabled():
            raise Http404
        try:
            return super().get(request)
        except oidc.ProviderUnavailable as exc:
            logger.error("OIDC provider unreachable: %s", exc)
            return provider_unavailable(request)
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else None
            logger.warning("OIDC provider refused the sign-in (HTTP %s)", status)
            if status is None or status >= 500:
                return provider_unavailable(request)
            return sign_in_failed(request)
        except requests.RequestException as exc:
            logger.error("OIDC provider unreachable: %s", exc)
            return provider_unavailable(request)
        except SuspiciousOperation as exc:
            # A state that is not this browser's, a replayed answer, a nonce or token mismatch.
            logger.warning("OIDC sign-in rejected: %s", exc)
            return sign_in_failed(request)

    def login_failure(self):
        if getattr(self.request, "oidc_refusal", None):
            return render(
                self.request,
                "identity/oidc_refused.html",
                {"refusal": self.request.oidc_refusal, "Refusal": oidc.Refusal},
                status=403,
            )
        return sign_in_failed(self.request)


class LogoutView(views.LogoutView):
    """The local logout (POST only); after single sign-on, on to the provider's logout too."""

    def post(self, request, *args, **kwargs):
        # Read before logging out: the logout empties the session holding the ID token.
        provider_logout = oidc.provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response
