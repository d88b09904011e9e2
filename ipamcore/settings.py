"""Django settings, taken from the environment (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from ipamcore import config

BASE_DIR = Path(__file__).resolve().parent.parent
FILE_CONFIG = config.load_config_file()


def setting(name: str, default: object) -> object:
    """A value from the IPAMCORE_CONFIG file, else the default."""
    return FILE_CONFIG.get(name, default)


DEBUG = config.env_bool("DEBUG", False)
SECRET_KEY = config.env_str("SECRET_KEY") or (
    "insecure-development-key-change-me" if DEBUG or config.env_bool("IPAMCORE_DEV", False) else ""
)
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", ["*"])
CSRF_TRUSTED_ORIGINS = config.env_list("CSRF_TRUSTED_ORIGINS", [])
LOGIN_REQUIRED = config.env_bool("LOGIN_REQUIRED", True)
BASE_PATH = config.env_str("BASE_PATH", "").strip("/")
MAX_PAGE_SIZE = config.env_int("MAX_PAGE_SIZE", 1000)
PAGINATE_COUNT = config.env_int("PAGINATE_COUNT", 50)
ENFORCE_GLOBAL_UNIQUE = config.env_bool("ENFORCE_GLOBAL_UNIQUE", True)
# How long an Idempotency-Key of an available-* POST is remembered (seconds).
IDEMPOTENCY_KEY_TTL = config.env_int("IDEMPOTENCY_KEY_TTL", 86400)
CHANGELOG_RETENTION = config.env_int("CHANGELOG_RETENTION", 90)
HOSTNAME = config.env_str("HOSTNAME", "")
# Peppers for v2 API tokens: "1:<secret>,2:<secret>"; the highest id signs new tokens.
API_TOKEN_PEPPERS: dict[int, str] = {
    int(key): value
    for key, _, value in (item.partition(":") for item in config.env_list("API_TOKEN_PEPPERS", []))
    if key.isdigit()
}
CUSTOM_VALIDATORS = setting("CUSTOM_VALIDATORS", {})
PROTECTION_RULES = setting("PROTECTION_RULES", {})
EXEMPT_VIEW_PERMISSIONS = setting("EXEMPT_VIEW_PERMISSIONS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_rq",
    "ipamcore.apps.CoreConfig",
    "users",
    "extras",
    "tenancy",
    "dcim",
    "ipam",
    "virtualization",
]

MIDDLEWARE = [
    "ipamcore.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ipamcore.urls"
WSGI_APPLICATION = "ipamcore.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASE_URL = config.env_str("DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or "postgresql://postgres@127.0.0.1:5432/ipamcore",
        conn_max_age=config.env_int("DATABASE_CONN_MAX_AGE", 300),
        conn_health_checks=True,
    )
}
REDIS_URL = config.env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {name: {"URL": REDIS_URL} for name in ("high", "default", "low")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LANGUAGE_CODE = "en-us"
TIME_ZONE = config.env_str("TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True
STATIC_URL = f"/{BASE_PATH}/static/" if BASE_PATH else "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
LOGIN_URL = "/admin/login/"

SESSION_COOKIE_SECURE = config.env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if config.env_bool("USE_X_FORWARDED_HOST", True):
    USE_X_FORWARDED_HOST = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "users.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ipamcore.api.permissions.ModelPermission"],
    "DEFAULT_PAGINATION_CLASS": "ipamcore.api.pagination.OffsetPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "ipamcore.api.filters.FilterBackend",
        "ipamcore.api.ordering.OrderingBackend",
    ],
    "DEFAULT_METADATA_CLASS": "ipamcore.api.metadata.ChoiceMetadata",
    "DEFAULT_RENDERER_CLASSES": [
        "ipamcore.api.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "ipamcore.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "ipamcore.api.exceptions.exception_handler",
    "PAGE_SIZE": PAGINATE_COUNT,
    "COERCE_DECIMAL_TO_STRING": False,
    "ORDERING_PARAM": "ordering",
    "URL_FIELD_NAME": "url",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ipamcore REST API",
    "DESCRIPTION": "NetBox 4 compatible REST API of ipamcore",
    "VERSION": "4.6.8",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "DISABLE_ERRORS_AND_WARNINGS": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config.env_str("LOG_LEVEL", "WARNING")},
}
AUTH_USER_MODEL = "users.User"
