"""Tejido settings. Everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TEJIDO_VAR_DIR", BASE_DIR / "var"))
# The SQLite file, uploads and collected static files live here; a fresh clone has none.
(VAR_DIR / "staticfiles").mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# TEJIDO_PRODUCTION=true: behind the HTTPS proxy of docs/deploy.md (secure cookies, HSTS, HTTPS
# redirect, a real SECRET_KEY required). `manage.py check --deploy` is clean with it.
PRODUCTION = env_bool("TEJIDO_PRODUCTION", False)
# Keys that anyone can read in this repository: the development default and the placeholder of
# deploy/tejido.env.example. Production refuses them, and a missing or short key, whatever DEBUG
# says (a DEBUG=true left in a server's environment must not also unlock forged sessions).
DEVELOPMENT_SECRET_KEY = "tejido-insecure-development-key-change-me-in-production-0123456789"
PUBLIC_SECRET_KEYS = {DEVELOPMENT_SECRET_KEY, "change-me-to-a-long-random-string-of-50-or-more-characters"}
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if PRODUCTION or env_bool("TEJIDO_REQUIRE_SECRET_KEY", False):
    if not SECRET_KEY or SECRET_KEY in PUBLIC_SECRET_KEYS or SECRET_KEY.startswith("django-insecure-") \
            or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise RuntimeError("SECRET_KEY must be set in production to a private random string of 50 or more "
                           "characters (docs/deploy.md step 3), not the development or example key")
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "axes",
    "tejido.common",
    "tejido.accounts",
    "tejido.territory",
    "tejido.centers",
    "tejido.registry",
    "tejido.programs",
    "tejido.childcare",
    "tejido.protection",
    "tejido.elderly",
    "tejido.women",
    "tejido.stock",
    "tejido.socialservice",
    "tejido.migrants",
    "tejido.reports",
    "tejido.planning",
    "tejido.dashboards",
    "tejido.donations",
    "tejido.shelters",
    "tejido.agreements",
    "tejido.dedup",
    "tejido.imports",
    "tejido.portal",
    "tejido.reliability",
    "tejido.api",
    "tejido.offline",
    "tejido.web",
]

MIDDLEWARE = [
    # Keeps the request at hand for the access log (client address, channel): tejido/common/access_context.py
    "tejido.common.access_context.AccessContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "tejido.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, exports and API answers compressed (after WhiteNoise, which serves static files
    # already compressed and would otherwise see images gzipped again on every request). BREACH
    # needs an attacker who reads the encrypted lengths and makes the victim's browser send many
    # requests with her cookies: Django masks the CSRF token in every response and the cookies are
    # SameSite=Lax (docs/security.md).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tejido.web.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tejido.accounts.middleware.RequireAdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tejido.web.middleware.ApplicationErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tejido" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tejido.web.context.scope",
                "tejido.web.context.session_limits",
            ],
        },
    },
]

# SQLite file by default so a new user needs nothing installed; PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tejido.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
# SQLite under simultaneous saves (docs/reliability.md): WAL lets readers go on while one writes; every
# transaction takes the write lock when it begins (IMMEDIATE), so a second writer waits up to `timeout`
# seconds for its turn instead of failing with «database is locked» when its read turns into a write.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20,
                  "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if os.environ.get("DATABASE_REPLICA_URL"):
    # A streaming read replica for report builds and dashboards (tejido.common.db_router).
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"],
                                                 conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["tejido.common.db_router.ReplicaRouter"]
# After a PostgreSQL restart a kept connection is checked before use instead of failing once (docs/reliability.md).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Background jobs (tejido/reliability/jobs.py): JOBS_SPAWN=0 when the tejido-jobs worker runs them.
JOBS_SPAWN = os.environ.get("JOBS_SPAWN", "1") == "1"
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
JOBS_BACKOFF_SECONDS = float(os.environ.get("JOBS_BACKOFF_SECONDS", "30"))
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("JOBS_HEARTBEAT_SECONDS", "10"))
JOBS_STALE_SECONDS = float(os.environ.get("JOBS_STALE_SECONDS", "120"))
# Jobs yield to page views: CPU niceness of the job process, and PostgreSQL parallel workers per
# query in job connections (0: a report build uses one core of the database server).
JOBS_NICE = int(os.environ.get("JOBS_NICE", "10"))
JOBS_PG_PARALLEL_WORKERS = int(os.environ.get("JOBS_PG_PARALLEL_WORKERS", "0"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tejido.accounts.passwords.CharacterClassValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: the session expires after 30 minutes without a request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "1800"))
# Idle expiry: IdleSessionMiddleware renews the session at most once a minute (not on every page).
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", "60"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers), not from the cookie
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): 5 failures lock the username+IP pair for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Tejido SOSEP"

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Español")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Guatemala"
USE_I18N = True
USE_TZ = True
# Guatemalan number format: 16,407 and Q1,234.56 (Django's generic "es" uses 16.407).
FORMAT_MODULE_PATH = ["config.formats"]
# Off on purpose: with it on, every integer in a template (ids in form values, years) would
# print as "1,234". Figures are formatted explicitly with the `num` and `quetzales` filters.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Uploaded documents hold personal data: owner and group only, whatever the umask of the process
# that writes them (the units set 0027, but `sudo -u tejido manage.py ...` runs with root's 0022 and
# Django's own default is 0644). nginx never serves /media/ (docs/deploy.md).
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Uploads that cannot hurt the server (issue 15; tejido/common/uploads.py). An uploaded file is
# written to a temporary file in chunks (in memory only up to FILE_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB),
# and no more than UPLOAD_MAX_BYTES of it is kept: its size still counts, and each form refuses it
# by its own lower limit (imports, budget, documents). nginx stops bodies over 55 MB before that.
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler",
                        "tejido.common.uploads.CappedUploadHandler"]
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(25 * 1024 * 1024)))
# Bulk import files (tejido/imports): the upload, and the budget file from SICOIN (5,000 rows at
# most, under 1 MB as CSV). `import_data --max-mb` sets its own limit on the command line.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
BUDGET_IMPORT_MAX_BYTES = int(os.environ.get("BUDGET_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# An XLSX is a zip of XML parts, checked part by part while it is decompressed (bytes counted, never
# the sizes the zip declares) before openpyxl opens it (tejido/imports/reader.py, check_xlsx):
XLSX_MAX_EXPANDED_BYTES = int(os.environ.get("XLSX_MAX_EXPANDED_BYTES", str(1024 * 1024 * 1024)))  # all parts
XLSX_MAX_PART_BYTES = int(os.environ.get("XLSX_MAX_PART_BYTES", str(10 * 1024 * 1024)))  # any part but a sheet
XLSX_MAX_RATIO = int(os.environ.get("XLSX_MAX_RATIO", "200"))  # expanded ÷ compressed, per part (over 1 MB) and whole
XLSX_MAX_PARTS = int(os.environ.get("XLSX_MAX_PARTS", "2000"))  # files inside the zip
# openpyxl keeps the shared strings (each distinct text of the workbook) in memory, about 150 bytes
# each plus the text: these two limits keep that table under ~100 MB.
XLSX_MAX_SHARED_STRINGS = int(os.environ.get("XLSX_MAX_SHARED_STRINGS", "500000"))
XLSX_MAX_SHARED_STRINGS_BYTES = int(os.environ.get("XLSX_MAX_SHARED_STRINGS_BYTES", str(40 * 1024 * 1024)))
# Ceiling on the resident memory of an import job's process (RLIMIT_DATA, tejido/common/uploads.py
# memory_cap) and of the child process that reads a budget workbook (tejido/imports/sandbox.py):
# past it an allocation fails (MemoryError) and the import fails with a message, whatever the file.
IMPORT_JOB_MEMORY_MB = int(os.environ.get("IMPORT_JOB_MEMORY_MB", "300"))
BUDGET_XLSX_SECONDS = int(os.environ.get("BUDGET_XLSX_SECONDS", "60"))  # the budget workbook's child process
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Static files are public and nginx (www-data) serves them: not the uploads' 0640/0750 above,
    # which collectstatic would otherwise apply too (nginx answered 403, deploy/verify_debian.sh).
    "staticfiles": {"BACKEND": "tejido.web.storage.StaticStorage",
                    "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755}},
}
WHITENOISE_USE_FINDERS = True

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# tejido.web.middleware.SecurityHeadersMiddleware
CONTENT_SECURITY_POLICY = os.environ.get("CONTENT_SECURITY_POLICY", "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
    "frame-ancestors 'none'"]))
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Everything else is sent with Cache-Control: no-store (SecurityHeadersMiddleware): only these
# paths, with no personal data, may be cached by browsers and proxies.
CACHEABLE_PUBLIC_PREFIXES = ("/transparencia/", "/api/v1/transparencia/")
# The access log's client address (tejido/common/access_context.py): REMOTE_ADDR, unless the request
# comes from one of these proxies (addresses or networks), in which case X-Forwarded-For is read from
# the right, skipping these proxies. nginx on the same machine (docs/deploy.md) is 127.0.0.1; without a
# proxy (development) nothing is trusted and a client's own X-Forwarded-For is ignored.
TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1" if PRODUCTION else "").split(",") if p.strip()
]
if PRODUCTION:
    # TLS ends at nginx, which sets X-Forwarded-Proto (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # names, CUIs and query strings never reach a log line (tejido/security/log_filters.py)
    "filters": {"personal_data": {"()": "tejido.security.log_filters.PersonalDataFilter"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
LOGGING["handlers"]["console"]["filters"] = ["personal_data"]

# The covering name indexes use INCLUDE, which only PostgreSQL (production) has; SQLite
# builds them without the extra column, which is fine at demo size.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 200

# Data retention (tejido/common/retention.py, docs/retention.md): years, to be confirmed by the legal unit.
RETENTION_CHILDCARE_YEARS = int(os.environ.get("RETENTION_CHILDCARE_YEARS", "5"))
RETENTION_PROTECTION_YEARS = int(os.environ.get("RETENTION_PROTECTION_YEARS", "10"))
RETENTION_MIGRANTS_YEARS = int(os.environ.get("RETENTION_MIGRANTS_YEARS", "5"))
# Uploaded import files, their error reports and error previews are deleted this many days after
# the import finished (manage.py apply_retention; docs/retention.md).
RETENTION_IMPORT_FILES_DAYS = int(os.environ.get("RETENTION_IMPORT_FILES_DAYS", "30"))
