"""Users and groups endpoints (facts §9.39-§9.40)."""

from __future__ import annotations

from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from tests.api.conftest import user_with_permissions
from tests.conftest import client_for, make_token
from users.models import User

USERS = "/api/users/users/"


def test_create_user_hashes_the_password(api: APIClient) -> None:
    response = api.post(
        USERS,
        {
            "username": "jane",
            "password": "a-long-password",
            "first_name": "Jane",
            "last_name": "Doe",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert "password" not in body
    assert body["display"] == "jane (Jane Doe)"
    assert "is_superuser" not in body and "is_staff" not in body
    user = User.objects.get(username="jane")
    assert user.check_password("a-long-password")
    assert user.password != "a-long-password"


def test_password_is_required_and_validated(api: APIClient) -> None:
    missing = api.post(USERS, {"username": "jane"}, format="json")
    assert missing.status_code == 400 and list(missing.json()) == ["password"]
    short = api.post(USERS, {"username": "jane", "password": "short"}, format="json")
    assert short.status_code == 400 and list(short.json()) == ["password"]
    assert not User.objects.filter(username="jane").exists()


def test_password_can_be_changed(api: APIClient) -> None:
    user = User.objects.create_user("jane", password="first-password")
    response = api.patch(f"{USERS}{user.pk}/", {"password": "second-password"}, format="json")
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password("second-password")


def test_groups_by_id(api: APIClient) -> None:
    ops = Group.objects.create(name="ops")
    response = api.post(
        USERS,
        {"username": "jane", "password": "a-long-password", "groups": [ops.pk]},
        format="json",
    )
    assert response.status_code == 201
    assert [group["name"] for group in response.json()["groups"]] == ["ops"]
    group = api.get(f"/api/users/groups/{ops.pk}/").json()
    assert group["user_count"] == 1


def test_user_filters(api: APIClient) -> None:
    ops = Group.objects.create(name="ops")
    jane = User.objects.create_user("jane", email="jane@example.com", password="x-password-1")
    jane.groups.add(ops)
    User.objects.create_user("john", password="x-password-1")

    def names(**params: object) -> list[str]:
        return [user["username"] for user in api.get(USERS, params).json()["results"]]

    assert names(group_id=ops.pk) == ["jane"]
    assert names(group="ops") == ["jane"]
    assert names(q="jane@") == ["jane"]
    assert names(username__isw="jo") == ["john"]
    assert names(ordering="-username") == ["john", "jane", "admin"]


def test_brief_user(api: APIClient) -> None:
    body = api.get(USERS, {"brief": 1}).json()["results"][0]
    assert list(body) == ["id", "url", "display", "username"]


def test_tokens_for_others_need_the_grant_permission(db: None) -> None:
    user = user_with_permissions("maker", ["users.add_token", "users.view_token"])
    other = User.objects.create_user("other", password="x-password-1")
    client = client_for(make_token(user))
    refused = client.post("/api/users/tokens/", {"user": other.pk}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"user": ["You may only create tokens for yourself."]}
    own = client.post("/api/users/tokens/", {"description": "mine"}, format="json")
    assert own.status_code == 201
    assert own.json()["user"]["username"] == "maker"
