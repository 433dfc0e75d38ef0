"""Settings shared by every environment. Everything deployment-specific comes from the environment.

`base` is safe by default: DEBUG is off and there is no secret key. `dev` and `test` fill in what
a developer needs; `production` refuses to start without the variables it requires.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
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
    "vaksam",
    "files",
    "content",
    "people",
    "identity",
    "courses",
    "sessions",
    "quizzes",
    "certificates",
    "reports",
    "privacy",
    # Before django_tasks_db: its `db_worker` (with a heartbeat) replaces the library's.
    "jobs",
    "django_ratelimit",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "identity.users_app.WagtailUsersConfig",  # wagtail.users, its user admin logged
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
    # /healthz and /readyz, answered before host checks, redirects and sessions (vaksam.health).
    "vaksam.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the security headers: no session or database for a stylesheet.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The site, its settings and menu from the cache: Wagtail would query them per request.
    "content.site_frame.SiteFrameMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's saved language, over LocaleMiddleware's cookie or browser guess.
    "vaksam.i18n.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An expired session ends before anything else looks at who is signed in.
    "identity.session_timeout.SessionTimeoutMiddleware",
    "identity.session_timeout.NoStoreWhenSignedInMiddleware",
    "identity.second_factor.OTPMiddleware",
    # After authentication: administrators verify a second factor before using /admin/.
    "identity.second_factor.AdminSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Refuses a login attempt for a username or address with too many recent failures.
    "identity.limits.LoginLimitMiddleware",
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
# Connections kept between requests (a new PostgreSQL connection cost about a quarter of the
# database's time per request), checked before reuse so a restarted database is survived.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional: with REDIS_URL set, cache and sessions are shared between app servers.
CACHES = {"default": env.cache_url("REDIS_URL", default="locmemcache://")}
if env.str("REDIS_URL", default=""):
    # cached_db that survives a cut database connection after the view has answered.
    SESSION_ENGINE = "vaksam.sessions"
    # Redis away: pages still served, login limits fail closed (vaksam/cache.py). Short socket
    # timeouts, so an unreachable host costs milliseconds per request, not seconds.
    CACHES["default"]["BACKEND"] = "vaksam.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=0.25, socket_timeout=0.5
    )

# Unset or empty: mail is written to the log (development); production requires it.
EMAIL_CONFIG = env.email_url_config(env.str("EMAIL_URL", default="") or "consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds before an unresponsive mail server gives up, so a send never hangs a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Vaksam <noreply@vaksam.invalid>")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions end after this much idle time, and in any case this long after signing in; the
# admin asks again after a shorter idle time (seconds).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=8 * 60 * 60)
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=12 * 60 * 60)
ADMIN_IDLE_TIMEOUT = env.int("ADMIN_IDLE_TIMEOUT", default=60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
# Local passwords first; the OIDC backend answers only on its own callback.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "identity.oidc.EmployeeOIDCBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_courses"
LOGOUT_REDIRECT_URL = "/"
# Failed logins per normalised username before that username is paused (django-ratelimit
# syntax); only failures count, so an office behind one address is never locked out by success.
LOGIN_FAILURES_PER_USERNAME = env.str("LOGIN_FAILURES_PER_USERNAME", default="5/15m")
# Failed logins per client address: high, so one office's typos do not block its colleagues.
LOGIN_FAILURES_PER_ADDRESS = env.str("LOGIN_FAILURES_PER_ADDRESS", default="100/15m")
# Password reset requests per e-mail address (against mail bombing), and per client address:
# higher, since a whole office behind one address may set first passwords on the same morning.
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/h")
PASSWORD_RESET_RATE_PER_CLIENT = env.str("PASSWORD_RESET_RATE_PER_CLIENT", default="200/h")
RATELIMIT_VIEW = "identity.limits.rate_limited"
# Reverse proxies in front of the app that append to X-Forwarded-For; 0 means REMOTE_ADDR is the
# client. A header is trusted only as far as our own proxies wrote it, so it cannot be spoofed.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "identity.addresses.client_ip"
# An invitation link to set a first password stays valid this many days.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# Password reset links are valid one hour: short, since anyone reading the mailbox can use one.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60)
# Our own reset (for every employee, rate-limited, sent by the worker) replaces Wagtail's.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Administrators who sign in with a local password verify a TOTP code before using /admin/.
ADMIN_REQUIRE_TOTP = env.bool("ADMIN_REQUIRE_TOTP", default=True)
# Where such an account must have verified its code: the admin, and the follow-up with its
# named people and exports.
SECOND_FACTOR_PATHS = ["/admin/", "/uppfoljning/"]
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Vaksam")

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
# A visitor's choice outlives the browser session (Django's default); sent on links followed here.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Wagtail's admin offers the site's languages only, so one saved choice serves both (vaksam.i18n).
# Each name in its own language, as the language switcher shows it.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
TIME_ZONE = "Europe/Stockholm"
# The project's named date formats, the same names in Swedish and English (README, "Dates").
FORMAT_MODULE_PATH = ["vaksam.formats"]
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
STATIC_URL = "/static/"
# Files browsers and crawlers ask for at the site's root (/favicon.ico), served by WhiteNoise
# from this folder as they are; everything else lives under STATIC_URL.
WHITENOISE_ROOT = BASE_DIR / "webroot"
# The web app manifest (static/vaksam.webmanifest), with the type the specification names.
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
# Files with personal data (certificate ZIPs, report bundles, uploaded registers): never under
# MEDIA_ROOT, served only by views that check who is asking. PRIVATE_MEDIA_ROOT is its old name.
PRIVATE_ROOT = env.path(
    "PRIVATE_ROOT", default=env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
)
# Where files live: "local" (the folders above) or "s3" (an S3-compatible object store, for
# several app servers and workers that share no disk; needs the "s3" extra installed).
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="local")
if STORAGE_BACKEND == "local":
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "files.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(PRIVATE_ROOT)},
        },
    }
elif STORAGE_BACKEND == "s3":
    _bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not _bucket:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME.")
    # Credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or an instance role) are read by
    # django-storages and boto3 from the environment themselves, so they never pass through here.
    _s3 = {
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        # "path" for most self-hosted stores (MinIO, Ceph); "virtual" or empty for AWS.
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
    }
    STORAGES = {
        # Media (images, documents): browsers fetch them from the bucket, through signed URLs
        # unless the bucket is public (AWS_QUERYSTRING_AUTH=false) or a CDN fronts it.
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": _bucket,
                "location": env.str("AWS_MEDIA_LOCATION", default="media"),
                "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=True),
                "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
                "file_overwrite": False,
            },
        },
        # Private files: private ACL, never a URL (files.storage.PrivateS3Storage); a bucket of
        # their own if AWS_PRIVATE_BUCKET_NAME is set, otherwise a prefix of the same bucket.
        "private": {
            "BACKEND": "files.storage.PrivateS3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME", default="") or _bucket,
                "location": env.str("AWS_PRIVATE_LOCATION", default="private"),
            },
        },
    }
else:
    raise ImproperlyConfigured("STORAGE_BACKEND must be local or s3.")
# Static files stay on each server's disk (collectstatic into STATIC_ROOT, served by WhiteNoise
# from the app), whatever holds the media: production hashes and compresses them.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Complex page models can exceed Django's default in Wagtail's editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Vaksam"
# The site's one public address: every link that leaves the site (mails, certificates and their
# QR code, calendar files, Wagtail's admin) is built from it (content/links.py), never from the
# request's Host header, which a client writes. Production requires it; dev and tests default
# to runserver's address.
BASE_URL = (
    env.str("BASE_URL", default="")
    or env.str("WAGTAILADMIN_BASE_URL", default="")
    or "http://127.0.0.1:8000"
).rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No avatars from gravatar.com: they would send a hash of every staff member's e-mail address
# to a third party (and show broken images offline). The admin shows its default avatar, or one
# the person uploads in their account settings.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # Health probes every few seconds are left out of access logs (runserver's here;
        # gunicorn can use the same filter in its logconfig_dict).
        "skip_health_checks": {"()": "vaksam.health.SkipHealthChecks"},
        "one_line_for_expected_errors": {"()": "vaksam.log_filters.OneLineForExpectedErrors"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "access": {"class": "logging.StreamHandler", "filters": ["skip_health_checks"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own defaults give "django" a console handler of its own (with DEBUG on) and
        # let it propagate to root as well: every line printed twice. Named here, it has none.
        "django": {"level": LOG_LEVEL},
        # A 403 or 404 the code raised on purpose: one line, no traceback.
        "django.request": {"filters": ["one_line_for_expected_errors"]},
        # Every page save queues tasks; their INFO lines drown out what matters.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # xhtml2pdf logs the whole document (personal data) with its warnings.
        "xhtml2pdf": {"level": "ERROR"},
        "django.server": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}

# Background work (bulk certificate ZIPs, mails, reminders): a worker runs `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker writes its heartbeat this often (seconds); one silent for WORKER_DEAD_AFTER_SECONDS
# is dead: /readyz says not ready and its running tasks are queued again (at most
# WORKER_TASK_MAX_ATTEMPTS runs of a task in all) or marked failed.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=10)
WORKER_DEAD_AFTER_SECONDS = env.int("WORKER_DEAD_AFTER_SECONDS", default=60)
WORKER_TASK_MAX_ATTEMPTS = env.int("WORKER_TASK_MAX_ATTEMPTS", default=2)
# Finished task results (their arguments can hold an e-mail address) and job runs are kept this
# many days (the daily prune_task_results job).
TASK_RESULT_RETENTION_DAYS = env.int("TASK_RESULT_RETENTION_DAYS", default=7)
JOB_RUN_RETENTION_DAYS = env.int("JOB_RUN_RETENTION_DAYS", default=90)

# Scheduled jobs (`manage.py run_scheduler`, or `run_job NAME` from cron): the list, and how a
# run that died (no heartbeat for JOB_DEAD_AFTER_SECONDS) or failed (retried after
# JOB_RETRY_AFTER_SECONDS, JOB_MAX_ATTEMPTS in all) is taken over.
SCHEDULE = "vaksam.schedule.JOBS"
SCHEDULER_INTERVAL_SECONDS = env.int("SCHEDULER_INTERVAL_SECONDS", default=30)
JOB_HEARTBEAT_SECONDS = env.int("JOB_HEARTBEAT_SECONDS", default=15)
JOB_DEAD_AFTER_SECONDS = env.int("JOB_DEAD_AFTER_SECONDS", default=120)
JOB_RETRY_AFTER_SECONDS = env.int("JOB_RETRY_AFTER_SECONDS", default=15 * 60)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
# /readyz: 503 when no worker has beaten within WORKER_DEAD_AFTER_SECONDS (set False where no
# worker runs on purpose); the last daily run is reported, and "stale" past this many hours.
READYZ_REQUIRE_WORKER = env.bool("READYZ_REQUIRE_WORKER", default=True)
READYZ_DAILY_RUN_MAX_AGE_HOURS = env.int("READYZ_DAILY_RUN_MAX_AGE_HOURS", default=26)

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
# The longest follow-up period one may ask for; longer ones are refused with a message.
FOLLOW_UP_MAX_YEARS = env.int("FOLLOW_UP_MAX_YEARS", default=10)
# Uploaded spreadsheets (personnel register, attendance lists) are untrusted: limits checked
# while reading, so no file can take the process's memory or CPU.
TABLE_UPLOAD_MAX_BYTES = env.int("TABLE_UPLOAD_MAX_BYTES", default=64 * 1024 * 1024)
TABLE_UPLOAD_MAX_ROWS = env.int("TABLE_UPLOAD_MAX_ROWS", default=600_000)
TABLE_UPLOAD_MAX_COLUMNS = env.int("TABLE_UPLOAD_MAX_COLUMNS", default=50)
TABLE_UPLOAD_MAX_CELL_LENGTH = env.int("TABLE_UPLOAD_MAX_CELL_LENGTH", default=1000)
# Follow-up reports for more units than this are built in the background.
REPORT_ZIP_INLINE_LIMIT = env.int("REPORT_ZIP_INLINE_LIMIT", default=5)
REPORT_BUNDLE_RETENTION_DAYS = env.int("REPORT_BUNDLE_RETENTION_DAYS", default=7)
# Personer exports (XLSX and CSV) of more rows than this are built by the worker and downloaded
# from /uppfoljning/exporter/ (kept REPORT_BUNDLE_RETENTION_DAYS days); smaller ones inline.
EXPORT_INLINE_MAX_ROWS = env.int("EXPORT_INLINE_MAX_ROWS", default=2000)
# Retention (gallring, privacy/plan.py): months each kind of personal data is kept before the
# daily job thins it; what follow-up needs is kept as counts first, so old figures never change.
RETENTION_MONTHS = {
    key: env.int(f"RETENTION_{key.upper()}_MONTHS", default=default)
    for key, default in {
        "quiz_answers": 24,
        "quiz_attempts": 24,
        "module_progress": 24,
        "bookings": 36,
        "attendance": 36,
        "reminders": 12,
        # Counted from deactivation or the end date, whichever is later.
        "leavers": 24,
        "access_log": 24,
        "audit_log": 24,
    }.items()
}
# Register extracts (art. 15) one person may download from Mina uppgifter (django-ratelimit).
REGISTER_EXTRACT_RATE = env.str("REGISTER_EXTRACT_RATE", default="5/h")
# A completion "goes out soon" this many days before it expires.
COMPLIANCE_EXPIRING_DAYS = env.int("COMPLIANCE_EXPIRING_DAYS", default=60)
# Reminders: days before the due date, then on the day and weekly after it.
REMINDER_DAYS_BEFORE = [int(d) for d in env.list("REMINDER_DAYS_BEFORE", default=["14", "3"])]
# Managers' weekly digest goes out on this weekday (0 = Monday).
REMINDER_DIGEST_WEEKDAY = env.int("REMINDER_DIGEST_WEEKDAY", default=0)

# SCIM provisioning (/scim/v2/): the enterprise attribute that carries the unit code
# (department, division, costCenter or organization), as identity providers differ in which
# one holds it.
SCIM_UNIT_ATTRIBUTE = env.str("SCIM_UNIT_ATTRIBUTE", default="department")
# Where a provisioned person's role comes from: "title" (a role matched by code or name) or
# "none" (roles stay HR's to set in the admin or the import).
SCIM_ROLE_SOURCE = env.str("SCIM_ROLE_SOURCE", default="title")
# Requests one provisioning token may make (django-ratelimit syntax); Entra ID sends bursts.
SCIM_RATE_LIMIT = env.str("SCIM_RATE_LIMIT", default="1200/m")
# Requests without a valid SCIM token per client address before it gets 429 (django-ratelimit
# syntax): against guessing tokens; a configured client never fails, so it is never limited.
SCIM_AUTH_FAILURES_PER_ADDRESS = env.str("SCIM_AUTH_FAILURES_PER_ADDRESS", default="30/m")
# A SCIM request body above this many bytes is refused before it is read.
SCIM_MAX_BODY_BYTES = env.int("SCIM_MAX_BODY_BYTES", default=256 * 1024)

# Content Security Policy: our pages run only our own scripts and styles, no inline code, so an
# injected <script> or style attribute does nothing. Wagtail's admin needs inline code and keeps
# its own protections; embedded videos come from the hosts listed (CSP_FRAME_SRC).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": env.list(
            "CSP_FRAME_SRC",
            default=[
                "https://www.youtube-nocookie.com",
                "https://www.youtube.com",
                "https://player.vimeo.com",
            ],
        ),
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
    },
}
