"""Object permissions enforced over several models and interfaces (issue 5): a user allowed
only the objects of one tenant sees and touches exactly those, in lists, counts, details,
brief lists, available-ips, single and bulk writes; everything else is a 403 or 404 and
changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from dcim.models import Site
from ipam.models import IPAddress, Prefix
from ipamcore.permissions import restrict
from tenancy.models import Tenant
from tests.api.conftest import user_with_permissions
from tests.users.conftest import client_of, grant, plain_user
from users.models import User
from virtualization.models import VirtualMachine

PREFIXES = "/api/ipam/prefixes/"
ADDRESSES = "/api/ipam/ip-addresses/"
SITES = "/api/dcim/sites/"
VMS = "/api/virtualization/virtual-machines/"
DENIED = {"detail": "You do not have permission to perform this action."}


@pytest.fixture
def world(api: APIClient) -> dict[str, Any]:
    """Two tenants, each with a site, a prefix, an address and a VM; plus untenanted ones."""
    one = Tenant.objects.create(name="One", slug="one")
    two = Tenant.objects.create(name="Two", slug="two")
    objects: dict[str, Any] = {"one": one, "two": two}
    for tenant, octet in ((one, 1), (two, 2), (None, 3)):
        key = tenant.slug if tenant else "none"
        tenant_id = tenant.pk if tenant else None
        prefix = api.post(
            PREFIXES, {"prefix": f"10.{octet}.0.0/24", "tenant": tenant_id}, format="json"
        )
        assert prefix.status_code == 201, prefix.json()
        address = api.post(
            ADDRESSES, {"address": f"10.{octet}.0.10/24", "tenant": tenant_id}, format="json"
        )
        assert address.status_code == 201, address.json()
        objects[f"prefix_{key}"] = Prefix.objects.get(pk=prefix.json()["id"])
        objects[f"ip_{key}"] = IPAddress.objects.get(pk=address.json()["id"])
        site = Site.objects.create(name=f"Site {key}", slug=f"site-{key}", tenant=tenant)
        objects[f"site_{key}"] = site
        objects[f"vm_{key}"] = VirtualMachine.objects.create(
            name=f"vm-{key}", site=site, tenant=tenant
        )
    return objects


ONE = {"tenant__slug": "one"}


def listed(client: APIClient, path: str, **params: Any) -> tuple[int, list[int]]:
    response = client.get(path, params)
    assert response.status_code == 200, response.json()
    body = response.json()
    return body["count"], sorted(row["id"] for row in body["results"])


# --- reading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "label", "key"),
    [
        (PREFIXES, "ipam.prefix", "prefix"),
        (ADDRESSES, "ipam.ipaddress", "ip"),
        (SITES, "dcim.site", "site"),
        (VMS, "virtualization.virtualmachine", "vm"),
    ],
)
def test_view_constraint_narrows_lists_counts_details_and_brief(
    world: dict[str, Any], path: str, label: str, key: str
) -> None:
    user = plain_user("viewer")
    grant(user, types=[label], actions=["view"], constraints=ONE)
    client = client_of(user)
    allowed, hidden = world[f"{key}_one"], world[f"{key}_two"]
    assert listed(client, path) == (1, [allowed.pk])
    assert listed(client, path, brief=1) == (1, [allowed.pk])
    assert listed(client, path, limit=1, offset=0) == (1, [allowed.pk])
    assert listed(client, path, tenant="two") == (0, [])
    assert client.get(f"{path}{allowed.pk}/").status_code == 200
    response = client.get(f"{path}{hidden.pk}/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_no_permission_on_a_model_is_a_403(world: dict[str, Any]) -> None:
    user = plain_user("viewer")
    grant(user, types=["ipam.prefix"], actions=["view"], constraints=ONE)
    response = client_of(user).get(SITES)
    assert response.status_code == 403
    assert response.json() == DENIED


def test_constraints_and_within_a_dict_or_across_dicts_and_permissions(
    world: dict[str, Any],
) -> None:
    user = plain_user("viewer")
    grant(user, types=["ipam.prefix"], actions=["view"], constraints={**ONE, "status": "reserved"})
    client = client_of(user)
    assert listed(client, PREFIXES) == (0, [])  # AND: tenant one, but not reserved
    grant(user, types=["ipam.prefix"], actions=["view"], constraints=[ONE, {"tenant": None}])
    expected = sorted([world["prefix_one"].pk, world["prefix_none"].pk])
    assert listed(client, PREFIXES) == (2, expected)
    grant(user, types=["ipam.prefix"], actions=["view"], constraints={"tenant__slug": "two"})
    assert listed(client, PREFIXES)[0] == 3


def test_multi_valued_constraint_lists_each_object_once(
    api: APIClient, world: dict[str, Any]
) -> None:
    for name in ("red", "blue"):
        response = api.post("/api/extras/tags/", {"name": name, "slug": name}, format="json")
        assert response.status_code == 201
    prefix = world["prefix_one"]
    tags = [{"slug": "red"}, {"slug": "blue"}]
    assert api.patch(f"{PREFIXES}{prefix.pk}/", {"tags": tags}, format="json").status_code == 200
    user = plain_user("viewer")
    grant(
        user,
        types=["ipam.prefix"],
        actions=["view"],
        constraints={"tagged_items__tag__slug__in": ["red", "blue"]},
    )
    assert listed(client_of(user), PREFIXES) == (1, [prefix.pk])


def test_user_token_in_constraints(world: dict[str, Any]) -> None:
    alice, bob = plain_user("alice"), plain_user("bob")
    grant(alice, bob, types=["users.user"], actions=["view"], constraints={"id": "$user"})
    assert listed(client_of(alice), "/api/users/users/") == (1, [alice.pk])
    assert listed(client_of(bob), "/api/users/users/") == (1, [bob.pk])


def test_group_assigned_permission(world: dict[str, Any]) -> None:
    user = plain_user("member")
    group = Group.objects.create(name="netops")
    user.groups.add(group)
    grant(group, types=["ipam.prefix"], actions=["view"], constraints=ONE)
    assert listed(client_of(user), PREFIXES) == (1, [world["prefix_one"].pk])
    outsider = plain_user("outsider")
    assert client_of(outsider).get(PREFIXES).status_code == 403


def test_disabled_permission_grants_nothing(world: dict[str, Any]) -> None:
    user = plain_user("viewer")
    grant(user, types=["ipam.prefix"], actions=["view"], enabled=False)
    assert client_of(user).get(PREFIXES).status_code == 403
    grant(user, types=["ipam.prefix"], actions=["view"], constraints=ONE)
    assert listed(client_of(user), PREFIXES) == (1, [world["prefix_one"].pk])


def test_unconstrained_permission_and_model_permission_grant_everything(
    world: dict[str, Any],
) -> None:
    user = plain_user("viewer")
    grant(user, types=["ipam.prefix"], actions=["view"], constraints=ONE)
    grant(user, types=["ipam.prefix"], actions=["view"], constraints=None)
    assert listed(client_of(user), PREFIXES)[0] == 3
    django_user = user_with_permissions("django", ["ipam.view_prefix"])
    assert listed(client_of(django_user), PREFIXES)[0] == 3


def test_custom_actions(world: dict[str, Any]) -> None:
    user = plain_user("operator")
    grant(user, types=["virtualization.virtualmachine"], actions=["render_config"], constraints=ONE)
    user = User.objects.get(pk=user.pk)
    everything = VirtualMachine.objects.all()
    assert list(restrict(everything, user, "render_config")) == [world["vm_one"]]
    assert not restrict(everything, user, "view").exists()
    assert not restrict(everything, user, "sync").exists()


def test_restrict_answers_the_same_for_every_interface(world: dict[str, Any]) -> None:
    """GraphQL resolvers call restrict(); anonymous and inactive users get nothing."""
    from django.contrib.auth.models import AnonymousUser

    user = plain_user("viewer")
    grant(user, types=["ipam.prefix"], actions=["view"], constraints=ONE)
    fresh = User.objects.get(pk=user.pk)
    assert list(restrict(Prefix.objects.all(), fresh, "view")) == [world["prefix_one"]]
    assert not restrict(Prefix.objects.all(), AnonymousUser(), "view").exists()
    fresh.is_active = False
    assert not restrict(Prefix.objects.all(), fresh, "view").exists()


def test_attribute_lookups_only_match_viewable_objects(world: dict[str, Any]) -> None:
    user = plain_user("writer")
    grant(user, types=["ipam.prefix"], actions=["view", "add"])
    grant(user, types=["tenancy.tenant"], actions=["view"], constraints={"slug": "one"})
    client = client_of(user)
    hidden = client.post(
        PREFIXES, {"prefix": "10.9.0.0/24", "tenant": {"slug": "two"}}, format="json"
    )
    assert hidden.status_code == 400
    assert "tenant" in hidden.json()
    visible = client.post(
        PREFIXES, {"prefix": "10.9.0.0/24", "tenant": {"slug": "one"}}, format="json"
    )
    assert visible.status_code == 201, visible.json()


# --- writing --------------------------------------------------------------------------------


@pytest.fixture
def writer(world: dict[str, Any]) -> APIClient:
    """May view every prefix but add, change and delete only tenant one's."""
    user = plain_user("writer")
    grant(user, types=["ipam.prefix"], actions=["view"])
    grant(user, types=["ipam.prefix"], actions=["add", "change", "delete"], constraints=ONE)
    return client_of(user)


