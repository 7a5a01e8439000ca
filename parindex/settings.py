"""Django settings for parindex, read from the environment (see parindex.common.env)."""

import datetime as dt
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from parindex.common.env import EnvError, read_config

PACKAGE_DIR = Path(__file__).resolve().parent

try:
    CONFIG = read_config()
except EnvError as exc:
    # A clear one-line message beats a traceback for an operator starting the service.
    sys.stderr.write(f"parindex: configuration error: {exc}\n")
    raise ImproperlyConfigured(str(exc)) from None

PARINDEX_ENV = CONFIG.env
DATA_DIR = CONFIG.data_dir
DATA_DIR.mkdir(parents=True, exist_ok=True)
# Off unless PARINDEX_DEBUG=true (development only): users see the product's own 404/500 pages.
DEBUG = CONFIG.debug
SECRET_KEY = CONFIG.secret_key
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins
# Absolute links in e-mails (reminders, summaries, scheduled reports).
PARINDEX_BASE_URL = CONFIG.base_url

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "parindex.common",
    "parindex.jobs",
    "parindex.org",
    "parindex.audit",
    "parindex.home",
    "parindex.workplan",
    "parindex.scorecards",
    "parindex.dossiers",
    "parindex.people",
    "parindex.metrics",
    "parindex.registers",
    "parindex.citizens",
    "parindex.province",
    # After the apps it reads: its demo freezes their demo figures into report drafts.
    "parindex.reports",
    # Last, so that our catalogues and templates win over the admin's ("History", "Action"…).
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "parindex.common.db.PinAfterWriteMiddleware",
    "parindex.org.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "parindex.common.middleware.RefuseNulInApiMiddleware",
    "parindex.common.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "parindex.urls"
WSGI_APPLICATION = "parindex.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "parindex.home.context.navigation",
            ],
        },
    }
]

DATABASES = {"default": CONFIG.database}
if CONFIG.replica_database is not None:
    # Figure, dashboard and report reads go there (parindex/common/db.py, docs/scale.md).
    DATABASES["replica"] = CONFIG.replica_database
DATABASE_ROUTERS = ["parindex.common.db.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:overview"
LOGOUT_REDIRECT_URL = "login"

# Login rate limit (django-axes, docs/security.md): after AXES_FAILURE_LIMIT wrong passwords for
# one user name, that name is locked for AXES_COOLOFF_TIME or until the secretariat unlocks it
# (person page, `parindex unlock_user`, POST /api/v1/people/{username}/unlock). Locking by user
# name, not by address: a whole office often shares one public address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = CONFIG.login_failure_limit
AXES_COOLOFF_TIME = dt.timedelta(minutes=CONFIG.login_lockout_minutes)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks to lock by address too; that would lock every colleague behind the office's
# shared address when one of them mistypes. Guessing one person's password from many addresses
# is still stopped by the user-name lock (docs/security.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "parindex.org.lockout.locked_out"
# Attempts are cleared through the audited unlock service, not the admin.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "parindex.org.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Filters offer "Tất cả" (all) as their empty choice instead of "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["parindex.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # jQuery and jQuery UI for the date picker, from their installed XStatic packages.
    "parindex.common.staticfinders.XStaticFinder",
]
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if CONFIG.production
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# In development whitenoise serves straight from the app folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = not CONFIG.production
WHITENOISE_AUTOREFRESH = not CONFIG.production
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
PARINDEX_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# One person may not both self-assess and appraise the same agency (org.services.membership_add).
PARINDEX_SEPARATE_SELF_AND_APPRAISAL = CONFIG.separate_self_and_appraisal
# Dossier dates outside this window are refused at import (typing slips such as 1900 or 9999).
PARINDEX_DOSSIER_EARLIEST_DATE = dt.date(2000, 1, 1)
PARINDEX_DOSSIER_YEARS_AHEAD = 5
# Import caps, checked before a file is parsed (parindex/common/tabular/limits.py).
PARINDEX_IMPORT_MAX_BYTES = 50 * 1024 * 1024
PARINDEX_IMPORT_MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
PARINDEX_IMPORT_MAX_ROWS = 1_000_000
PARINDEX_IMPORT_MAX_CELL_CHARS = 32_767

for _key, _value in CONFIG.email.items():
    globals()[_key] = _value
SERVER_EMAIL = CONFIG.email["DEFAULT_FROM_EMAIL"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# The language cookie is read by the server only (UserLanguageMiddleware, set_language).
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
if CONFIG.production:
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # /healthz is probed over plain HTTP by the load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO" if CONFIG.production else "WARNING"},
}

NINJA_PAGINATION_PER_PAGE = 50

# Background jobs (imports, report files and PDF conversion, e-mails) wait in the database and
# run in `parindex worker` (docs/jobs.md); the tests run them at once (conftest.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# A LibreOffice conversion (report PDFs, made by the worker) that takes longer is stopped.
PARINDEX_PDF_TIMEOUT_SECONDS = 120

# Shared by every process (web workers, job workers): the public pages' rate limits, figure
# caches. Redis when REDIS_URL is set (pip install "parindex[redis]"), else a table in the
# database, created by the `jobs` migrations (docs/deploy.md).
CACHES = {"default": CONFIG.cache}
