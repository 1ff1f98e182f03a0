"""Django settings, read from the environment through small typed helpers.

Environment:
  DATABASE_URL        default: SQLite file var/sanshen.sqlite3 (WAL mode)
  SANSHEN_SECRET_KEY  default: generated once into var/secret_key
  SANSHEN_DEBUG       "1" to turn debug on (off by default)
  SANSHEN_ALLOWED_HOSTS  comma-separated, default "127.0.0.1,localhost"
  SANSHEN_VAR_DIR     where the database, secret key and uploads live (default ./var)
  SANSHEN_CACHE_DIR   built screening rule data kept between processes (default: cache/ in SANSHEN_VAR_DIR;
                      read by sanshen.screening.cache, also when `sanshen screen` runs without Django)
  SANSHEN_EMAIL_HOST  SMTP host for notifications; without it mail is not sent
  SANSHEN_REDIS_URL   a Redis shared by every app server for the cache (e.g. redis://127.0.0.1:6379/0);
                      without it each process keeps its own cache in memory
  SANSHEN_PERSONAL_PAGE_CACHE  "0" renders every signed-in page afresh (default on with PostgreSQL:
                      a page asked again while nothing has committed is served as rendered moments ago)
  SANSHEN_PDF_FONT    TrueType CJK font embedded in the review sheet PDFs (default: fonts-wqy-zenhei's
                      wqy-zenhei.ttc); SANSHEN_PDF_FONT_INDEX picks the face in a .ttc (default 0)
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


VAR_DIR = Path(env_str("SANSHEN_VAR_DIR", str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    given = env_str("SANSHEN_SECRET_KEY")
    if given:
        return given
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("SANSHEN_DEBUG")
ALLOWED_HOSTS = env_list("SANSHEN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("SANSHEN_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "sanshen.org",
    "sanshen.accountability",
    "sanshen.oversight",
    "sanshen.statistics",
    "sanshen.inspection",
    "sanshen.backup",
    "sanshen.content",
    "sanshen.review",
    "sanshen.channels",
    "sanshen.publishing",
    "sanshen.deliveries",
    "sanshen.website",
    "sanshen.lexicons",
    "sanshen.events",
    "sanshen.interaction",
    "sanshen.web",
    "django.forms",  # the form widgets' own templates, after web/templates/django/forms/ which overrides some
]
# Widgets render through the project's templates, so web/ can word them (the empty choice reads 请选择).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Reverse proxies (nginx) whose X-Forwarded-For names the client (address ranges, comma-separated).
SANSHEN_TRUSTED_PROXIES = env_list("SANSHEN_TRUSTED_PROXIES", "")

MIDDLEWARE = [
    "sanshen.web.proxy.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sanshen.website.page_cache.PublicPageCacheMiddleware",
    "sanshen.web.personal_pages.PersonalPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sanshen.org.middleware.AccountGateMiddleware",
    "sanshen.org.middleware.RightsReadOnceMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sanshen.urls"
WSGI_APPLICATION = "sanshen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sanshen.web.context.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sanshen.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.Person"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "sanshen.org.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "sanshen.org.passwords.CharacterClassesValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "sanshen.org.passwords.NotLikeUsernameValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "sanshen.org.passwords.RecentPasswordsValidator", "OPTIONS": {"remember": 5}},
]
SANSHEN_PASSWORD_MAX_AGE_DAYS = 365

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failures (django-axes).
AXES_FAILURE_LIMIT = int(env_str("SANSHEN_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = float(env_str("SANSHEN_LOCKOUT_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_CALLABLE = "sanshen.org.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Accounts are locked by username: offices share one NAT address, so an address lock would lock them all.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

REDIS_URL = env_str("SANSHEN_REDIS_URL")
CACHES = {"default": (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "sanshen"}
    if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sanshen",
                       "OPTIONS": {"MAX_ENTRIES": 2000}})}

# Sessions live in the database (every app server reads the same rows) and, with a shared Redis, are
# read from the cache first; a process-local cache would let a logout on one server go unseen by another.
# web/personal_pages.py
SANSHEN_PERSONAL_PAGE_CACHE = env_bool("SANSHEN_PERSONAL_PAGE_CACHE", True)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_HOST = env_str("SANSHEN_EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.dummy.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("SANSHEN_EMAIL_FROM", "sanshen@localhost")

SANSHEN_PDF_FONT = env_str("SANSHEN_PDF_FONT", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
SANSHEN_PDF_FONT_INDEX = int(env_str("SANSHEN_PDF_FONT_INDEX", "0"))

OTP_TOTP_ISSUER = "Sanshen 三审"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