def test_create_inside_and_outside_the_constraint(writer: APIClient, world: dict[str, Any]) -> None:
    before = Prefix.objects.count()
    inside = writer.post(
        PREFIXES, {"prefix": "10.8.0.0/24", "tenant": world["one"].pk}, format="json"
    )
    assert inside.status_code == 201, inside.json()
    outside = writer.post(
        PREFIXES, {"prefix": "10.7.0.0/24", "tenant": world["two"].pk}, format="json"
    )
    assert outside.status_code == 403
    assert outside.json() == DENIED
    bare = writer.post(PREFIXES, {"prefix": "10.6.0.0/24"}, format="json")
    assert bare.status_code == 403
    assert Prefix.objects.count() == before + 1


def test_bulk_create_is_all_or_nothing(writer: APIClient, world: dict[str, Any]) -> None:
    before = Prefix.objects.count()
    response = writer.post(
        PREFIXES,
        [
            {"prefix": "10.8.0.0/24", "tenant": world["one"].pk},
            {"prefix": "10.7.0.0/24", "tenant": world["two"].pk},
        ],
        format="json",
    )
    assert response.status_code == 403
    assert Prefix.objects.count() == before


def test_update_inside_outside_and_moving_out_of_scope(
    writer: APIClient, world: dict[str, Any]
) -> None:
    mine, theirs = world["prefix_one"], world["prefix_two"]
    ok = writer.patch(f"{PREFIXES}{mine.pk}/", {"description": "ok"}, format="json")
    assert ok.status_code == 200
    response = writer.patch(f"{PREFIXES}{theirs.pk}/", {"description": "no"}, format="json")
    assert response.status_code == 403
    assert response.json() == DENIED
    moved = writer.patch(f"{PREFIXES}{mine.pk}/", {"tenant": world["two"].pk}, format="json")
    assert moved.status_code == 403
    put = writer.put(
        f"{PREFIXES}{mine.pk}/", {"prefix": "10.1.0.0/24", "tenant": None}, format="json"
    )
    assert put.status_code == 403
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.tenant_id, mine.description) == (world["one"].pk, "ok")
    assert theirs.description == ""


