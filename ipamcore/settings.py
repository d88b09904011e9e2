"""Django settings, taken from the environment (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from social_core.pipeline import DEFAULT_AUTH_PIPELINE

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
    "social_django",
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
    # A failed single sign-on returns to the login page with a message, not a 500.
    "social_django.middleware.SocialAuthExceptionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Messages (the admin's, the login page's SSO errors) live in the session: the cookie
# store signs and verifies a cookie on every request, API calls included.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

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
# Shared by all processes: counters of failed logins (users/login.py) live here.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "ipamcore",
    }
}

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

# --- Login, sessions, proxies and single sign-on (docs/authentication.md) -------------
URL_PREFIX = f"/{BASE_PATH}/" if BASE_PATH else "/"
LOGIN_URL = f"{URL_PREFIX}login/"
LOGIN_REDIRECT_URL = f"{URL_PREFIX}api/"
LOGOUT_REDIRECT_URL = LOGIN_URL

# The client address (token allowed_ips, login rate limits) is the connection's peer,
# unless that peer is one of these proxies: then it is read from CLIENT_IP_HEADER.
TRUSTED_PROXIES = source.networks("TRUSTED_PROXIES", ["127.0.0.0/8", "::1/128"])
CLIENT_IP_HEADER = source.string("CLIENT_IP_HEADER", "X-Forwarded-For")

# Username/password login (the login page, /admin/ and tokens/provision/).
LOCAL_LOGIN_ENABLED = source.boolean("LOCAL_LOGIN_ENABLED", True)
# Failed password logins allowed per username, and per client address, within the window.
LOGIN_RATE_LIMIT_ATTEMPTS = source.integer("LOGIN_RATE_LIMIT_ATTEMPTS", 5, minimum=0)
LOGIN_RATE_LIMIT_ADDRESS_ATTEMPTS = source.integer(
    "LOGIN_RATE_LIMIT_ADDRESS_ATTEMPTS", 20, minimum=0
)
LOGIN_RATE_LIMIT_WINDOW = source.integer("LOGIN_RATE_LIMIT_WINDOW", 300, minimum=1)

# Sessions: LOGIN_TIMEOUT seconds from login (or from the last request with
# LOGIN_PERSISTENCE), or until the browser closes.
LOGIN_TIMEOUT = source.integer("LOGIN_TIMEOUT", 1209600, minimum=60)
SESSION_COOKIE_AGE = LOGIN_TIMEOUT
LOGIN_PERSISTENCE = source.boolean("LOGIN_PERSISTENCE", False)
SESSION_SAVE_EVERY_REQUEST = LOGIN_PERSISTENCE
SESSION_EXPIRE_AT_BROWSER_CLOSE = source.boolean("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
SESSION_COOKIE_SECURE = source.boolean("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = source.boolean("CSRF_COOKIE_SECURE", SESSION_COOKIE_SECURE)
SESSION_COOKIE_SAMESITE = "Lax"  # the SSO callback is a top-level GET from the provider
USE_X_FORWARDED_HOST = source.boolean("USE_X_FORWARDED_HOST", True)
SECURE_PROXY_SSL_HEADER = config.proxy_ssl_header(
    source.string(
        "SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https" if USE_X_FORWARDED_HOST else "none"
    )
)

# Single sign-on through social-auth-app-django. SSO_BACKENDS names the providers
# (short names below or dotted class paths); every SOCIAL_AUTH_* setting is passed
# through to the library as given.
SSO_BACKEND_ALIASES = {
    "oidc": "social_core.backends.open_id_connect.OpenIdConnectAuth",
    "keycloak": "social_core.backends.keycloak.KeycloakOAuth2",
    "azuread": "social_core.backends.azuread.AzureADOAuth2",
    "azuread-tenant": "social_core.backends.azuread_tenant.AzureADTenantOAuth2",
    "azuread-v2-tenant": "social_core.backends.azuread_tenant.AzureADV2TenantOAuth2",
    "okta": "social_core.backends.okta_openidconnect.OktaOpenIdConnect",
    "okta-oauth2": "social_core.backends.okta.OktaOAuth2",
}
SSO_BACKENDS = [
    SSO_BACKEND_ALIASES.get(name.lower(), name) for name in source.strings("SSO_BACKENDS", [])
]
SSO_LABELS: dict[str, str] = source.mapping("SSO_LABELS", {})
# Group membership from a claim of the provider (users/sso.py).
SSO_SYNC_GROUPS = source.boolean("SSO_SYNC_GROUPS", False)
SSO_GROUPS_CLAIM = source.string("SSO_GROUPS_CLAIM", "groups")
SSO_GROUP_MAP: dict[str, Any] = source.mapping("SSO_GROUP_MAP", {})
SSO_CREATE_GROUPS = source.boolean("SSO_CREATE_GROUPS", False)
SSO_SUPERUSER_GROUPS = source.strings("SSO_SUPERUSER_GROUPS", [])
SSO_STAFF_GROUPS = source.strings("SSO_STAFF_GROUPS", [])

AUTHENTICATION_BACKENDS = [*SSO_BACKENDS, "users.login.PasswordBackend"]
SOCIAL_AUTH_URL_NAMESPACE = "social"
SOCIAL_AUTH_LOGIN_ERROR_URL = LOGIN_URL
SOCIAL_AUTH_PIPELINE = (*DEFAULT_AUTH_PIPELINE, "users.sso.sync_groups")
SOCIAL_AUTH_SETTINGS = source.prefixed("SOCIAL_AUTH_")
globals().update(SOCIAL_AUTH_SETTINGS)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "users.authentication.TokenAuthentication",
        "users.authentication.SessionAuthentication",
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
