"""Uniqueness inside one list POST (ipamcore.batch) and the database backstop."""

from __future__ import annotations

from rest_framework.test import APIClient

from dcim.models import Region
from ipamcore.batch import BatchKey, batch_errors
from tenancy.models import Tenant, TenantGroup


def test_keys_clash_on_the_later_item(db: None) -> None:
    tenants = [Tenant(name=name, slug=name) for name in ("a", "b", "c")]
    for tenant, key in zip(tenants, ("x", "y", "x"), strict=True):
        tenant.batch_keys = lambda key=key: [BatchKey.exclusive(key, "name", f"{key} again")]
    assert batch_errors([*tenants, None]) == [{}, {}, {"name": ["x again"]}, {}]


def test_one_sided_conflicts(db: None) -> None:
    # "shared" items clash only with "plain" ones; plain ones clash with both.
    def item(kind: str, conflicts: tuple[str, ...]) -> Tenant:
        tenant = Tenant(name=kind, slug=kind)
        tenant.batch_keys = lambda: [BatchKey(kind, conflicts, "name", "clash")]
        return tenant

    shared, plain = ("shared", ("plain",)), ("plain", ("plain", "shared"))
    assert batch_errors([item(*shared), item(*shared)]) == [{}, {}]
    assert batch_errors([item(*shared), item(*plain)]) == [{}, {"name": ["clash"]}]
    assert batch_errors([item(*plain), item(*shared)]) == [{}, {"name": ["clash"]}]


def test_unique_constraints_are_checked_across_the_batch(api: APIClient) -> None:
    group = TenantGroup.objects.create(name="Holding", slug="holding")
    response = api.post(
        "/api/tenancy/tenants/",
        [
            {"name": "a", "slug": "a", "group": group.pk},
            {"name": "a", "slug": "b", "group": group.pk},
        ],
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == [{}, {"__all__": ["Tenant name must be unique per group."]}]


def test_conditional_constraints_fall_back_to_the_database_check(api: APIClient) -> None:
    # Root-level uniqueness is a conditional constraint: the batch check leaves it to
    # PostgreSQL, whose violation still comes back as a 400 with the constraint's message.
    regions = [{"name": "a", "slug": "a"}, {"name": "a", "slug": "b"}]
    response = api.post("/api/dcim/regions/", regions, format="json")
    assert response.status_code == 400
    assert response.json() == {"__all__": ["A top-level region with this name exists."]}
    assert not Region.objects.exists()
