"""Single sign-on end to end: a browser (requests) against the live server, logging in
through a real OpenID Connect provider on 127.0.0.1 (tests/users/oidc_provider.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from django.contrib.auth.models import Group

from tests.users.oidc_provider import Provider
from users import sso
from users.models import User

OIDC = "social_core.backends.open_id_connect.OpenIdConnectAuth"
PASSWORD = "users.login.PasswordBackend"

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    provider = Provider().start()
    yield provider
    provider.stop()


@pytest.fixture
def sso_settings(settings: Any, provider: Provider) -> Any:
    """ipamcore configured as an administrator would, for the provider above."""
    settings.SSO_BACKENDS = [OIDC]
    settings.AUTHENTICATION_BACKENDS = [OIDC, PASSWORD]
    settings.SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = provider.issuer
    settings.SOCIAL_AUTH_OIDC_KEY = provider.client_id
    settings.SOCIAL_AUTH_OIDC_SECRET = provider.client_secret
    settings.SSO_LABELS = {"oidc": "Example IdP"}
    settings.SSO_SYNC_GROUPS = True
    settings.SSO_GROUPS_CLAIM = "groups"
    settings.SSO_CREATE_GROUPS = True
    settings.SSO_GROUP_MAP = {}
    settings.SSO_SUPERUSER_GROUPS = ["ipam-admins"]
    settings.SSO_STAFF_GROUPS = ["ipam-admins"]
    provider.deny = False
    return settings


def form_token(html: str, action: str) -> str:
    """The CSRF token inside the form that posts to `action`."""
    match = re.search(
        rf'<form method="post" action="{re.escape(action)}">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    )
    assert match, f"no CSRF-protected form posting to {action}"
    return match.group(1)


def sso_login(base: str, browser: requests.Session, next_url: str = "") -> requests.Response:
    """Press the SSO button and follow the redirects, as a browser does."""
    page = browser.get(f"{base}/login/")
    assert page.status_code == 200
    assert "Log in with Example IdP" in page.text
    token = form_token(page.text, "/oauth/login/oidc/")
    data = {"csrfmiddlewaretoken": token, "next": next_url}
    started = browser.post(f"{base}/oauth/login/oidc/", data=data, allow_redirects=False)
    assert started.status_code == 302, started.text
    assert started.headers["Location"].startswith(f"{browser.provider_issuer}/authorize?")  # type: ignore[attr-defined]
    back = browser.get(started.headers["Location"], allow_redirects=False)
    assert back.status_code == 302
    assert back.headers["Location"].startswith(f"{base}/oauth/complete/oidc/?")
    return browser.get(back.headers["Location"], allow_redirects=False)


@pytest.fixture
def browser(provider: Provider) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # straight to 127.0.0.1, never through a proxy
    session.provider_issuer = provider.issuer  # type: ignore[attr-defined]
    return session


def who(base: str, browser: requests.Session) -> requests.Response:
    return browser.get(f"{base}/api/authentication-check/")


def test_sso_login_creates_the_user_maps_groups_and_logs_out(
    live_url: str, sso_settings: Any, provider: Provider, browser: requests.Session
) -> None:
    Group.objects.create(name="network")
    provider.identity = {
        "sub": "u-1001",
        "preferred_username": "jdoe",
        "email": "jdoe@example.com",
        "name": "Jane Doe",
        "groups": ["network", "ipam-admins"],
    }
    done = sso_login(live_url, browser, next_url="/api/users/config/")
    assert (done.status_code, done.headers["Location"]) == (302, "/api/users/config/")

    me = who(live_url, browser)
    assert me.status_code == 200
    assert me.json()["username"] == "jdoe"
    assert me.json()["email"] == "jdoe@example.com"
    user = User.objects.get(username="jdoe")
    assert user.has_usable_password() is False
    assert sorted(user.groups.values_list("name", flat=True)) == ["ipam-admins", "network"]
    assert user.is_superuser and user.is_staff
    # The provider really was asked: code exchanged with the client secret, keys fetched.
    assert {"POST /token", "GET /jwks", "GET /userinfo"} <= set(provider.requests)

    # The SSO session works for the API, writes included (with the CSRF header).
    created = browser.post(
        f"{live_url}/api/users/tokens/",
        json={"description": "from a browser session"},
        headers={"X-CSRFToken": browser.cookies["csrftoken"], "Referer": f"{live_url}/"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["user"]["username"] == "jdoe" and created.json()["token"]

    page = browser.get(f"{live_url}/login/")
    logout = browser.post(
        f"{live_url}/logout/",
        data={"csrfmiddlewaretoken": form_token(page.text, "/logout/")},
        allow_redirects=False,
    )
    assert (logout.status_code, logout.headers["Location"]) == (302, "/login/")
    assert who(live_url, browser).status_code == 403


def test_second_login_updates_groups_and_flags(
    live_url: str, sso_settings: Any, provider: Provider, browser: requests.Session
) -> None:
    provider.identity = {
        "sub": "u-2002",
        "preferred_username": "rroe",
        "groups": ["network", "ipam-admins"],
    }
    sso_login(live_url, browser)
    user = User.objects.get(username="rroe")
    assert user.is_superuser
    # A group assigned by hand, not in the claim, is removed at the next login too.
    user.groups.add(Group.objects.create(name="legacy"))

    provider.identity = {**provider.identity, "groups": ["servers"]}
    again = requests.Session()
    again.trust_env = False
    again.provider_issuer = provider.issuer  # type: ignore[attr-defined]
    sso_login(live_url, again)
    assert who(live_url, again).json()["username"] == "rroe"
    assert User.objects.filter(username__startswith="rroe").count() == 1  # the same user
    user.refresh_from_db()
    assert list(user.groups.values_list("name", flat=True)) == ["servers"]
    assert not user.is_superuser and not user.is_staff


def test_groups_are_not_created_unless_asked(
    live_url: str, sso_settings: Any, provider: Provider, browser: requests.Session
) -> None:
    sso_settings.SSO_CREATE_GROUPS = False
    Group.objects.create(name="network")
    provider.identity = {"sub": "u-3003", "preferred_username": "sam", "groups": ["network", "new"]}
    sso_login(live_url, browser)
    user = User.objects.get(username="sam")
    assert list(user.groups.values_list("name", flat=True)) == ["network"]
    assert not Group.objects.filter(name="new").exists()


def test_sso_never_takes_over_a_local_account_of_the_same_name(
    live_url: str, sso_settings: Any, provider: Provider, browser: requests.Session
) -> None:
    local = User.objects.create_user("admin2", password="local-password-1")
    provider.identity = {"sub": "u-6006", "preferred_username": "admin2", "groups": ["x"]}
    sso_login(live_url, browser)
    name = who(live_url, browser).json()["username"]
    assert name != "admin2" and name.startswith("admin2")
    assert not local.groups.exists()


def test_sso_works_with_password_login_disabled(
    live_url: str, sso_settings: Any, provider: Provider, browser: requests.Session
) -> None:
    sso_settings.LOCAL_LOGIN_ENABLED = False
    provider.identity = {"sub": "u-4004", "preferred_username": "kim", "groups": []}
    page = browser.get(f"{live_url}/login/")
    assert 'name="password"' not in page.text
    sso_login(live_url, browser)
    assert who(live_url, browser).json()["username"] == "kim"


def test_the_sso_button_must_be_a_csrf_protected_post(
    live_url: str, sso_settings: Any, provider: Provider, browser: requests.Session
) -> None:
    started = len(provider.requests)
    assert browser.get(f"{live_url}/oauth/login/oidc/", allow_redirects=False).status_code == 405
    browser.get(f"{live_url}/login/")  # has the CSRF cookie, but sends no token:
    no_token = browser.post(f"{live_url}/oauth/login/oidc/", allow_redirects=False)
    assert no_token.status_code == 403
    assert not any("/authorize" in item for item in provider.requests[started:])


def test_a_refused_login_returns_to_the_login_page(
    live_url: str, sso_settings: Any, provider: Provider, browser: requests.Session
) -> None:
    provider.deny = True
    done = sso_login(live_url, browser)
    assert (done.status_code, done.headers["Location"]) == (302, "/login/")
    page = browser.get(f"{live_url}/login/")
    assert "canceled" in page.text.lower()
    assert who(live_url, browser).status_code == 403


def test_a_forged_callback_is_refused(
    live_url: str, sso_settings: Any, provider: Provider, browser: requests.Session
) -> None:
    # A callback with a state this browser never received (login CSRF) logs nobody in.
    provider.identity = {"sub": "u-5005", "preferred_username": "mallory"}
    forged = browser.get(
        f"{live_url}/oauth/complete/oidc/?code=abc&state=forged", allow_redirects=False
    )
    assert forged.status_code == 302 and forged.headers["Location"] == "/login/"
    assert who(live_url, browser).status_code == 403
    assert not User.objects.filter(username="mallory").exists()


# --- the claim to group mapping on its own ------------------------------------------------


class Backend:
    """What sync_groups reads of a social-auth backend: its name and the ID token."""

    name = "oidc"

    def __init__(self, id_token: dict[str, Any] | None = None) -> None:
        self.id_token = id_token


def test_group_map_and_nested_claims(db: None, settings: Any) -> None:
    settings.SSO_SYNC_GROUPS = True
    settings.SSO_CREATE_GROUPS = True
    settings.SSO_GROUPS_CLAIM = "realm_access.roles"
    settings.SSO_GROUP_MAP = {"0f1e-guid": "network", "admins": ["network", "admin"]}
    settings.SSO_SUPERUSER_GROUPS = []
    user = User.objects.create_user("eve")
    token = {"realm_access": {"roles": ["0f1e-guid", "unmapped"]}}
    sso.sync_groups(Backend(token), user=user, response={})
    assert list(user.groups.values_list("name", flat=True)) == ["network"]
    sso.sync_groups(Backend(), user=user, response={"realm_access": {"roles": ["admins"]}})
    assert sorted(user.groups.values_list("name", flat=True)) == ["admin", "network"]
    # No claim at all: memberships stay as they are.
    sso.sync_groups(Backend({"sub": "x"}), user=user, response={"sub": "x"})
    assert sorted(user.groups.values_list("name", flat=True)) == ["admin", "network"]
    assert not user.is_superuser  # SSO_SUPERUSER_GROUPS empty: not managed


def test_group_sync_is_off_by_default(db: None, settings: Any) -> None:
    settings.SSO_SYNC_GROUPS = False
    user = User.objects.create_user("frank")
    user.groups.add(Group.objects.create(name="kept"))
    sso.sync_groups(Backend({"groups": []}), user=user, response={})
    assert list(user.groups.values_list("name", flat=True)) == ["kept"]
