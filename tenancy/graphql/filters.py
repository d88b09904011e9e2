from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import Q
from strawberry import ID

from ipamcore.graphql.filters import (
    ComparisonFilterLookup,
    NestedGroupFilterMixin,
    PrimaryFilterMixin,
    StrFilterLookup,
    TreeNodeFilter,
    tree_q,
)
from tenancy.models import Tenant, TenantGroup


@strawberry_django.filter_type(TenantGroup, lookups=True)
class TenantGroupFilter(NestedGroupFilterMixin):
    parent: Annotated[TenantGroupFilter, strawberry.lazy("tenancy.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )


@strawberry_django.filter_type(Tenant, lookups=True)
class TenantFilter(PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    slug: StrFilterLookup | None = strawberry_django.filter_field()
    group: Annotated[TenantGroupFilter, strawberry.lazy("tenancy.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )

    @strawberry_django.filter_field(description="Tenants of this group (or around it in the tree).")
    def group_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(TenantGroup, f"{prefix}group", value)


@strawberry.input
class TenancyFilterMixin:
    """`tenant` and `tenant_group_id` filters of every model with a tenant (sites, prefixes…)."""

    tenant: Annotated[TenantFilter, strawberry.lazy("tenancy.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )

    tenant_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description="Objects of tenants in this tenant group.")
    def tenant_group_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(TenantGroup, f"{prefix}tenant__group", value)
