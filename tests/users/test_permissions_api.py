"""/api/users/permissions/ (facts §9.42) and the `permissions` of users and groups."""

from __future__ import annotations

from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from tests.users.conftest import grant, plain_user
from users.models import ObjectPermission, User

PERMISSIONS = "/api/users/permissions/"


def test_create_and_read_a_permission(api: APIClient, db: None) -> None:
    user = plain_user("alice")
    group = Group.objects.create(name="netops")
    body = {
        "name": "Tenant one prefixes",
        "object_types": ["ipam.prefix", "ipam.ipaddress"],
        "actions": ["view", "change", "render_config"],
        "constraints": [{"tenant__slug": "one"}, {"status": "reserved", "vrf": None}],
        "users": [user.pk],
        "groups": [group.pk],
    }
    response = api.post(PERMISSIONS, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["enabled"] is True
    assert data["object_types"] == ["ipam.ipaddress", "ipam.prefix"]
    assert data["actions"] == ["view", "change", "render_config"]
    assert data["constraints"] == body["constraints"]
    assert data["url"].endswith(f"{PERMISSIONS}{data['id']}/")
    assert data["display"] == "Tenant one prefixes"
    assert [set(item) for item in data["users"]] == [
        {"id", "url", "display_url", "display", "username"}
    ]
    assert data["groups"][0]["name"] == "netops"
    assert set(data["groups"][0]) == {"id", "url", "display_url", "display", "name"}

    brief = api.get(f"{PERMISSIONS}?brief=1").json()["results"][0]
    assert set(brief) == {
        "id",
        "url",
        "display",
        "name",
        "description",
        "enabled",
        "object_types",
        "actions",
    }


def test_invalid_constraints_are_a_400_on_constraints(api: APIClient, db: None) -> None:
    base = {"name": "Bad", "object_types": ["dcim.site"], "actions": ["view"]}
    for constraints in (
        {"no_such_field": 1},
        {"tenant__nonsense": "x"},
        [{"name": "ok"}, {"bogus__exact": 2}],
        {"id": "not-a-number"},
        "a string",
        [1, 2],
        {"name": "nul\u0000"},
    ):
        response = api.post(PERMISSIONS, {**base, "constraints": constraints}, format="json")
        assert response.status_code == 400, constraints
        assert list(response.json()) == ["constraints"], response.json()
    assert not ObjectPermission.objects.exists()


def test_constraints_are_checked_against_every_object_type(api: APIClient, db: None) -> None:
    # `slug` is a site field but not a prefix field.
    body = {
        "name": "x",
        "object_types": ["dcim.site", "ipam.prefix"],
        "actions": ["view"],
        "constraints": {"slug": "dc1"},
    }
    response = api.post(PERMISSIONS, body, format="json")
    assert response.status_code == 400
    assert "ipam.prefix" in response.json()["constraints"][0]


def test_user_token_is_accepted_in_constraints(api: APIClient, db: None) -> None:
    body = {
        "name": "own tokens",
        "object_types": ["users.token"],
        "actions": ["view"],
        "constraints": {"user": "$user"},
    }
    assert api.post(PERMISSIONS, body, format="json").status_code == 201


def test_patch_object_types_revalidates_stored_constraints(api: APIClient, db: None) -> None:
    permission = grant(types=["dcim.site"], actions=["view"], constraints={"slug": "dc1"})
    response = api.patch(
        f"{PERMISSIONS}{permission.pk}/", {"object_types": ["ipam.vrf"]}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["constraints"]


def test_required_fields_and_blank_actions(api: APIClient, db: None) -> None:
    response = api.post(PERMISSIONS, {"name": "x"}, format="json")
    assert response.status_code == 400
    assert {"object_types", "actions"} <= set(response.json())
    response = api.post(
        PERMISSIONS,
        {"name": "x", "object_types": ["dcim.site"], "actions": [""]},
        format="json",
    )
    assert response.status_code == 400
    assert "actions" in response.json()
    response = api.post(
        PERMISSIONS,
        {"name": "x", "object_types": ["nope.nothing"], "actions": ["view"]},
        format="json",
    )
    assert response.status_code == 400
    assert "object_types" in response.json()


def test_filters(api: APIClient, db: None) -> None:
    alice = plain_user("alice")
    group = Group.objects.create(name="netops")
    sites = grant(alice, types=["dcim.site"], actions=["view", "add"], name="sites")
    prefixes = grant(group, types=["ipam.prefix"], actions=["change"], name="prefixes")
    off = grant(types=["ipam.vrf"], actions=["view"], enabled=False, name="off")

    def ids(**params: object) -> list[int]:
        response = api.get(PERMISSIONS, params)
        assert response.status_code == 200, response.json()
        return sorted(row["id"] for row in response.json()["results"])

    assert ids(can_view="true") == sorted([sites.pk, off.pk])
    assert ids(can_view="false") == [prefixes.pk]
    assert ids(can_change="true") == [prefixes.pk]
    assert ids(object_type="ipam.prefix") == [prefixes.pk]
    assert ids(user_id=alice.pk) == [sites.pk]
    assert ids(user="alice") == [sites.pk]
    assert ids(group="netops") == [prefixes.pk]
    assert ids(group_id=group.pk) == [prefixes.pk]
    assert ids(enabled="false") == [off.pk]
    assert ids(q="prefix") == [prefixes.pk]


def test_user_and_group_permissions_fields(api: APIClient, db: None) -> None:
    permission = grant(types=["dcim.site"], actions=["view"], name="sites")
    response = api.post(
        "/api/users/users/",
        {"username": "bob", "password": "Secret-bob-password-1", "permissions": [permission.pk]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    user = response.json()
    assert [item["id"] for item in user["permissions"]] == [permission.pk]
    assert set(user["permissions"][0]) >= {"id", "url", "display", "name", "actions"}
    assert list(User.objects.get(username="bob").object_permissions.all()) == [permission]

    response = api.post(
        "/api/users/groups/", {"name": "ops", "permissions": [permission.pk]}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert [item["id"] for item in response.json()["permissions"]] == [permission.pk]
    group_id = response.json()["id"]
    assert api.get("/api/users/groups/", {"permission_id": permission.pk}).json()["count"] == 1
    assert api.get("/api/users/users/", {"permission_id": permission.pk}).json()["count"] == 1

    response = api.patch(f"/api/users/groups/{group_id}/", {"permissions": []}, format="json")
    assert response.json()["permissions"] == []
    assert not permission.groups.exists()
