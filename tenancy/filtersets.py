from __future__ import annotations

from ipamcore.filtersets import NestedGroupFilterSet, PrimaryFilterSet, RelatedFilter, TreeFilter
from tenancy.models import Tenant, TenantGroup


class TenantGroupFilterSet(NestedGroupFilterSet):
    class Meta:
        model = TenantGroup
        fields = ("id", "name", "slug", "description")


class TenantFilterSet(PrimaryFilterSet):
    group_id = TreeFilter(TenantGroup, field_name="group")
    group = TreeFilter(TenantGroup, field_name="group", to_field_name="slug")
    search_fields = ("name", "slug", "description", "comments")

    class Meta:
        model = Tenant
        fields = ("id", "name", "slug", "description")


class TenancyFilterSet(PrimaryFilterSet):
    """Tenant filters shared by every model with a tenant."""

    tenant_id = RelatedFilter(Tenant, field_name="tenant")
    tenant = RelatedFilter(Tenant, field_name="tenant__slug", to_field_name="slug")
    tenant_group_id = TreeFilter(TenantGroup, field_name="tenant__group")
    tenant_group = TreeFilter(TenantGroup, field_name="tenant__group", to_field_name="slug")