def test_invisible_objects_are_404_on_write(world: dict[str, Any]) -> None:
    user = plain_user("writer")
    grant(user, types=["ipam.prefix"], actions=["view", "change", "delete"], constraints=ONE)
    client = client_of(user)
    theirs = world["prefix_two"]
    assert (
        client.patch(f"{PREFIXES}{theirs.pk}/", {"description": "x"}, format="json").status_code
        == 404
    )
    assert client.delete(f"{PREFIXES}{theirs.pk}/").status_code == 404
    assert Prefix.objects.filter(pk=theirs.pk).exists()


def test_bulk_update_and_moving_out_are_all_or_nothing(
    writer: APIClient, world: dict[str, Any]
) -> None:
    mine, theirs = world["prefix_one"], world["prefix_two"]
    response = writer.patch(
        PREFIXES,
        [{"id": mine.pk, "description": "a"}, {"id": theirs.pk, "description": "b"}],
        format="json",
    )
    assert response.status_code == 403
    response = writer.patch(
        PREFIXES, [{"id": mine.pk, "description": "a", "tenant": world["two"].pk}], format="json"
    )
    assert response.status_code == 403
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.description, mine.tenant_id, theirs.description) == ("", world["one"].pk, "")
    ok = writer.patch(PREFIXES, [{"id": mine.pk, "description": "a"}], format="json")
    assert ok.status_code == 200, ok.json()


