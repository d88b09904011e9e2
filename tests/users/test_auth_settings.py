"""Login, session, proxy and SSO settings: parsing, what settings.py makes of them, checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipamcore import checks, config

ROOT = Path(__file__).resolve().parent.parent.parent


def source(file_values: dict[str, object] | None = None, **environ: str) -> config.Source:
    return config.Source(environ, file_values or {}, "/etc/ipamcore/config.py")


def test_networks_are_checked_and_canonical() -> None:
    parsed = source(TRUSTED_PROXIES="10.0.0.1/8, ::1").networks("TRUSTED_PROXIES", [])
    assert parsed == ["10.0.0.0/8", "::1/128"]
    with pytest.raises(config.ConfigError, match="TRUSTED_PROXIES: 'proxy' is not an IP network"):
        source(TRUSTED_PROXIES="proxy").networks("TRUSTED_PROXIES", [])


def test_mapping_from_json_or_the_file() -> None:
    assert source(SSO_GROUP_MAP='{"a": "b"}').mapping("SSO_GROUP_MAP", {}) == {"a": "b"}
    assert source({"SSO_GROUP_MAP": {"a": ["b"]}}).mapping("SSO_GROUP_MAP", {}) == {"a": ["b"]}
    with pytest.raises(config.ConfigError, match="is not a JSON object"):
        source(SSO_GROUP_MAP="a=b").mapping("SSO_GROUP_MAP", {})
    with pytest.raises(config.ConfigError, match="must be a JSON object"):
        source(SSO_GROUP_MAP="[1]").mapping("SSO_GROUP_MAP", {})


def test_social_auth_settings_pass_through() -> None:
    found = source(
        {"SOCIAL_AUTH_OIDC_JWT_LEEWAY": 30, "SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY": "file"},
        SOCIAL_AUTH_OIDC_SCOPE='["groups", "offline_access"]',
        SOCIAL_AUTH_REDIRECT_IS_HTTPS="true",
        SOCIAL_AUTH_OIDC_KEY="client-1",
        SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY="environment",
        OTHER="x",
    ).prefixed("SOCIAL_AUTH_")
    assert found == {
        "SOCIAL_AUTH_OIDC_JWT_LEEWAY": 30,
        "SOCIAL_AUTH_OIDC_KEY": "client-1",
        "SOCIAL_AUTH_OIDC_SCOPE": ["groups", "offline_access"],
        "SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY": "environment",
        "SOCIAL_AUTH_REDIRECT_IS_HTTPS": True,
    }


def test_pass_through_names_count_as_known_and_secrets_are_not_echoed() -> None:
    values = source({"SOCIAL_AUTH_OIDC_SECRET": "s"}, SOCIAL_AUTH_OIDC_SECRET="{broken")
    with pytest.raises(config.ConfigError) as error:
        values.prefixed("SOCIAL_AUTH_")
    assert "broken" not in str(error.value)
    quiet = source({"SOCIAL_AUTH_OIDC_KEY": "k"})
    quiet.prefixed("SOCIAL_AUTH_")
    assert quiet.unknown_file_names() == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("X-Forwarded-Proto: https", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("x-forwarded-ssl:on", ("HTTP_X_FORWARDED_SSL", "on")),
        ("none", None),
    ],
)
def test_proxy_ssl_header(raw: str, expected: tuple[str, str] | None) -> None:
    assert config.proxy_ssl_header(raw) == expected


def test_bad_proxy_ssl_header() -> None:
    with pytest.raises(config.ConfigError, match="SECURE_PROXY_SSL_HEADER"):
        config.proxy_ssl_header("https")


def settings_of(*names: str, **environ: str) -> dict[str, object]:
    """Values settings.py computes from `environ`, read in a fresh interpreter."""
    code = (
        "import json, ipamcore.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=list))"
    )
    env = {**os.environ, "SECRET_KEY": "k" * 50, **environ}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_session_and_cookie_settings_from_the_environment() -> None:
    defaults = settings_of(
        "SESSION_COOKIE_AGE",
        "SESSION_SAVE_EVERY_REQUEST",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "TRUSTED_PROXIES",
        "LOGIN_URL",
        "AUTHENTICATION_BACKENDS",
    )
    assert defaults == {
        "SESSION_COOKIE_AGE": 1209600,
        "SESSION_SAVE_EVERY_REQUEST": False,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "TRUSTED_PROXIES": ["127.0.0.0/8", "::1/128"],
        "LOGIN_URL": "/login/",
        "AUTHENTICATION_BACKENDS": ["users.login.PasswordBackend"],
    }
    configured = settings_of(
        "SESSION_COOKIE_AGE",
        "SESSION_SAVE_EVERY_REQUEST",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_PROXY_SSL_HEADER",
        "LOGIN_URL",
        "LOGIN_REDIRECT_URL",
        "AUTHENTICATION_BACKENDS",
        "SOCIAL_AUTH_OIDC_KEY",
        LOGIN_TIMEOUT="3600",
        LOGIN_PERSISTENCE="true",
        SESSION_EXPIRE_AT_BROWSER_CLOSE="yes",
        SESSION_COOKIE_SECURE="true",
        CSRF_TRUSTED_ORIGINS="https://ipam.example.com",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Ssl: on",
        BASE_PATH="ipam",
        SSO_BACKENDS="keycloak,oidc",
        SOCIAL_AUTH_OIDC_KEY="client",
    )
    assert configured == {
        "SESSION_COOKIE_AGE": 3600,
        "SESSION_SAVE_EVERY_REQUEST": True,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,  # follows SESSION_COOKIE_SECURE unless set
        "CSRF_TRUSTED_ORIGINS": ["https://ipam.example.com"],
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_SSL", "on"],
        "LOGIN_URL": "/ipam/login/",
        "LOGIN_REDIRECT_URL": "/ipam/api/",
        "AUTHENTICATION_BACKENDS": [
            "social_core.backends.keycloak.KeycloakOAuth2",
            "social_core.backends.open_id_connect.OpenIdConnectAuth",
            "users.login.PasswordBackend",
        ],
        "SOCIAL_AUTH_OIDC_KEY": "client",
    }


def test_sso_checks() -> None:
    values = {
        "SOCIAL_AUTH_OIDC_KEY": "k",
        "SOCIAL_AUTH_OIDC_SECRET": "s",
        "SOCIAL_AUTH_OIDC_OIDC_ENDPOINT": "https://idp.example.com",
        "SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY": "k",
        "SOCIAL_AUTH_OKTA_OPENIDCONNECT_SECRET": "s",
    }
    backends = [
        "social_core.backends.open_id_connect.OpenIdConnectAuth",
        "social_core.backends.okta_openidconnect.OktaOpenIdConnect",
        "users.models.User",
        "no.such.Backend",
    ]
    errors = checks.sso_errors(backends, values.get)
    assert [(error.id, error.msg) for error in errors] == [
        (
            "ipamcore.E021",
            "Single sign-on with 'okta-openidconnect' needs "
            "SOCIAL_AUTH_OKTA_OPENIDCONNECT_API_URL.",
        ),
        (
            "ipamcore.E020",
            "SSO_BACKENDS: 'users.models.User' is neither a known provider nor a social-auth "
            "backend class.",
        ),
        (
            "ipamcore.E020",
            "SSO_BACKENDS: 'no.such.Backend' is neither a known provider nor a social-auth "
            "backend class.",
        ),
    ]
    assert [e.id for e in checks.group_map_errors({"a": "b", "c": ["d"], "e": 5})] == [
        "ipamcore.E022"
    ]
    assert [w.id for w in checks.login_warnings(False, [])] == ["ipamcore.W020"]
    assert checks.login_warnings(False, backends) == checks.login_warnings(True, []) == []


def test_only_the_password_backend_may_check_passwords() -> None:
    assert checks.password_backend_errors([checks.PASSWORD_BACKEND]) == []
    errors = checks.password_backend_errors(
        ["django.contrib.auth.backends.ModelBackend", checks.PASSWORD_BACKEND]
    )
    assert [error.id for error in errors] == ["ipamcore.E023"]
    sso_only = ["social_core.backends.open_id_connect.OpenIdConnectAuth"]
    assert checks.password_backend_errors(sso_only) == []
