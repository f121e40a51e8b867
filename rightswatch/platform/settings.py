"""Django settings of the RightsWatch platform: one module, every value from the environment.

Each variable is documented in docs/deploy.md. Wrong values stop the start with
ImproperlyConfigured, naming the variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PLATFORM_DIR = Path(__file__).resolve().parent
REPO_DIR = PLATFORM_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = env(name, default)
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")
    return value == "True"


def envint(name: str, default: str) -> int:
    value = env(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envsecret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file that NAME_FILE points to."""
    path = env(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return env(name, default)


DATA_DIR = Path(env("RIGHTSWATCH_PLATFORM_DATA", str(REPO_DIR / "workspace" / "platform")))

DEBUG = envbool("DEBUG", "False")
SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    # A per-installation key kept beside the data (created once, mode 0600).
    _key_file = DATA_DIR / "secret_key"
    if not _key_file.exists():
        import secrets

        DATA_DIR.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text(encoding="utf-8").strip()

ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rightswatch.platform.accounts",
    "rightswatch.platform.audit",
    "rightswatch.platform.clues",
    "rightswatch.platform.transfers",
    "rightswatch.platform.suggestions",
    "rightswatch.platform.consultations",
    "rightswatch.platform.core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rightswatch.platform.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rightswatch.platform.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "rightswatch.platform.core.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rightswatch.platform.urls"
WSGI_APPLICATION = "rightswatch.platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PLATFORM_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rightswatch.platform.core.context.platform",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'platform.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", "60"))}
except Exception as exc:  # a malformed URL names itself
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in memory (file-backed per xdist worker)
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

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
    {"NAME": "rightswatch.platform.accounts.passwords.CharacterClassValidator"},
]

# Lockout after repeated failures (django-axes), by user name and address.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "30") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions: idle expiry (renewed by every request) and expiry at browser close.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", "30") * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = envbool("SECURE_COOKIES", "False")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env("SECURE_PROXY_SSL_HEADER") == "True":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Two-factor sign-in: when True every user must enrol a TOTP device before using the platform.
RIGHTSWATCH_REQUIRE_2FA = envbool("RIGHTSWATCH_REQUIRE_2FA", "False")
OTP_TOTP_ISSUER = "RightsWatch"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PLATFORM_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "rw_language"
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = REPO_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STATICFILES_DIRS = [PLATFORM_DIR / "static"] + [(prefix, path) for prefix, path in STATICFILES_DIRS if path.is_dir()]
WHITENOISE_USE_FINDERS = True  # serve straight from the app and node_modules folders too
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "documents")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

# E-mail notifications: sent only when SMTP is configured.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "rightswatch@localhost")
if env("EMAIL_BACKEND"):
    EMAIL_BACKEND = env("EMAIL_BACKEND")

# Deadlines.
RIGHTSWATCH_TRANSFER_FEEDBACK_DAYS = envint("RIGHTSWATCH_TRANSFER_FEEDBACK_DAYS", "30")
RIGHTSWATCH_SUGGESTION_REPLY_MONTHS = 2
RIGHTSWATCH_FOLLOW_UP_DAYS = envint("RIGHTSWATCH_FOLLOW_UP_DAYS", "90")
RIGHTSWATCH_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