def test_delete_and_bulk_delete(writer: APIClient, world: dict[str, Any]) -> None:
    mine, theirs = world["prefix_one"], world["prefix_two"]
    assert writer.delete(f"{PREFIXES}{theirs.pk}/").status_code == 403
    response = writer.delete(PREFIXES, [{"id": mine.pk}, {"id": theirs.pk}], format="json")
    assert response.status_code == 403
    assert Prefix.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2
    assert writer.delete(PREFIXES, [{"id": mine.pk}], format="json").status_code == 204
    assert not Prefix.objects.filter(pk=mine.pk).exists()


def test_writes_on_other_models(world: dict[str, Any]) -> None:
    user = plain_user("writer")
    for label in ("dcim.site", "virtualization.virtualmachine", "ipam.ipaddress"):
        grant(user, types=[label], actions=["view", "add", "change", "delete"], constraints=ONE)
    client = client_of(user)
    site_two, vm_two, ip_two = world["site_two"], world["vm_two"], world["ip_two"]
    assert (
        client.patch(f"{SITES}{site_two.pk}/", {"description": "x"}, format="json").status_code
        == 404
    )
    response = client.patch(
        f"{VMS}{world['vm_one'].pk}/", {"tenant": world["two"].pk}, format="json"
    )
    assert response.status_code == 403
    response = client.post(
        ADDRESSES, {"address": "10.1.0.20/24", "tenant": world["two"].pk}, format="json"
    )
    assert response.status_code == 403
    assert not IPAddress.objects.filter(address="10.1.0.20/24").exists()
    vm_two.refresh_from_db()
    assert VirtualMachine.objects.get(pk=world["vm_one"].pk).tenant_id == world["one"].pk
    assert client.delete(f"{ADDRESSES}{ip_two.pk}/").status_code == 404


# --- available-ips ----------------------------------------------------------------------------


