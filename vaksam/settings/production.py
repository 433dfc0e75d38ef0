"""Production: everything sensitive comes from the environment, and missing values stop startup."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env


def _required(name: str, value):
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set for production settings."
        )
    return value


DEBUG = False
# Never off in production: administrators' local passwords need a second factor.
ADMIN_REQUIRE_TOTP = True
SECRET_KEY = _required("SECRET_KEY", env.str("SECRET_KEY", default=""))
# Rotation: the old key stays here while sessions and reset links signed with it run out.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = _required("ALLOWED_HOSTS", env.list("ALLOWED_HOSTS", default=[]))
# Login and verification limits count in the cache; every app process must share one.
_required("REDIS_URL", env.str("REDIS_URL", default=""))
# Links in e-mails and on certificates: a production site is reached over HTTPS.
BASE_URL = _required("BASE_URL", env.str("BASE_URL", default="")).rstrip("/")
if not BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("BASE_URL must start with https:// for production settings.")
WAGTAILADMIN_BASE_URL = BASE_URL

# Mail carries names, times and places: where it goes is a decision, never base's silent
# default of the log (a test stack may still say consolemail:// on purpose).
_required("EMAIL_URL", env.str("EMAIL_URL", default=""))

# Hashed, compressed names: a changed file gets a new URL, so WhiteNoise can tell browsers to
# keep every file for a year. collectstatic writes them (and fails on a missing reference).
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# Single sign-on is optional; once an issuer is given, the client must be complete.
if env.str("OIDC_ISSUER", default=""):
    _required("OIDC_CLIENT_ID", env.str("OIDC_CLIENT_ID", default=""))
    _required("OIDC_CLIENT_SECRET", env.str("OIDC_CLIENT_SECRET", default=""))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Health probes come over plain HTTP from the proxy or orchestrator. HealthCheckMiddleware
# answers them before SecurityMiddleware already; this keeps it so if the order ever changes.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail lifts this for its own preview frames.
X_FRAME_OPTIONS = "DENY"

# django-ratelimit lists django-redis, not Django's own RedisCache, as supported; Django's
# backend increments atomically too, which is all the limits need.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
