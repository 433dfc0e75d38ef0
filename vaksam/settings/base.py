"""Settings shared by every environment. Everything deployment-specific comes from the environment.

`base` is safe by default: DEBUG is off and there is no secret key. `dev` and `test` fill in what
a developer needs; `production` refuses to start without the variables it requires.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Local, git-ignored state: the SQLite file, uploaded media, the dev secret key.
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "content",
    "people",
    "identity",
    "courses",
    "quizzes",
    "certificates",
    "reports",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "vaksam.urls"
WSGI_APPLICATION = "vaksam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "content.context_processors.navigation",
                "reports.context_processors.follow_up",
                "identity.context_processors.single_sign_on",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional: with REDIS_URL set, cache and sessions are shared between app servers.
CACHES = {"default": env.cache_url("REDIS_URL", default="locmemcache://")}
if env.str("REDIS_URL", default=""):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Vaksam <noreply@vaksam.invalid>")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Local passwords first; the OIDC backend answers only on its own callback.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "identity.oidc.EmployeeOIDCBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_courses"
LOGOUT_REDIRECT_URL = "/"
# Failed logins allowed per client IP and per username before a pause (django-ratelimit syntax).
LOGIN_RATE_LIMIT = env.str("LOGIN_RATE_LIMIT", default="10/5m")
RATELIMIT_VIEW = "identity.views.rate_limited"
# Behind a load balancer, the client's address is in a header the balancer sets.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="") or None

# Single sign-on with OpenID Connect, off unless OIDC_ISSUER is set; the endpoints come from the
# issuer's /.well-known/openid-configuration.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
# Which claim finds the employee on a first sign-in: email, employeeid, oid or sub.
OIDC_MATCH_CLAIM = env.str("OIDC_MATCH_CLAIM", default="email")
if OIDC_MATCH_CLAIM not in {"email", "employeeid", "oid", "sub"}:
    raise ImproperlyConfigured("OIDC_MATCH_CLAIM must be one of email, employeeid, oid, sub.")
# Empty means the translated default, "Logga in med ditt kommunkonto".
OIDC_BUTTON_LABEL = env.str("OIDC_BUTTON_LABEL", default="")
# Seconds to wait for the provider before showing the "provider unreachable" page.
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
# How long the discovery document is kept before it is fetched again.
OIDC_DISCOVERY_CACHE_SECONDS = env.int("OIDC_DISCOVERY_CACHE_SECONDS", default=60 * 60)
# mozilla-django-oidc: code flow with PKCE and nonce, RS256 ID tokens, never a new account.
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_CREATE_USER = False
# Kept in the session for RP-initiated logout (id_token_hint).
OIDC_STORE_ID_TOKEN = True

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"
# Files with personal data (bulk certificate ZIPs): never under MEDIA_ROOT, served only by views
# that check who is asking.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Complex page models can exceed Django's default in Wagtail's editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Vaksam"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Every page save queues tasks; their INFO lines drown out what matters.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # xhtml2pdf logs the whole document (personal data) with its warnings.
        "xhtml2pdf": {"level": "ERROR"},
    },
}

# Background work (bulk certificate ZIPs, reminders): a worker runs `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Certificates: a PDF render that warns (a missing font, a refused resource) is an error here.
PDF_STRICT = env.bool("PDF_STRICT", default=False)
# Above this many certificates, a ZIP download is built in the background.
CERTIFICATE_ZIP_INLINE_LIMIT = env.int("CERTIFICATE_ZIP_INLINE_LIMIT", default=300)
# Built ZIPs are deleted after this many days.
CERTIFICATE_EXPORT_RETENTION_DAYS = env.int("CERTIFICATE_EXPORT_RETENTION_DAYS", default=7)
# How many verification lookups one client may make.
CERTIFICATE_VERIFY_RATE = env.str("CERTIFICATE_VERIFY_RATE", default="30/m")

# Anonymous aggregates never show a group smaller than this.
ANONYMITY_MIN_GROUP = env.int("ANONYMITY_MIN_GROUP", default=5)
# Follow-up reports for more units than this are built in the background.
REPORT_ZIP_INLINE_LIMIT = env.int("REPORT_ZIP_INLINE_LIMIT", default=5)
REPORT_BUNDLE_RETENTION_DAYS = env.int("REPORT_BUNDLE_RETENTION_DAYS", default=7)
# A completion "goes out soon" this many days before it expires.
COMPLIANCE_EXPIRING_DAYS = env.int("COMPLIANCE_EXPIRING_DAYS", default=60)
# Reminders: days before the due date, then on the day and weekly after it.
REMINDER_DAYS_BEFORE = [int(d) for d in env.list("REMINDER_DAYS_BEFORE", default=["14", "3"])]
# Managers' weekly digest goes out on this weekday (0 = Monday).
REMINDER_DIGEST_WEEKDAY = env.int("REMINDER_DIGEST_WEEKDAY", default=0)
