"""Filters of /api/extras/config-contexts/: by each assignment list, by id or slug."""

from __future__ import annotations

from django.db.models import Q

from dcim.models import DeviceRole, DeviceType, Location, Platform, Region, Site, SiteGroup
from extras.models import ConfigContext, Tag
from ipamcore.filtersets import BaseFilterSet, RelatedFilter
from tenancy.models import Tenant, TenantGroup
from virtualization.models import Cluster, ClusterGroup, ClusterType


def assignment(model: type, field: str, slug: bool = False) -> RelatedFilter:
    if slug:
        return RelatedFilter(
            model, field_name=f"{field}__slug", to_field_name="slug", distinct=True
        )
    return RelatedFilter(model, field_name=field, distinct=True)


class ConfigContextFilterSet(BaseFilterSet):
    region_id = assignment(Region, "regions")
    region = assignment(Region, "regions", slug=True)
    site_group_id = assignment(SiteGroup, "site_groups")
    site_group = assignment(SiteGroup, "site_groups", slug=True)
    site_id = assignment(Site, "sites")
    site = assignment(Site, "sites", slug=True)
    location_id = assignment(Location, "locations")
    location = assignment(Location, "locations", slug=True)
    device_type_id = assignment(DeviceType, "device_types")
    device_role_id = assignment(DeviceRole, "roles")
    device_role = assignment(DeviceRole, "roles", slug=True)
    platform_id = assignment(Platform, "platforms")
    platform = assignment(Platform, "platforms", slug=True)
    cluster_type_id = assignment(ClusterType, "cluster_types")
    cluster_type = assignment(ClusterType, "cluster_types", slug=True)
    cluster_group_id = assignment(ClusterGroup, "cluster_groups")
    cluster_group = assignment(ClusterGroup, "cluster_groups", slug=True)
    cluster_id = assignment(Cluster, "clusters")
    tenant_group_id = assignment(TenantGroup, "tenant_groups")
    tenant_group = assignment(TenantGroup, "tenant_groups", slug=True)
    tenant_id = assignment(Tenant, "tenants")
    tenant = assignment(Tenant, "tenants", slug=True)
    tag_id = assignment(Tag, "tags")
    tag = assignment(Tag, "tags", slug=True)

    class Meta:
        model = ConfigContext
        fields = ("id", "name", "weight", "is_active", "description")

    def search_condition(self, value: str) -> Q:
        # The data is searched as its JSON text, as NetBox does.
        return Q(name__icontains=value) | Q(description__icontains=value) | Q(data__icontains=value)
