"""Token authentication (facts §2.1): header formats, failures and their 403 messages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.conftest import make_token
from users.models import Token, User

SITES = "/api/dcim/sites/"
MALFORMED = (
    'Invalid authorization header: Must be in the form "Bearer <key>.<token>" or "Token <token>"'
)


def get_with(header: str, path: str = SITES, **extra: str) -> tuple[int, dict]:
    response = APIClient().get(path, HTTP_AUTHORIZATION=header, **extra)
    return response.status_code, response.json()


@pytest.fixture
def v1_token(admin_user: User) -> Token:
    return make_token(admin_user, version=1)


@pytest.fixture
def v2_token(admin_user: User) -> Token:
    return make_token(admin_user, version=2)


@pytest.mark.parametrize("keyword", ["Token", "Bearer", "token", "BEARER"])
def test_v1_token_is_accepted_with_either_keyword(v1_token: Token, keyword: str) -> None:
    status, body = get_with(f"{keyword} {v1_token.plaintext}")
    assert status == 200, body
    assert body["count"] == 0


@pytest.mark.parametrize("keyword", ["Bearer", "Token"])
def test_v2_token_is_accepted_with_either_keyword(v2_token: Token, keyword: str) -> None:
    assert v2_token.key and len(v2_token.key) == 12
    status, body = get_with(f"{keyword} nbt_{v2_token.key}.{v2_token.plaintext}")
    assert status == 200, body


@pytest.mark.parametrize(
    "header",
    ["Token", "Bearer", "Token a b", "Bearer nbt_x.y extra"],
)
def test_header_with_wrong_number_of_parts_is_403(db: None, header: str) -> None:
    assert get_with(header) == (403, {"detail": MALFORMED})


@pytest.mark.parametrize("header", ["   ", "\t"])
def test_blank_header_counts_as_no_credentials(db: None, header: str) -> None:
    status, body = get_with(header)
    assert (status, body) == (403, {"detail": "Authentication credentials were not provided."})


def test_v2_token_without_dot_is_403(db: None) -> None:
    status, body = get_with("Bearer nbt_abcdefabcdef")
    assert status == 403
    assert body == {
        "detail": "Invalid authorization header: Could not parse key from v2 token. "
        "Did you mean to use 'Token' instead of 'Bearer'?"
    }


def test_unknown_v1_token_is_403(db: None) -> None:
    assert get_with("Token " + "a" * 40) == (403, {"detail": "Invalid v1 token"})


def test_wrong_v2_secret_is_403(v2_token: Token) -> None:
    assert get_with(f"Bearer nbt_{v2_token.key}.{'x' * 40}") == (
        403,
        {"detail": "Invalid v2 token"},
    )


def test_unknown_v2_key_is_403(db: None) -> None:
    assert get_with(f"Bearer nbt_{'k' * 12}.{'x' * 40}") == (403, {"detail": "Invalid v2 token"})


def test_v1_plaintext_is_not_a_v2_secret(v1_token: Token) -> None:
    # A v1 token's plaintext cannot be replayed inside a v2 header.
    status, _ = get_with(f"Bearer nbt_{'k' * 12}.{v1_token.plaintext}")
    assert status == 403


def test_other_schemes_are_not_credentials(db: None) -> None:
    status, body = get_with("Basic dXNlcjpwYXNz")
    assert (status, body) == (403, {"detail": "Authentication credentials were not provided."})


def test_no_credentials_is_403(db: None) -> None:
    response = APIClient().get(SITES)
    assert response.status_code == 403
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response.headers["API-Version"] == "4.6"


def test_disabled_token_is_403(admin_user: User) -> None:
    token = make_token(admin_user, enabled=False)
    assert get_with(f"Bearer {token.header_value}") == (403, {"detail": "Token disabled"})


def test_expired_token_is_403(admin_user: User) -> None:
    token = make_token(admin_user)
    Token.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(minutes=1))
    assert get_with(f"Bearer {token.header_value}") == (403, {"detail": "Token expired"})


def test_token_expiring_later_is_accepted(admin_user: User) -> None:
    token = make_token(admin_user, expires=timezone.now() + timedelta(days=1))
    assert get_with(f"Bearer {token.header_value}")[0] == 200


def test_inactive_user_is_403(db: None) -> None:
    user = User.objects.create_user("sleeper", password="sleeper-password", is_active=False)
    token = make_token(user)
    assert get_with(f"Bearer {token.header_value}") == (403, {"detail": "User inactive"})


def test_disabled_is_checked_before_expiry(admin_user: User) -> None:
    token = make_token(admin_user, enabled=False)
    Token.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(minutes=1))
    assert get_with(f"Bearer {token.header_value}")[1] == {"detail": "Token disabled"}


@pytest.fixture
def restricted(admin_user: User) -> Token:
    return make_token(admin_user, allowed_ips=["192.0.2.0/24", "2001:db8::/64"])


def denied(address: str) -> dict[str, str]:
    return {"detail": f"Source IP {address} is not permitted to authenticate using this token."}


def test_allowed_ips_uses_remote_addr(restricted: Token) -> None:
    header = f"Bearer {restricted.header_value}"
    assert get_with(header, REMOTE_ADDR="192.0.2.10")[0] == 200
    assert get_with(header, REMOTE_ADDR="198.51.100.1") == (403, denied("198.51.100.1"))
    assert get_with(header, REMOTE_ADDR="2001:db8::5")[0] == 200


def test_forwarded_for_is_ignored_from_an_untrusted_peer(restricted: Token) -> None:
    # Anyone can send X-Forwarded-For; only a trusted proxy's word counts.
    header = f"Bearer {restricted.header_value}"
    status, body = get_with(header, REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert (status, body) == (403, denied("198.51.100.1"))


def test_forwarded_for_from_a_trusted_proxy_names_the_client(restricted: Token) -> None:
    # REMOTE_ADDR 127.0.0.1 is a trusted proxy by default; the client spoofs a left entry.
    header = f"Bearer {restricted.header_value}"
    assert get_with(header, HTTP_X_FORWARDED_FOR="192.0.2.10")[0] == 200
    status, body = get_with(header, HTTP_X_FORWARDED_FOR="192.0.2.10, 203.0.113.9")
    assert (status, body) == (403, denied("203.0.113.9"))


def test_forwarded_for_skips_every_trusted_proxy(restricted: Token, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.0/8", "10.0.0.0/8"]
    header = f"Bearer {restricted.header_value}"
    chain = "203.0.113.1, 192.0.2.99, 10.1.1.1"
    assert get_with(header, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=chain)[0] == 200


def test_client_ip_header_can_be_x_real_ip(restricted: Token, settings: Any) -> None:
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    header = f"Bearer {restricted.header_value}"
    assert get_with(header, HTTP_X_REAL_IP="192.0.2.10", HTTP_X_FORWARDED_FOR="1.1.1.1")[0] == 200
    status, body = get_with(header, HTTP_X_REAL_IP="203.0.113.9")
    assert (status, body) == (403, denied("203.0.113.9"))


def test_no_trusted_proxies_means_the_connection_address(restricted: Token, settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    header = f"Bearer {restricted.header_value}"
    status, body = get_with(header, HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert (status, body) == (403, denied("127.0.0.1"))


def test_allowed_ips_rejects_an_unparsable_client_address(restricted: Token) -> None:
    status, body = get_with(f"Bearer {restricted.header_value}", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert (status, body) == (403, denied("not-an-ip"))


def test_authentication_failure_carries_api_headers(db: None) -> None:
    response = APIClient().get(SITES, HTTP_AUTHORIZATION="Token " + "b" * 40)
    assert response.status_code == 403
    assert response.headers["API-Version"] == "4.6"
    assert response.headers["X-Request-ID"]


def test_session_login_works_for_the_api(admin_user: User) -> None:
    client = APIClient()
    client.force_login(admin_user)
    assert client.get(SITES).status_code == 200


def test_last_used_is_recorded(admin_user: User) -> None:
    token = make_token(admin_user)
    assert token.last_used is None
    get_with(f"Bearer {token.header_value}")
    token.refresh_from_db()
    assert token.last_used is not None


def test_last_used_is_written_at_most_once_a_minute(admin_user: User) -> None:
    token = make_token(admin_user)
    recent = timezone.now() - timedelta(seconds=30)
    Token.objects.filter(pk=token.pk).update(last_used=recent)
    get_with(f"Bearer {token.header_value}")
    token.refresh_from_db()
    assert token.last_used == recent

    stale = timezone.now() - timedelta(seconds=90)
    Token.objects.filter(pk=token.pk).update(last_used=stale)
    get_with(f"Bearer {token.header_value}")
    token.refresh_from_db()
    assert token.last_used > stale


@pytest.mark.parametrize("key", ["\x00" * 12, "ключ" * 3, ""])
def test_v2_key_outside_the_token_alphabet_is_invalid(db: None, key: str) -> None:
    assert get_with(f"Bearer nbt_{key}.{'x' * 40}") == (403, {"detail": "Invalid v2 token"})
