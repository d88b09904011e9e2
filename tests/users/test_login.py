"""The browser login page, logout, failed-login limits and switching password login off."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.conf import settings as django_settings
from django.test import Client
from rest_framework.test import APIClient

from users.models import User

LOGIN = "/login/"
LOGOUT = "/logout/"
PROVISION = "/api/users/tokens/provision/"


@pytest.fixture
def alice(db: None) -> User:
    return User.objects.create_user("alice", password="alice-password-1")


@pytest.fixture
def browser() -> Client:
    """A client that, like a browser, must present the CSRF token it was given."""
    return Client(enforce_csrf_checks=True)


def csrf_token(client: Client, path: str = LOGIN) -> str:
    page = client.get(path)
    assert page.status_code == 200
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert match, "the form carries a CSRF token"
    return match.group(1)


def log_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    token = csrf_token(client)
    data = {"username": username, "password": password, "csrfmiddlewaretoken": token}
    return client.post(LOGIN, {**data, **extra.pop("data", {})}, **extra)


def test_login_page_has_a_csrf_protected_form(browser: Client, db: None) -> None:
    page = browser.get(LOGIN)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<form method="post" action="/login/">' in html
    assert 'name="password"' in html and "csrfmiddlewaretoken" in html


def test_login_without_the_csrf_token_is_refused(browser: Client, alice: User) -> None:
    response = browser.post(LOGIN, {"username": "alice", "password": "alice-password-1"})
    assert response.status_code == 403
    assert "_auth_user_id" not in browser.session


def test_login_redirects_to_the_api_and_the_session_works(browser: Client, alice: User) -> None:
    response = log_in(browser, "alice", "alice-password-1")
    assert (response.status_code, response["Location"]) == (302, "/api/")
    check = browser.get("/api/authentication-check/")
    assert check.status_code == 200 and check.json()["username"] == "alice"


def test_login_follows_a_local_next_only(browser: Client, alice: User) -> None:
    response = log_in(browser, "alice", "alice-password-1", data={"next": "/api/dcim/sites/"})
    assert response["Location"] == "/api/dcim/sites/"
    other = Client(enforce_csrf_checks=True)
    response = log_in(other, "alice", "alice-password-1", data={"next": "https://evil.example/"})
    assert response["Location"] == "/api/"


def test_wrong_password_shows_the_form_again(browser: Client, alice: User) -> None:
    response = log_in(browser, "alice", "wrong")
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert "_auth_user_id" not in browser.session


def test_logout_is_a_csrf_protected_post(browser: Client, alice: User) -> None:
    log_in(browser, "alice", "alice-password-1")
    assert browser.get(LOGOUT).status_code == 405
    assert browser.post(LOGOUT).status_code == 403  # no CSRF token
    token = csrf_token(browser)
    response = browser.post(LOGOUT, {"csrfmiddlewaretoken": token})
    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert browser.get("/api/authentication-check/").status_code == 403


def test_admin_login_is_the_login_page(browser: Client, db: None) -> None:
    response = browser.get("/admin/login/?next=/admin/")
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/admin/")


def test_staff_can_reach_the_admin_after_logging_in(browser: Client, db: None) -> None:
    User.objects.create_superuser("root", "root@example.com", "root-password-1")
    response = log_in(browser, "root", "root-password-1", data={"next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert browser.get("/admin/").status_code == 200


# --- failed-login limits ----------------------------------------------------------------


def test_username_is_blocked_after_too_many_failures(
    browser: Client, alice: User, settings: Any
) -> None:
    settings.LOGIN_RATE_LIMIT_ATTEMPTS = 3
    for _ in range(3):
        assert log_in(browser, "alice", "wrong").status_code == 200
    # Now even the right password is refused, with a clear answer.
    blocked = log_in(browser, "alice", "alice-password-1")
    assert blocked.status_code == 429
    assert "Too many failed login attempts" in blocked.content.decode()
    assert 1 <= int(blocked["Retry-After"]) <= settings.LOGIN_RATE_LIMIT_WINDOW
    assert "_auth_user_id" not in browser.session
    # The limit is per username (case folded): another account still logs in.
    User.objects.create_user("bob", password="bob-password-1")
    assert log_in(browser, "ALICE", "alice-password-1").status_code == 429
    assert log_in(browser, "bob", "bob-password-1").status_code == 302


def test_the_username_limit_holds_from_every_address(alice: User, settings: Any) -> None:
    settings.LOGIN_RATE_LIMIT_ATTEMPTS = 2
    settings.TRUSTED_PROXIES = []
    for address in ("198.51.100.1", "198.51.100.2"):
        assert log_in(Client(REMOTE_ADDR=address), "alice", "wrong").status_code == 200
    response = log_in(Client(REMOTE_ADDR="198.51.100.3"), "alice", "alice-password-1")
    assert response.status_code == 429


def test_an_address_is_blocked_after_too_many_failures(db: None, settings: Any) -> None:
    settings.LOGIN_RATE_LIMIT_ADDRESS_ATTEMPTS = 3
    settings.TRUSTED_PROXIES = []
    User.objects.create_user("carol", password="carol-password-1")
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for name in ("u1", "u2", "u3"):
        assert log_in(attacker, name, "guess").status_code == 200
    assert log_in(attacker, "carol", "carol-password-1").status_code == 429
    elsewhere = Client(REMOTE_ADDR="203.0.113.8")
    assert log_in(elsewhere, "carol", "carol-password-1").status_code == 302


def test_the_address_behind_a_trusted_proxy_is_limited(db: None, settings: Any) -> None:
    settings.LOGIN_RATE_LIMIT_ADDRESS_ATTEMPTS = 2
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for name in ("u1", "u2"):
        response = log_in(Client(**proxy), name, "guess", HTTP_X_FORWARDED_FOR="203.0.113.7")
        assert response.status_code == 200
    User.objects.create_user("dave", password="dave-password-1")
    blocked = log_in(Client(**proxy), "dave", "dave-password-1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429
    other = log_in(Client(**proxy), "dave", "dave-password-1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert other.status_code == 302


def test_a_successful_login_clears_the_username_count(
    browser: Client, alice: User, settings: Any
) -> None:
    settings.LOGIN_RATE_LIMIT_ATTEMPTS = 3
    log_in(browser, "alice", "wrong")
    log_in(browser, "alice", "wrong")
    assert log_in(browser, "alice", "alice-password-1").status_code == 302
    fresh = Client(enforce_csrf_checks=True)
    log_in(fresh, "alice", "wrong")
    log_in(fresh, "alice", "wrong")
    assert log_in(fresh, "alice", "alice-password-1").status_code == 302


def test_zero_turns_the_limits_off(browser: Client, alice: User, settings: Any) -> None:
    settings.LOGIN_RATE_LIMIT_ATTEMPTS = 0
    settings.LOGIN_RATE_LIMIT_ADDRESS_ATTEMPTS = 0
    for _ in range(30):
        log_in(browser, "alice", "wrong")
    assert log_in(browser, "alice", "alice-password-1").status_code == 302


def test_token_provisioning_shares_the_limit(alice: User, settings: Any) -> None:
    settings.LOGIN_RATE_LIMIT_ATTEMPTS = 2
    client = APIClient()
    for _ in range(2):
        wrong = client.post(PROVISION, {"username": "alice", "password": "x"}, format="json")
        assert wrong.status_code == 403
    blocked = client.post(
        PROVISION, {"username": "alice", "password": "alice-password-1"}, format="json"
    )
    assert blocked.status_code == 429
    assert blocked.json()["detail"].startswith("Too many failed login attempts. Try again later.")
    assert int(blocked["Retry-After"]) >= 1
    # ... and so does the login page.
    assert log_in(Client(), "alice", "alice-password-1").status_code == 429


@pytest.fixture
def redis_cache(settings: Any) -> Iterator[tuple[redis.Redis, str]]:
    """The production cache (Redis at REDIS_URL) under a key prefix of this test's own."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": django_settings.REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    connection = redis.Redis.from_url(django_settings.REDIS_URL)
    yield connection, prefix
    keys = list(connection.scan_iter(f"{prefix}:*"))
    if keys:
        connection.delete(*keys)


