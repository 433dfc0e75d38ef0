"""Single sign-on with OpenID Connect, through mozilla-django-oidc.

The library runs the authorization code flow (state, nonce, PKCE) and checks the ID token's
RS256 signature against the provider's JWKS. What is ours: the endpoints come from the issuer's
discovery document instead of settings, the ID token's issuer and audience are checked too, and
an identity signs in only as an existing, active employee (never a new account), remembered by
(issuer, sub) after the first match.
"""

import hashlib
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from wagtail.log_actions import log
from wagtail.models import Site

from identity.models import OIDCIdentity
from people.models import Employee, is_protected_account

logger = logging.getLogger(__name__)

# The TOTP requirement for administrators looks for this path in the session: keep it exact.
BACKEND_PATH = "identity.oidc.EmployeeOIDCBackend"


class ProviderUnavailable(Exception):
    """The identity provider could not be reached, or answered with something unusable."""


def is_enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def discovery_cache_key(issuer: str) -> str:
    return "identity:oidc:discovery:" + hashlib.sha256(issuer.rstrip("/").encode()).hexdigest()


def provider_configuration() -> dict:
    """The issuer's discovery document, fetched once and then kept in the cache.

    A failure is not cached, so the next sign-in tries again.
    """
    issuer = settings.OIDC_ISSUER.rstrip("/")
    key = discovery_cache_key(issuer)
    document = cache.get(key)
    if document is not None:
        return document
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"discovery document at {url}: {exc}") from exc
    # OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer we asked.
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ProviderUnavailable(f"discovery document at {url} names another issuer")
    missing = {"authorization_endpoint", "token_endpoint", "jwks_uri"} - document.keys()
    if missing:
        raise ProviderUnavailable(f"discovery document at {url} lacks {sorted(missing)}")
    cache.set(key, document, settings.OIDC_DISCOVERY_CACHE_SECONDS)
    return document


def provider_logout_url(request) -> str | None:
    """Where to end the provider's session too (RP-initiated logout), or None.

    Only for sessions that came through single sign-on, and only when the provider offers an
    end_session_endpoint; an unreachable provider never stops a local logout.
    """
    if not is_enabled() or request.session.get(BACKEND_SESSION_KEY) != BACKEND_PATH:
        return None
    try:
        endpoint = provider_configuration().get("end_session_endpoint")
    except ProviderUnavailable:
        logger.warning("OIDC provider unreachable at logout; ending the local session only")
        return None
    if not endpoint:
        return None
    params = {
        "client_id": settings.OIDC_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(
            resolve_url(settings.LOGOUT_REDIRECT_URL)
        ),
    }
    if id_token := request.session.get("oidc_id_token"):
        params["id_token_hint"] = id_token
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urlencode(params)}"


class Refusal:
    """Why a verified identity may not sign in; the callback view shows the refusal page."""

    UNKNOWN = "okand"  # no employee with the claim
    INACTIVE = "inaktiv"  # the employee or the account is deactivated, or employment has ended
    AMBIGUOUS = "flera"  # the claim matches more than one active employee
    MISSING_CLAIM = "claim-saknas"  # the provider did not send the match claim
    UNVERIFIED = "ej-verifierad"  # the provider says the e-mail address is not verified
    # An account with admin access or more than an employee's groups: never linked by a
    # matching claim, or a provider account that merely carries the address would become it.
    PROTECTED = "skyddat"


