"""/scim/v2/: Django speaks HTTP, scim2-server speaks SCIM, UserStorage keeps the people.

Every request but ServiceProviderConfig needs a bearer token from `create_scim_token`; each is
rate-limited per token, runs in one transaction (an error writes nothing), and is written to
Wagtail's audit log under the token's name. A request without a valid token is logged and
audited with the client's address, and an address with too many such failures is refused (429)
before any token it sends is looked up.
"""

import json
import logging
from http import HTTPStatus

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import get_usage, is_ratelimited
from scim2_models import PayloadTooLargeException, SCIMException, UnauthorizedException
from scim2_server.applications.base import BaseApplication
from scim2_server.handler import ScimHandler
from scim2_server.requests import ScimRequest
from scim2_server.responses import ScimResponse
from wagtail.log_actions import log
from wagtail.models import Site

from identity.addresses import client_ip
from identity.models import ScimToken, lookup_of
from identity.scim.provider import VaksamScimService, provider
from identity.scim.storage import UserStorage

AUDIT_ACTION = "identity.scim"
REFUSED_ACTION = "identity.scim_refused"
AUTH_FAILURE_GROUP = "identity.scim.auth_failures"

logger = logging.getLogger(__name__)


def _storable(text: str | None) -> str | None:
    """Text from the request as the audit log can keep it: PostgreSQL's jsonb refuses NUL."""
    return None if text is None else text.replace("\x00", "\ufffd")


class TooManyRequestsException(SCIMException):
    """The token has made more requests than SCIM_RATE_LIMIT allows (RFC 6585 §4)."""

    status = 429
    _default_detail = "Too many requests"


class ScimApplication(BaseApplication):
    """One request's worth of SCIM: authenticate, limit, serve, audit."""

    def __init__(self):
        description = provider()
        super().__init__(description, VaksamScimService(description))

    def read_request(self, request: HttpRequest, path: str) -> ScimRequest:
        return ScimRequest(
            method=request.method,
            base_url=request.build_absolute_uri("/scim/v2"),
            path=self.split_path("/" + path),
            query=request.GET.dict(),
            headers=dict(request.headers),
        )

    @staticmethod
    def _auth_failures(request: HttpRequest, *, increment: bool) -> dict | None:
        """The failed authentications of the client's address in the current window."""
        return get_usage(
            request,
            group=AUTH_FAILURE_GROUP,
            key="ip",
            rate=settings.SCIM_AUTH_FAILURES_PER_ADDRESS,
            increment=increment,
        )

    def refuse_blocked(self, request: HttpRequest) -> None:
        """429 for an address that has failed too often: no token of its is even looked up."""
        usage = self._auth_failures(request, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            raise TooManyRequestsException(
                detail=_(
                    "För många anrop utan giltig SCIM-token från den här adressen; "
                    "försök igen om en stund."
                )
            )

    def authenticate(self, request: HttpRequest, scim_request: ScimRequest) -> ScimToken:
        scheme, _space, presented = request.headers.get("Authorization", "").partition(" ")
        presented = presented.strip() if scheme.lower() == "bearer" else ""
        token = ScimToken.objects.find(presented) if presented else None
        if token is None:
            self.record_failure(request, scim_request, presented)
            raise UnauthorizedException(detail=_("En giltig SCIM-token krävs."))
        return token

    def record_failure(self, request: HttpRequest, scim_request: ScimRequest, presented: str):
        """Count the failure against the address, log it, and put it in the audit log.

        Only the token's lookup prefix is kept, and only when it is well-formed: it says which
        token a client meant (an old, revoked one, say) and nothing of the secret.
        """
        self._auth_failures(request, increment=True)
        segments = [s for s in scim_request.path.strip("/").split("/") if s]
        data = {
            "address": client_ip(request),
            "prefix": lookup_of(presented),
            "reason": "invalid" if presented else "missing",
            "method": scim_request.method,
            "resource": _storable(segments[0] if segments else ""),
        }
        logger.warning(
            "SCIM authentication failed (%s) from %s, token prefix %s",
            data["reason"],
            data["address"],
            data["prefix"],
        )
        # No token means no client to hang the entry on; the site stands in, as for OIDC.
        site = Site.find_for_request(request) or Site.objects.first()
        if site is not None:
            log(instance=site, action=REFUSED_ACTION, data=data)

    @staticmethod
    def read_body(request: HttpRequest) -> bytes:
        """The body, refused (413) above SCIM_MAX_BODY_BYTES before more than that is read."""
        limit = settings.SCIM_MAX_BODY_BYTES
        too_large = PayloadTooLargeException(
            detail=_("Anropet är för stort (högst %(limit)d byte).") % {"limit": limit}
        )
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise too_large
        body = request.read(limit + 1)
        if len(body) > limit:
            raise too_large
        return body

    def serve(self, request: HttpRequest, path: str) -> HttpResponse:
        scim_request = self.read_request(request, path)
        token, storage = None, None
        try:
            if self.needs_auth(scim_request):
                self.refuse_blocked(request)
                token = self.authenticate(request, scim_request)
                token.touch()
                if is_ratelimited(
                    request,
                    group=AUDIT_ACTION,
                    key=lambda group, request: token.lookup,
                    rate=settings.SCIM_RATE_LIMIT,
                    increment=True,
                ):
                    raise TooManyRequestsException(
                        detail=_("För många anrop med den här token; försök igen om en stund.")
                    )
            scim_request.body = self.read_body(request)
            storage = UserStorage()
            with transaction.atomic():
                response = ScimHandler(self.service, storage).handle(scim_request)
        except Exception as exception:  # noqa: BLE001 - every failure becomes a SCIM error
            response = self.handle_exception(scim_request, exception)
        response = self.finalize_response(scim_request, response)
        if token is not None:
            self.audit(token, scim_request, response, storage.notes if storage else [])
        return self.to_django(response)

    @staticmethod
    def audit(
        token: ScimToken, request: ScimRequest, response: ScimResponse, notes: list[str]
    ) -> None:
        """Who (the token's name) did what (method, resource, id) and how it went."""
        segments = [s for s in request.path.strip("/").split("/") if s]
        resource_id = segments[1] if len(segments) > 1 else None
        if resource_id is None and request.method == "POST" and response.body:
            resource_id = response.body.get("id")
        data = {
            "token": token.name,
            "method": request.method,
            "resource": _storable(segments[0] if segments else ""),
            "id": _storable(resource_id),
            "status": int(response.status),
        }
        if request.query.get("filter"):
            data["filter"] = _storable(request.query["filter"])
        if notes:
            data["notes"] = notes
        log(instance=token, action=AUDIT_ACTION, data=data)

    @staticmethod
    def to_django(response: ScimResponse) -> HttpResponse:
        body = b"" if response.body is None else json.dumps(response.body).encode()
        django_response = HttpResponse(body, status=response.status)
        for name, value in response.headers.items():
            django_response[name] = value
        if response.status == HTTPStatus.NO_CONTENT:
            del django_response["Content-Type"]
        return django_response


@method_decorator(csrf_exempt, name="dispatch")
class ScimView(View):
    """Every method on every path below /scim/v2/: scim2-server routes them."""

    http_method_names = ["get", "post", "put", "patch", "delete"]

    def dispatch(self, request, path: str | None = None):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request)
        return ScimApplication().serve(request, path or "")
