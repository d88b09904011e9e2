from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django

from ipamcore.graphql.types import NestedGroupObjectType, PrimaryObjectType
from tenancy.graphql.filters import TenantFilter, TenantGroupFilter
from tenancy.models import Tenant, TenantGroup


@strawberry_django.type(
    TenantGroup, fields=["name", "slug"], filters=TenantGroupFilter, pagination=True
)
class TenantGroupType(NestedGroupObjectType):
    parent: Annotated[TenantGroupType, strawberry.lazy("tenancy.graphql.types")] | None
    children: list[Annotated[TenantGroupType, strawberry.lazy("tenancy.graphql.types")]]
    tenants: list[Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")]]


@strawberry_django.type(Tenant, fields=["name", "slug"], filters=TenantFilter, pagination=True)
class TenantType(PrimaryObjectType):
    group: Annotated[TenantGroupType, strawberry.lazy("tenancy.graphql.types")] | None