class EmployeeOIDCBackend(OIDCAuthenticationBackend):
    """Signs an identity in as the active employee it is linked or matched to; creates nobody."""

    def __init__(self, *args, **kwargs):
        # Django builds every backend for each password login too: read the provider's
        # endpoints only when a sign-in needs them (the properties below), never here.
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):
        return provider_configuration()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self):
        return provider_configuration().get("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):
        return provider_configuration()["jwks_uri"]

    @property
    def OIDC_RP_CLIENT_ID(self):
        return settings.OIDC_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self):
        return settings.OIDC_CLIENT_SECRET

    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_IDP_SIGN_KEY = None

    def get_user(self, user_id):
        """The session's user while they may still sign in: a deactivated account or employee
        ends an SSO session at the next request, as ModelBackend does for passwords."""
        user = super().get_user(user_id)
        if user is None or not user.is_active or not _is_active_employee(user):
            return None
        return user

    def authenticate(self, request, **kwargs):
        # Only our callback passes a nonce; a password login never reaches the provider.
        if not is_enabled() or request is None or "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_payload_data(self, token, key):
        """Verify the signature and, unlike the library, also the issuer, audience and expiry."""
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=settings.OIDC_CLIENT_ID,
                issuer=provider_configuration()["issuer"],
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
                # Tolerate a little clock skew between us and the provider.
                leeway=60,
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token rejected: {exc}") from exc

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed from the userinfo endpoint when there is one.

        Providers differ: Entra ID puts e-mail in the ID token, others only in userinfo.
        """
        if not self.OIDC_OP_USER_ENDPOINT:
            return dict(payload)
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            # OpenID Connect Core 1.0, section 5.3.2.
            raise SuspiciousOperation("userinfo is about another subject than the ID token")
        return {**userinfo, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        user, refusal = find_employee_account(
            issuer=payload["iss"], subject=payload["sub"], claims=claims
        )
        if refusal:
            self.request.oidc_refusal = refusal
            record_refusal(self.request, refusal=refusal, claims=claims, user=user)
            return None
        return user


def find_employee_account(*, issuer: str, subject: str, claims: dict):
    """The account this identity signs in as, and None; or a refusal reason (and the account).

    A remembered link wins; otherwise the match claim finds exactly one active employee, and
    the link is remembered for next time.
    """
    link = OIDCIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject)
    if link := link.first():
        if not _is_active_employee(link.user):
            return link.user, Refusal.INACTIVE
        return link.user, None

    value = claims.get(settings.OIDC_MATCH_CLAIM)
    if not value or not isinstance(value, str):
        return None, Refusal.MISSING_CLAIM
    matches = Employee.objects.filter(_match_condition(value)).distinct().select_related("user")
    active = list(matches.active().filter(user__is_active=True)[:2])
    if len(active) > 1:
        return None, Refusal.AMBIGUOUS
    if not active:
        match = matches.first()
        return (match.user, Refusal.INACTIVE) if match else (None, Refusal.UNKNOWN)
    if (
        settings.OIDC_MATCH_CLAIM == "email"
        and str(claims.get("email_verified")).lower() == "false"
    ):
        return None, Refusal.UNVERIFIED
    if is_protected_account(active[0].user):
        return active[0].user, Refusal.PROTECTED

    # get_or_create copes with a second tab finishing the same first sign-in at once.
    link, created = OIDCIdentity.objects.get_or_create(
        issuer=issuer, subject=subject, defaults={"user": active[0].user}
    )
    if created:
        log(
            instance=link.user,
            action="identity.oidc_linked",
            data={"utfardare": issuer, "claim": settings.OIDC_MATCH_CLAIM},
        )
    return link.user, None


def _match_condition(value: str) -> Q:
    claim = settings.OIDC_MATCH_CLAIM
    if claim == "email":
        return Q(user__email__iexact=value)
    if claim == "employeeid":
        return Q(employee_number=value)
    # oid / sub: the provider's id, as SCIM provisioning keeps it in externalId (Entra ID maps
    # objectId there), or as the username of an account made with it.
    provisioned = Q(scim_users__external_id=value, scim_users__deprovisioned_at__isnull=True)
    return provisioned | Q(user__username=value)


def _is_active_employee(user) -> bool:
    return Employee.objects.active().filter(user=user, user__is_active=True).exists()


def record_refusal(request, *, refusal: str, claims: dict, user=None) -> None:
    """Log a refused sign-in with the match claim only, and put it in Wagtail's audit log."""
    claim = settings.OIDC_MATCH_CLAIM
    value = claims.get(claim)
    logger.warning("OIDC sign-in refused (%s): %s=%r", refusal, claim, value)
    # An unknown person has no account to hang the entry on; the site they tried stands in.
    instance = user or Site.find_for_request(request) or Site.objects.first()
    if instance is None:
        return
    log(
        instance=instance,
        action="identity.oidc_refused",
        data={"anledning": refusal, "claim": claim, "varde": value, "utfardare": claims.get("iss")},
    )
