"""Start-up checks: a bad setting stops the server with a message that names it.

Values that cannot even be parsed (DEBUG=maybe) fail earlier, while settings.py is
imported (ipamcore.config.ConfigError); these checks judge parsed values. Each rule
is a small function of plain values so tests can call it directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.checks import Warning as CheckWarning
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from ipamcore.validators import configuration_errors

MIN_SECRET_LENGTH = 50
NEW_SECRET_HINT = "Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"


def secret_key_errors(secret_key: str, debug: bool) -> list[CheckMessage]:
    if not secret_key:
        return [Error("SECRET_KEY is not set.", hint=NEW_SECRET_HINT, id="ipamcore.E001")]
    if len(secret_key) < MIN_SECRET_LENGTH and not debug:
        return [
            Error(
                f"SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters long.",
                hint=NEW_SECRET_HINT,
                id="ipamcore.E002",
            )
        ]
    return []


def paging_errors(paginate_count: int, max_page_size: int) -> list[CheckMessage]:
    if max_page_size and paginate_count > max_page_size:
        return [
            Error(
                f"PAGINATE_COUNT ({paginate_count}) is larger than MAX_PAGE_SIZE "
                f"({max_page_size}).",
                hint="Lower PAGINATE_COUNT or raise MAX_PAGE_SIZE (0 means no limit).",
                id="ipamcore.E003",
            )
        ]
    return []


def pepper_errors(peppers: dict[int, str]) -> list[CheckMessage]:
    return [
        Error(
            f"API_TOKEN_PEPPERS: pepper {pepper_id} must be at least "
            f"{MIN_SECRET_LENGTH} characters long.",
            id="ipamcore.E004",
        )
        for pepper_id, pepper in sorted(peppers.items())
        if len(pepper) < MIN_SECRET_LENGTH
    ]


def is_model_label(label: str) -> bool:
    try:
        apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return True


def model_label_errors(setting: str, labels: Iterable[Any], allow_all: bool) -> list[CheckMessage]:
    """Keys of CUSTOM_VALIDATORS / PROTECTION_RULES and EXEMPT_VIEW_PERMISSIONS name models."""
    return [
        Error(
            f"{setting}: {label!r} is not a model (use 'app_label.model', e.g. 'dcim.site').",
            id="ipamcore.E005",
        )
        for label in labels
        if not (allow_all and label == "*")
        and not (isinstance(label, str) and is_model_label(label))
    ]


def validator_errors(setting: str, rules: dict[str, Any]) -> list[CheckMessage]:
    """Entries of CUSTOM_VALIDATORS / PROTECTION_RULES that cannot be used as validators."""
    return [Error(problem, id="ipamcore.E006") for problem in configuration_errors(setting, rules)]


def webhook_errors(timeout: float, lease: float) -> list[CheckMessage]:
    if lease <= timeout:
        return [
            Error(
                f"WEBHOOK_LEASE ({lease:g} s) must be longer than WEBHOOK_TIMEOUT ({timeout:g} s).",
                hint="Otherwise deliveries still in progress are taken back and sent twice.",
                id="ipamcore.E007",
            )
        ]
    return []


def unknown_name_warnings(names: list[str]) -> list[CheckMessage]:
    return [
        CheckWarning(
            f"IPAMCORE_CONFIG defines {name}, which is not an ipamcore setting.",
            hint="Check the spelling against docs/configuration.md.",
            id="ipamcore.W001",
        )
        for name in names
    ]


# Settings each single sign-on provider cannot work without (after SOCIAL_AUTH_<NAME>_).
SSO_REQUIRED = {
    "oidc": ("KEY", "SECRET", "OIDC_ENDPOINT"),
    "keycloak": ("KEY", "SECRET", "PUBLIC_KEY", "AUTHORIZATION_URL", "ACCESS_TOKEN_URL"),
    "okta-openidconnect": ("KEY", "SECRET", "API_URL"),
    "okta-oauth2": ("KEY", "SECRET", "API_URL"),
}


def sso_setting_prefix(backend_name: str) -> str:
    return "SOCIAL_AUTH_" + backend_name.upper().replace("-", "_") + "_"


def sso_errors(backends: list[str], setting: Callable[[str], Any]) -> list[CheckMessage]:
    """SSO_BACKENDS entries that are not backends, or lack their client settings."""
    from social_core.backends.base import BaseAuth

    errors: list[CheckMessage] = []
    for path in backends:
        try:
            backend = import_string(path)
        except ImportError:
            backend = None
        if not (isinstance(backend, type) and issubclass(backend, BaseAuth)):
            errors.append(
                Error(
                    f"SSO_BACKENDS: {path!r} is neither a known provider nor a "
                    "social-auth backend class.",
                    hint="Use oidc, keycloak, azuread, azuread-tenant, azuread-v2-tenant, "
                    "okta, okta-oauth2 or a dotted class path.",
                    id="ipamcore.E020",
                )
            )
            continue
        prefix = sso_setting_prefix(backend.name)
        errors.extend(
            Error(
                f"Single sign-on with {backend.name!r} needs {prefix}{suffix}.",
                hint="See docs/authentication.md for each provider's settings.",
                id="ipamcore.E021",
            )
            for suffix in SSO_REQUIRED.get(backend.name, ("KEY",))
            if not setting(prefix + suffix)
        )
    return errors


def group_map_errors(mapping: dict[str, Any]) -> list[CheckMessage]:
    return [
        Error(
            f"SSO_GROUP_MAP: the value for {key!r} must be a group name or a list of names.",
            id="ipamcore.E022",
        )
        for key, value in mapping.items()
        if not (
            isinstance(value, str)
            or (isinstance(value, list | tuple) and all(isinstance(v, str) for v in value))
        )
    ]


PASSWORD_BACKEND = "users.login.PasswordBackend"


def password_backend_errors(backends: list[str]) -> list[CheckMessage]:
    """Another backend checking passwords would bypass the login limits and
    LOCAL_LOGIN_ENABLED: only users.login.PasswordBackend may do it."""
    from django.contrib.auth.backends import ModelBackend

    errors: list[CheckMessage] = []
    for path in backends:
        try:
            backend = import_string(path)
        except ImportError:
            continue  # Django reports backends that do not import
        if (
            path != PASSWORD_BACKEND
            and isinstance(backend, type)
            and issubclass(backend, ModelBackend)
            and backend.authenticate is ModelBackend.authenticate
        ):
            errors.append(
                Error(
                    f"AUTHENTICATION_BACKENDS: {path} checks passwords without the failed-login "
                    "limits and LOCAL_LOGIN_ENABLED.",
                    hint=f"Use {PASSWORD_BACKEND} for passwords; other backends' authenticate() "
                    "should return None.",
                    id="ipamcore.E023",
                )
            )
    return errors


def login_warnings(local_login: bool, sso_backends: list[str]) -> list[CheckMessage]:
    if local_login or sso_backends:
        return []
    return [
        CheckWarning(
            "LOCAL_LOGIN_ENABLED is off and no SSO_BACKENDS are configured: "
            "nobody can log in with a browser or provision a token.",
            id="ipamcore.W020",
        )
    ]


def configured_secret_key() -> str:
    # Django refuses to hand out an empty SECRET_KEY; treat that as "not set".
    try:
        return str(settings.SECRET_KEY)
    except ImproperlyConfigured:
        return ""


@register()
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        *secret_key_errors(configured_secret_key(), settings.DEBUG),
        *paging_errors(settings.PAGINATE_COUNT, settings.MAX_PAGE_SIZE),
        *pepper_errors(settings.API_TOKEN_PEPPERS),
        *model_label_errors("CUSTOM_VALIDATORS", settings.CUSTOM_VALIDATORS, allow_all=False),
        *model_label_errors("PROTECTION_RULES", settings.PROTECTION_RULES, allow_all=False),
        *validator_errors("CUSTOM_VALIDATORS", settings.CUSTOM_VALIDATORS),
        *validator_errors("PROTECTION_RULES", settings.PROTECTION_RULES),
        *webhook_errors(settings.WEBHOOK_TIMEOUT, settings.WEBHOOK_LEASE),
        *model_label_errors(
            "EXEMPT_VIEW_PERMISSIONS", settings.EXEMPT_VIEW_PERMISSIONS, allow_all=True
        ),
        *unknown_name_warnings(getattr(settings, "UNKNOWN_CONFIG_NAMES", [])),
        *sso_errors(settings.SSO_BACKENDS, lambda name: getattr(settings, name, None)),
        *group_map_errors(settings.SSO_GROUP_MAP),
        *login_warnings(settings.LOCAL_LOGIN_ENABLED, settings.SSO_BACKENDS),
        *password_backend_errors(list(settings.AUTHENTICATION_BACKENDS)),
    ]