def test_available_ips_follow_parent_and_child_permissions(world: dict[str, Any]) -> None:
    user = plain_user("allocator")
    grant(user, types=["ipam.prefix"], actions=["view"], constraints=ONE)
    grant(user, types=["ipam.ipaddress"], actions=["view", "add"], constraints=ONE)
    client = client_of(user)
    mine, theirs = world["prefix_one"], world["prefix_two"]
    assert client.get(f"{PREFIXES}{theirs.pk}/available-ips/").status_code == 404
    assert (
        client.post(f"{PREFIXES}{theirs.pk}/available-ips/", {}, format="json").status_code == 404
    )
    free = client.get(f"{PREFIXES}{mine.pk}/available-ips/", {"limit": 2})
    assert free.status_code == 200
    assert [item["address"] for item in free.json()] == ["10.1.0.1/24", "10.1.0.2/24"]

    before = IPAddress.objects.count()
    refused = client.post(f"{PREFIXES}{mine.pk}/available-ips/", {}, format="json")
    assert refused.status_code == 403  # an untenanted address is outside the add constraint
    refused = client.post(
        f"{PREFIXES}{mine.pk}/available-ips/",
        [{"tenant": world["one"].pk}, {"tenant": world["two"].pk}],
        format="json",
    )
    assert refused.status_code == 403
    assert IPAddress.objects.count() == before
    created = client.post(
        f"{PREFIXES}{mine.pk}/available-ips/", {"tenant": world["one"].pk}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["address"] == "10.1.0.1/24"


# --- related counts -------------------------------------------------------------------------


def test_related_counts_count_only_viewable_objects(api: APIClient, world: dict[str, Any]) -> None:
    """Unlike NetBox (its issue 16093), a tenant's prefix_count agrees with the user's list."""
    user = plain_user("viewer")
    grant(user, types=["tenancy.tenant"], actions=["view"])
    grant(user, types=["ipam.prefix"], actions=["view"], constraints={"tenant__slug": "two"})
    client = client_of(user)

    def counts(who: APIClient) -> dict[str, tuple[int, int]]:
        rows = who.get("/api/tenancy/tenants/").json()["results"]
        return {row["slug"]: (row["prefix_count"], row["site_count"]) for row in rows}

    assert counts(api) == {"one": (1, 1), "two": (1, 1)}
    # Prefixes: only tenant two's are visible; sites: no permission at all.
    assert counts(client) == {"one": (0, 0), "two": (1, 0)}
    detail = client.get(f"/api/tenancy/tenants/{world['two'].pk}/").json()
    assert detail["prefix_count"] == 1


# --- devices and their interfaces -----------------------------------------------------------


def test_devices_and_interfaces_of_one_site(world: dict[str, Any]) -> None:
    from dcim.models import Device, DeviceRole, DeviceType, Interface, Manufacturer

    maker = Manufacturer.objects.create(name="Acme", slug="acme")
    kind = DeviceType.objects.create(manufacturer=maker, model="R1", slug="r1")
    role = DeviceRole.objects.create(name="Router", slug="router")
    interfaces = {}
    for key in ("one", "two"):
        device = Device.objects.create(
            name=f"router-{key}", site=world[f"site_{key}"], device_type=kind, role=role
        )
        interfaces[key] = Interface.objects.create(device=device, name="eth0", type="1000base-t")
    user = plain_user("contractor")
    grant(user, types=["dcim.device"], actions=["view"], constraints={"site__slug": "site-one"})
    grant(
        user,
        types=["dcim.interface"],
        actions=["view", "change"],
        constraints={"device__site__slug": "site-one"},
    )
    client = client_of(user)
    assert listed(client, "/api/dcim/devices/")[0] == 1
    assert listed(client, "/api/dcim/interfaces/") == (1, [interfaces["one"].pk])
    # interface_count on the device counts what the user may view
    device = client.get("/api/dcim/devices/").json()["results"][0]
    assert device["interface_count"] == 1
    hidden = interfaces["two"].pk
    assert client.get(f"/api/dcim/interfaces/{hidden}/trace/").status_code == 404
    patch = client.patch(f"/api/dcim/interfaces/{hidden}/", {"description": "x"}, format="json")
    assert patch.status_code == 404
    mine = interfaces["one"].pk
    ok = client.patch(f"/api/dcim/interfaces/{mine}/", {"description": "x"}, format="json")
    assert ok.status_code == 200, ok.json()
