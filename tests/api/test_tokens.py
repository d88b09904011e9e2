"""Token endpoints (facts §2.3, §9.41): provisioning, one-time plaintext, hashed storage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import user_with_permissions
from tests.conftest import make_token
from users.models import Token, User

PROVISION = "/api/users/tokens/provision/"
TOKENS = "/api/users/tokens/"
DENIED = {"detail": "You do not have permission to perform this action."}


@pytest.fixture
def alice(db: None) -> User:
    return User.objects.create_user("alice", password="alice-password-1")


def provision(body: object) -> tuple[int, object]:
    response = APIClient().post(PROVISION, body, format="json")
    return response.status_code, response.json()


def test_provision_returns_a_v2_token_once(alice: User) -> None:
    status, body = provision({"username": "alice", "password": "alice-password-1"})
    assert status == 201, body
    assert body["version"] == 2
    assert len(body["key"]) == 12 and body["key"].isalnum()
    assert len(body["token"]) == 40 and body["token"].isalnum()
    assert body["user"]["username"] == "alice"
    assert body["write_enabled"] is True and body["enabled"] is True

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer nbt_{body['key']}.{body['token']}")
    check = client.get("/api/authentication-check/")
    assert check.status_code == 200
    assert check.json()["username"] == "alice"


def test_provision_v1_token(alice: User) -> None:
    status, body = provision(
        {"username": "alice", "password": "alice-password-1", "version": 1, "description": "ci"}
    )
    assert status == 201, body
    assert body["version"] == 1 and body["key"] is None
    assert body["description"] == "ci"
    assert body["display"] == "*" * 34 + body["token"][-6:]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert client.get("/api/authentication-check/").status_code == 200


def test_provision_read_only_token(alice: User) -> None:
    status, body = provision(
        {"username": "alice", "password": "alice-password-1", "write_enabled": False}
    )
    assert status == 201
    assert Token.objects.get(pk=body["id"]).write_enabled is False


@pytest.mark.parametrize(
    "body",
    [
        {"username": "alice", "password": "wrong"},
        {"username": "nobody", "password": "alice-password-1"},
        {"username": "alice"},
        {},
    ],
)
def test_provision_with_bad_credentials_is_403(alice: User, body: dict) -> None:
    assert provision(body) == (403, {"detail": "Invalid username/password"})
    assert not Token.objects.exists()


def test_provision_for_inactive_user_is_403(db: None) -> None:
    User.objects.create_user("bob", password="bob-password-1", is_active=False)
    assert provision({"username": "bob", "password": "bob-password-1"})[0] == 403


@pytest.mark.parametrize("body", ['["alice"]', '"alice"', "5", "null"])
def test_provision_with_a_non_object_body_is_400(alice: User, body: str) -> None:
    response = APIClient().post(PROVISION, body, content_type="application/json")
    assert response.status_code == 400
    assert not Token.objects.exists()


def test_provision_validates_token_fields(alice: User) -> None:
    past = (timezone.now() - timedelta(days=1)).isoformat()
    status, body = provision({"username": "alice", "password": "alice-password-1", "expires": past})
    assert status == 400
    assert "expires" in body


def test_provision_ignores_a_bad_authorization_header(alice: User) -> None:
    response = APIClient().post(
        PROVISION,
        {"username": "alice", "password": "alice-password-1"},
        format="json",
        HTTP_AUTHORIZATION="Token not-a-token",
    )
    assert response.status_code == 201


def test_created_token_plaintext_is_never_shown_again(api: APIClient, admin_user: User) -> None:
    created = api.post(TOKENS, {"description": "new"}, format="json")
    assert created.status_code == 201
    plaintext = created.json()["token"]
    assert len(plaintext) == 40

    detail = api.get(created.json()["url"]).json()
    assert detail["token"] is None
    listed = api.get(TOKENS).json()["results"]
    assert all(item["token"] is None for item in listed)
    patched = api.patch(created.json()["url"], {"description": "renamed"}, format="json").json()
    assert patched["token"] is None
    assert plaintext not in str(api.get(TOKENS, {"brief": 1}).json())


def test_tokens_are_stored_hashed(admin_user: User) -> None:
    v1 = make_token(admin_user, version=1)
    v2 = make_token(admin_user, version=2)
    column_names = {field.column for field in Token._meta.concrete_fields}
    assert not column_names & {"token", "plaintext", "secret"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM users_token")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert v1.plaintext not in stored
    assert v2.plaintext not in stored


def test_client_chosen_plaintext_is_accepted_once(api: APIClient) -> None:
    chosen = "A" * 20 + "b" * 20
    created = api.post(TOKENS, {"version": 1, "token": chosen}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["token"] == chosen
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {chosen}")
    assert client.get(TOKENS).status_code == 200


def test_token_user_cannot_be_changed(api: APIClient, admin_user: User) -> None:
    other = User.objects.create_user("other", password="other-password-1")
    token = make_token(admin_user)
    response = api.patch(f"{TOKENS}{token.pk}/", {"user": other.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["user"]["id"] == admin_user.pk


def test_token_expiry_in_the_past_is_400(api: APIClient) -> None:
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    response = api.post(TOKENS, {"expires": past}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["expires"]


def test_token_version_is_a_raw_value(api: APIClient, admin_user: User) -> None:
    token = make_token(admin_user, version=1)
    assert api.get(f"{TOKENS}{token.pk}/").json()["version"] == 1


def test_token_allowed_ips_must_be_networks(api: APIClient) -> None:
    response = api.post(TOKENS, {"allowed_ips": ["10.0.0.0/8", "nonsense"]}, format="json")
    assert response.status_code == 400
    assert "allowed_ips" in response.json()


def test_authentication_check_returns_the_caller(api: APIClient, admin_user: User) -> None:
    response = api.get("/api/authentication-check/")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == admin_user.pk
    assert body["username"] == "admin"
    assert body["url"] == f"http://testserver/api/users/users/{admin_user.pk}/"
    assert "password" not in body


def test_authentication_check_without_credentials_is_403(anonymous: APIClient) -> None:
    response = anonymous.get("/api/authentication-check/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_authentication_check_is_403_even_without_login_required(
    anonymous: APIClient, settings: object
) -> None:
    settings.LOGIN_REQUIRED = False  # type: ignore[attr-defined]
    assert anonymous.get("/api/authentication-check/").status_code == 403


def test_unknown_pepper_is_400(api: APIClient) -> None:
    response = api.post(TOKENS, {"version": 2, "pepper_id": 99}, format="json")
    assert response.status_code == 400
    assert response.json() == {"pepper_id": ["Unknown pepper ID: 99"]}


# --- lifecycle through the API, revocation, scoping, last_used, preferences ----------


def bearer(header_value: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {header_value}")
    return client


def test_token_list_create_delete(api: APIClient, admin_user: User) -> None:
    created = api.post(
        TOKENS,
        {"description": "ci", "write_enabled": False, "allowed_ips": ["192.0.2.0/24"]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["write_enabled"] is False and body["allowed_ips"] == ["192.0.2.0/24"]
    listed = api.get(TOKENS, {"description": "ci"}).json()
    assert [item["id"] for item in listed["results"]] == [body["id"]]
    assert api.delete(f"{TOKENS}{body['id']}/").status_code == 204
    assert not Token.objects.filter(pk=body["id"]).exists()


def test_deleted_token_is_revoked_at_once(api: APIClient, admin_user: User) -> None:
    body = api.post(TOKENS, {"description": "short-lived"}, format="json").json()
    client = bearer(f"nbt_{body['key']}.{body['token']}")
    assert client.get("/api/dcim/sites/").status_code == 200
    assert api.delete(f"{TOKENS}{body['id']}/").status_code == 204
    response = client.get("/api/dcim/sites/")
    assert (response.status_code, response.json()) == (403, {"detail": "Invalid v2 token"})


def test_disabled_through_the_api_is_revoked(api: APIClient, admin_user: User) -> None:
    token = make_token(admin_user)
    assert api.patch(f"{TOKENS}{token.pk}/", {"enabled": False}, format="json").status_code == 200
    response = bearer(token.header_value).get("/api/dcim/sites/")
    assert (response.status_code, response.json()) == (403, {"detail": "Token disabled"})


def test_a_token_acts_with_its_users_permissions_only(db: None) -> None:
    user = user_with_permissions("reader", ["dcim.view_site", "users.view_token"])
    client = bearer(make_token(user).header_value)
    assert client.get("/api/dcim/sites/").status_code == 200
    refused = client.post("/api/dcim/sites/", {"name": "x", "slug": "x"}, format="json")
    assert (refused.status_code, refused.json()) == (403, DENIED)
    assert client.get("/api/ipam/prefixes/").status_code == 403
    # Creating a (more powerful) token needs the user's own add permission too.
    assert client.post(TOKENS, {}, format="json").status_code == 403


def token_updates(queries: CaptureQueriesContext) -> int:
    return sum(
        1 for query in queries.captured_queries if query["sql"].startswith("UPDATE users_token")
    )


def test_last_used_costs_one_write_a_minute_not_one_per_request(admin_user: User) -> None:
    token = make_token(admin_user)
    client = bearer(token.header_value)
    with CaptureQueriesContext(connection) as first:
        assert client.get("/api/users/config/").status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get("/api/users/config/").status_code == 200
    with CaptureQueriesContext(connection) as third:
        assert client.get("/api/users/config/").status_code == 200
    assert token_updates(first) == 1
    assert token_updates(second) == token_updates(third) == 0
    assert len(second) == len(third) == len(first) - 1

    # Once the recorded use is more than a minute old, the next request writes again.
    Token.objects.filter(pk=token.pk).update(last_used=timezone.now() - timedelta(seconds=61))
    with CaptureQueriesContext(connection) as later:
        client.get("/api/users/config/")
    assert token_updates(later) == 1


CONFIG = "/api/users/config/"


def test_user_config_starts_empty_and_deep_merges(api: APIClient, admin_user: User) -> None:
    assert api.get(CONFIG).json() == {}
    first = api.patch(
        CONFIG, {"tables": {"SiteTable": {"columns": ["name"]}}, "ui": "dark"}, format="json"
    )
    assert first.status_code == 200
    second = api.patch(
        CONFIG, {"tables": {"PrefixTable": {"columns": ["prefix"]}}, "ui": "light"}, format="json"
    )
    expected = {
        "tables": {"SiteTable": {"columns": ["name"]}, "PrefixTable": {"columns": ["prefix"]}},
        "ui": "light",
    }
    assert second.json() == expected
    assert api.get(CONFIG).json() == expected


def test_user_config_is_per_user(api: APIClient, db: None) -> None:
    api.patch(CONFIG, {"ui": "dark"}, format="json")
    other = user_with_permissions("other", [])
    assert bearer(make_token(other).header_value).get(CONFIG).json() == {}


def test_user_config_refusals(admin_user: User, anonymous: APIClient) -> None:
    assert anonymous.get(CONFIG).status_code == 403
    read_only = bearer(make_token(admin_user, write_enabled=False).header_value)
    assert read_only.get(CONFIG).status_code == 200
    refused = read_only.patch(CONFIG, {"ui": "dark"}, format="json")
    assert (refused.status_code, refused.json()) == (403, DENIED)
    writer = bearer(make_token(admin_user).header_value)
    bad = writer.patch(CONFIG, ["not", "an", "object"], format="json")
    assert bad.status_code == 400
    assert writer.get(CONFIG).json() == {}


def test_user_config_refuses_null_characters(api: APIClient) -> None:
    response = api.patch(CONFIG, {"name\x00": "x"}, format="json")
    assert response.status_code == 400
    assert api.patch(CONFIG, {"name": "a\x00b"}, format="json").status_code == 400


# --- the token cases in one place: each refused with 403 and NetBox's body ------


def refused_case(case: str, user: User) -> tuple[APIClient, str, dict[str, str]]:
    """A client in the given situation, the method it tries and the expected body."""
    if case == "read-only write":
        token = make_token(user, write_enabled=False)
        return bearer(token.header_value), "post", DENIED
    if case == "expired":
        token = make_token(user)
        Token.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
        return bearer(token.header_value), "get", {"detail": "Token expired"}
    if case == "wrong source address":
        token = make_token(user, allowed_ips=["192.0.2.0/24"])
        client = bearer(token.header_value)
        client.defaults["REMOTE_ADDR"] = "198.51.100.1"
        detail = "Source IP 198.51.100.1 is not permitted to authenticate using this token."
        return client, "get", {"detail": detail}
    if case == "revoked (deleted)":
        token = make_token(user)
        token.delete()
        return bearer(token.header_value), "get", {"detail": "Invalid v2 token"}
    token = make_token(user, enabled=False)  # revoked (disabled)
    return bearer(token.header_value), "get", {"detail": "Token disabled"}


@pytest.mark.parametrize(
    "case",
    [
        "read-only write",
        "expired",
        "wrong source address",
        "revoked (deleted)",
        "revoked (disabled)",
    ],
)
def test_refused_tokens_are_403(admin_user: User, case: str) -> None:
    client, method, body = refused_case(case, admin_user)
    response = getattr(client, method)(
        "/api/dcim/sites/", {"name": "S", "slug": "s"}, format="json"
    )
    assert (response.status_code, response.json()) == (403, body)
    assert response.headers["API-Version"] == "4.6"