def test_failures_are_counted_in_redis(
    redis_cache: tuple[redis.Redis, str], alice: User, settings: Any
) -> None:
    connection, prefix = redis_cache
    settings.LOGIN_RATE_LIMIT_ATTEMPTS = 2
    log_in(Client(), "alice", "wrong")
    log_in(Client(), "alice", "wrong")
    keys = {key.decode() for key in connection.scan_iter(f"{prefix}:*")}
    assert any(":login-failures:user:" in key for key in keys)
    assert any(":login-failures:address:127.0.0.1" in key for key in keys)
    # Every process shares the count: the limit holds for any client.
    assert log_in(Client(), "alice", "alice-password-1").status_code == 429


# --- password login switched off ---------------------------------------------------------


def test_local_login_can_be_disabled(browser: Client, alice: User, settings: Any) -> None:
    settings.LOCAL_LOGIN_ENABLED = False
    page = browser.get(LOGIN).content.decode()
    assert 'name="password"' not in page
    refused = browser.post(
        LOGIN,
        {"username": "alice", "password": "alice-password-1", "csrfmiddlewaretoken": ""},
    )
    assert refused.status_code == 403  # no CSRF token: refused before anything else
    response = Client().post(LOGIN, {"username": "alice", "password": "alice-password-1"})
    assert response.status_code == 403
    assert "Password login is disabled" in response.content.decode()
    provision = APIClient().post(
        PROVISION, {"username": "alice", "password": "alice-password-1"}, format="json"
    )
    assert provision.status_code == 403
    assert provision.json() == {"detail": "Password authentication is disabled."}
    # The backend itself refuses, so the admin (or any other caller) cannot use passwords.
    from django.contrib.auth import authenticate

    assert authenticate(None, username="alice", password="alice-password-1") is None
