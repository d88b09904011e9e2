"""Django settings, taken from the environment (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from ipamcore import API_VERSION, config

BASE_DIR = Path(__file__).resolve().parent.parent
source = config.Source.from_environment()

DEBUG = source.boolean("DEBUG", False)
# Without a key only DEBUG runs; otherwise check ipamcore.E001 stops the start-up.
SECRET_KEY = source.string("SECRET_KEY") or ("insecure-debug-key-change-me" if DEBUG else "")
ALLOWED_HOSTS = source.strings("ALLOWED_HOSTS", ["*"])
CSRF_TRUSTED_ORIGINS = source.strings("CSRF_TRUSTED_ORIGINS", [])
LOGIN_REQUIRED = source.boolean("LOGIN_REQUIRED", True)
BASE_PATH = source.string("BASE_PATH", "").strip("/")
MAX_PAGE_SIZE = source.integer("MAX_PAGE_SIZE", 1000, minimum=0)
PAGINATE_COUNT = source.integer("PAGINATE_COUNT", 50, minimum=1)
ENFORCE_GLOBAL_UNIQUE = source.boolean("ENFORCE_GLOBAL_UNIQUE", True)
# How long an Idempotency-Key of an available-* POST is remembered (seconds).
IDEMPOTENCY_KEY_TTL = source.integer("IDEMPOTENCY_KEY_TTL", 86400, minimum=0)
CHANGELOG_RETENTION = source.integer("CHANGELOG_RETENTION", 90, minimum=0)
JOB_RETENTION = source.integer("JOB_RETENTION", 90, minimum=0)
HOSTNAME = source.string("HOSTNAME", "")
# Peppers for v2 API tokens: "1:<secret>,2:<secret>"; the highest id signs new tokens.
API_TOKEN_PEPPERS: dict[int, str] = source.peppers("API_TOKEN_PEPPERS")
EXEMPT_VIEW_PERMISSIONS = source.strings("EXEMPT_VIEW_PERMISSIONS", [])
CUSTOM_VALIDATORS = source.python("CUSTOM_VALIDATORS", {}, dict)
PROTECTION_RULES = source.python("PROTECTION_RULES", {}, dict)
# GraphQL limits (docs/graphql.md): one request must not be able to take the server down.
GRAPHQL_ENABLED = source.boolean("GRAPHQL_ENABLED", True)
GRAPHQL_MAX_QUERY_DEPTH = source.integer("GRAPHQL_MAX_QUERY_DEPTH", 10, minimum=1)
GRAPHQL_MAX_ALIASES = source.integer("GRAPHQL_MAX_ALIASES", 10, minimum=0)
GRAPHQL_MAX_TOKENS = source.integer("GRAPHQL_MAX_TOKENS", 2000, minimum=1)

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
    "strawberry_django",
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
    "whitenoise.middleware.WhiteNoiseMiddleware",
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

# Unset DATABASE_URL/REDIS_URL fall back to local servers for manage.py in development;
# `make serve`, `make worker` and the container refuse to start without them.
DATABASE_URL = source.database_url("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/ipamcore")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=source.integer("DATABASE_CONN_MAX_AGE", 300, minimum=0),
        conn_health_checks=True,
    )
}
REDIS_URL = source.redis_url("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {name: {"URL": REDIS_URL} for name in ("high", "default", "low")}
RQ = {"WORKER_CLASS": "ipamcore.queueing.Worker"}

# Webhook delivery (docs/webhooks.md). Times in seconds unless named otherwise.
WEBHOOK_QUEUE = source.choice("WEBHOOK_QUEUE", "default", ("HIGH", "DEFAULT", "LOW")).lower()
WEBHOOK_TIMEOUT = source.number("WEBHOOK_TIMEOUT", 10.0, minimum=0.1)
WEBHOOK_MAX_ATTEMPTS = source.integer("WEBHOOK_MAX_ATTEMPTS", 12, minimum=1)
WEBHOOK_RETRY_DELAY = source.number("WEBHOOK_RETRY_DELAY", 10.0, minimum=0)
WEBHOOK_RETRY_MAX_DELAY = source.number("WEBHOOK_RETRY_MAX_DELAY", 3600.0, minimum=0)
# How long a claimed delivery may stay "sending" before its worker is presumed dead.
WEBHOOK_LEASE = source.number("WEBHOOK_LEASE", 120.0, minimum=1)
# How long a handed-over delivery may wait unstarted before it is handed over again.
WEBHOOK_REQUEUE_AFTER = source.number("WEBHOOK_REQUEUE_AFTER", 300.0, minimum=1)
WEBHOOK_SWEEP_INTERVAL = source.number("WEBHOOK_SWEEP_INTERVAL", 5.0, minimum=0.05)
WEBHOOK_DELIVERY_RETENTION = source.integer("WEBHOOK_DELIVERY_RETENTION", 30, minimum=0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LANGUAGE_CODE = "en-us"
TIME_ZONE = source.time_zone("TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True
STATIC_URL = f"/{BASE_PATH}/static/" if BASE_PATH else "/static/"
# WhiteNoise serves static files from STATIC_ROOT when `manage.py collectstatic` filled it
# (the container image does), else straight from the apps (make run, tests).
STATIC_ROOT = source.string("STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
STATICFILES_DIRS = [BASE_DIR / "static"]
LOGIN_URL = "/admin/login/"

SESSION_COOKIE_SECURE = source.boolean("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if source.boolean("USE_X_FORWARDED_HOST", True):
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
        "ipamcore.api.filters.OrderingFilter",
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
    # One API version, named in Accept ("application/json; version=4.6"); others are a 406.
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.AcceptHeaderVersioning",
    "DEFAULT_VERSION": API_VERSION,
    "ALLOWED_VERSIONS": [API_VERSION],
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
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ipamcore.api.schema.report_full_version",
    ],
}

# strawberry-django: `<model>(id: …)` root fields; list pages as the REST API's (limit=0 = max).
STRAWBERRY_DJANGO = {
    "DEFAULT_PK_FIELD_NAME": "id",
    "PAGINATION_DEFAULT_LIMIT": MAX_PAGE_SIZE or None,
    "PAGINATION_MAX_LIMIT": MAX_PAGE_SIZE or None,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": source.choice("LOG_LEVEL", "WARNING", config.LOG_LEVELS),
    },
}
AUTH_USER_MODEL = "users.User"

# Names in the IPAMCORE_CONFIG file that no setting above read (check ipamcore.W001).
UNKNOWN_CONFIG_NAMES = source.unknown_file_names()
