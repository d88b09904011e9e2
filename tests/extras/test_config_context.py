"""Config contexts: which contexts match an object, merge order, and query cost."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dcim.models import Device, DeviceRole, DeviceType, Manufacturer, Platform, Region, Site
from extras.models import ConfigContext, Tag, TaggedItem
from extras.services import config_contexts_for
from tenancy.models import Tenant, TenantGroup
from virtualization.models import Cluster, ClusterGroup, ClusterType, VirtualMachine


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    europe = Region.objects.create(name="Europe", slug="europe")
    germany = Region.objects.create(name="Germany", slug="germany", parent=europe)
    maker = Manufacturer.objects.create(name="Juniper", slug="juniper")
    junos = Platform.objects.create(name="Junos", slug="junos")
    return {
        "europe": europe,
        "site": Site.objects.create(name="FRA1", slug="fra1", region=germany),
        "other_site": Site.objects.create(name="NYC1", slug="nyc1"),
        "type": DeviceType.objects.create(manufacturer=maker, model="MX204", slug="mx204"),
        "router": DeviceRole.objects.create(name="Router", slug="router"),
        "junos": junos,
        "junos_evo": Platform.objects.create(name="Junos EVO", slug="junos-evo", parent=junos),
        "core": Tag.objects.create(name="core", slug="core"),
        "tenants": TenantGroup.objects.create(name="Customers", slug="customers"),
    }


def context(name: str, data: dict[str, Any], weight: int = 1000, **assigned: Any) -> ConfigContext:
    created = ConfigContext.objects.create(name=name, data=data, weight=weight)
    for field, objects in assigned.items():
        getattr(created, field).set(objects)
    return created


def device(world: dict[str, Any], name: str, **fields: Any) -> Device:
    fields.setdefault("site", world["site"])
    return Device.objects.create(
        name=name, device_type=world["type"], role=world["router"], **fields
    )


def test_contexts_merge_by_weight_then_name_with_local_data_last(world: dict[str, Any]) -> None:
    context("global", {"ntp": ["192.0.2.1"], "dns": {"primary": "a", "secondary": "b"}})
    context("z-same-weight", {"banner": "z"})
    context("a-same-weight", {"banner": "a", "syslog": "x"})
    context("europe", {"dns": {"primary": "eu"}}, weight=2000, regions=[world["europe"]])
    ConfigContext.objects.create(name="inactive", data={"ntp": []}, weight=9000, is_active=False)
    r1 = device(world, "r1", local_context_data={"syslog": "local", "dns": {"tertiary": "c"}})

    assert config_contexts_for([r1])[r1.pk] == {
        "ntp": ["192.0.2.1"],
        "banner": "z",
        "syslog": "local",
        "dns": {"primary": "eu", "secondary": "b", "tertiary": "c"},
    }


def test_assignment_lists_constrain_and_trees_match_ancestors(world: dict[str, Any]) -> None:
    customer = Tenant.objects.create(name="ACME", slug="acme", group=world["tenants"])
    context("eu", {"eu": True}, regions=[world["europe"]])
    context("junos", {"junos": True}, platforms=[world["junos"]])
    context("routers-in-fra", {"both": True}, roles=[world["router"]], sites=[world["site"]])
    context("customers", {"customer": True}, tenant_groups=[world["tenants"]])
    context("core", {"core": True}, tags=[world["core"]])
    context("nowhere", {"never": True}, sites=[world["other_site"]])

    evo = device(world, "r1", platform=world["junos_evo"], tenant=customer)
    TaggedItem.objects.create(
        tag=world["core"], content_type_id=content_type_id(Device), object_id=evo.pk
    )
    remote = device(world, "r2", site=world["other_site"])

    contexts = config_contexts_for([evo, remote])
    assert contexts[evo.pk] == {
        "eu": True, "junos": True, "both": True, "customer": True, "core": True,
    }  # fmt: skip
    assert contexts[remote.pk] == {"never": True}


def test_virtual_machines_match_on_cluster(world: dict[str, Any]) -> None:
    kvm = ClusterType.objects.create(name="KVM", slug="kvm")
    group = ClusterGroup.objects.create(name="Prod", slug="prod")
    cluster = Cluster.objects.create(name="c1", type=kvm, group=group, scope=world["site"])
    context("kvm", {"hypervisor": "kvm"}, cluster_types=[kvm])
    context("prod", {"env": "prod"}, cluster_groups=[group])
    context("eu", {"eu": True}, regions=[world["europe"]])
    context("mx", {"mx": True}, device_types=[world["type"]])
    app = VirtualMachine.objects.create(name="app01", cluster=cluster, site=world["site"])
    assert config_contexts_for([app])[app.pk] == {"hypervisor": "kvm", "env": "prod", "eu": True}


def test_no_contexts_gives_local_data_only(world: dict[str, Any]) -> None:
    r1 = device(world, "r1", local_context_data={"x": 1})
    r2 = device(world, "r2")
    assert config_contexts_for([r1, r2]) == {r1.pk: {"x": 1}, r2.pk: {}}


def test_a_page_costs_the_same_queries_whatever_its_size(world: dict[str, Any]) -> None:
    customer = Tenant.objects.create(name="ACME", slug="acme", group=world["tenants"])
    context("eu", {"eu": True}, regions=[world["europe"]])
    context("junos", {"junos": True}, platforms=[world["junos"]])
    context("routers", {"r": True}, roles=[world["router"]])
    context("customers", {"c": True}, tenant_groups=[world["tenants"]], tags=[world["core"]])
    one = [device(world, "solo", platform=world["junos"], tenant=customer)]
    many = [
        device(world, f"r{n}", platform=world["junos_evo"], tenant=customer if n % 2 else None)
        for n in range(10)
    ]
    with CaptureQueriesContext(connection) as single:
        config_contexts_for(one)
    with CaptureQueriesContext(connection) as page:
        result = config_contexts_for(many)
    assert len(page) == len(single)
    assert result[many[1].pk] == {"eu": True, "junos": True, "r": True}


def test_data_must_be_an_object(db: None) -> None:
    with pytest.raises(ValidationError) as error:
        ConfigContext(name="bad", data=["x"]).full_clean()
    assert error.value.message_dict == {
        "data": ['JSON data must be in object form. Example: {"foo": 123}']
    }


def content_type_id(model: type) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


@pytest.mark.parametrize(
    "data",
    [{"a": "x\u0000y"}, {"a\u0000": 1}, {"a": ["ok", {"b": "\u0000"}]}],
)
def test_nul_characters_in_json_are_a_400_not_a_500(api: Any, data: dict[str, Any]) -> None:
    # PostgreSQL's jsonb cannot store U+0000; every JSON field refuses it up front.
    single = api.post("/api/extras/config-contexts/", {"name": "n", "data": data}, format="json")
    assert single.status_code == 400
    assert single.json() == {"data": ["Null characters are not allowed."]}
    bulk = api.post(
        "/api/extras/config-contexts/",
        [{"name": "ok", "data": {"a": 1}}, {"name": "bad", "data": data}],
        format="json",
    )
    assert bulk.status_code == 400
    assert bulk.json() == [{}, {"data": ["Null characters are not allowed."]}]
    assert not ConfigContext.objects.exists()
