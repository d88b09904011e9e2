from __future__ import annotations

import strawberry
import strawberry_django

from ipamcore.graphql.fields import list_field
from tenancy.graphql.types import TenantGroupType, TenantType


@strawberry.type(name="Query")
class TenancyQuery:
    tenant: TenantType = strawberry_django.field()
    tenant_list: list[TenantType] = list_field()
    tenant_group: TenantGroupType = strawberry_django.field()
    tenant_group_list: list[TenantGroupType] = list_field()
