"""Regions, site groups, sites and locations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django

from dcim import models
from dcim.graphql.fields import counted
from dcim.graphql.filters import LocationFilter, RegionFilter, SiteFilter, SiteGroupFilter
from ipamcore.graphql.types import NestedGroupObjectType, PrimaryObjectType
from ipamcore.querysets import tree_count

if TYPE_CHECKING:
    from dcim.graphql.types import DeviceType, PowerPanelType, RackType
    from ipam.graphql.types import ASNType, VLANType
    from tenancy.graphql.types import TenantType
    from virtualization.graphql.types import VirtualMachineType

DCIM = strawberry.lazy("dcim.graphql.types")
IPAM = strawberry.lazy("ipam.graphql.types")
TENANCY = strawberry.lazy("tenancy.graphql.types")
VIRTUALIZATION = strawberry.lazy("virtualization.graphql.types")


@strawberry_django.type(
    models.Region, fields=["name", "slug"], filters=RegionFilter, pagination=True
)
class RegionType(NestedGroupObjectType):
    site_count: int = counted("site_count", tree_count(models.Region, models.Site, "region_id"))
    parent: Annotated[RegionType, DCIM] | None
    children: list[Annotated[RegionType, DCIM]]
    sites: list[Annotated[SiteType, DCIM]]


@strawberry_django.type(
    models.SiteGroup, fields=["name", "slug"], filters=SiteGroupFilter, pagination=True
)
class SiteGroupType(NestedGroupObjectType):
    site_count: int = counted("site_count", tree_count(models.SiteGroup, models.Site, "group_id"))
    parent: Annotated[SiteGroupType, DCIM] | None
    children: list[Annotated[SiteGroupType, DCIM]]
    sites: list[Annotated[SiteType, DCIM]]


@strawberry_django.type(
    models.Site,
    fields=[
        "name",
        "slug",
        "status",
        "facility",
        "time_zone",
        "physical_address",
        "shipping_address",
        "latitude",
        "longitude",
    ],
    filters=SiteFilter,
    pagination=True,
)
class SiteType(PrimaryObjectType):
    region: Annotated[RegionType, DCIM] | None
    group: Annotated[SiteGroupType, DCIM] | None
    tenant: Annotated[TenantType, TENANCY] | None
    asns: list[Annotated[ASNType, IPAM]]
    locations: list[Annotated[LocationType, DCIM]]
    racks: list[Annotated[RackType, DCIM]]
    devices: list[Annotated[DeviceType, DCIM]]
    power_panels: list[Annotated[PowerPanelType, DCIM]]
    vlans: list[Annotated[VLANType, IPAM]]
    virtual_machines: list[Annotated[VirtualMachineType, VIRTUALIZATION]]


@strawberry_django.type(
    models.Location,
    fields=["name", "slug", "status", "facility"],
    filters=LocationFilter,
    pagination=True,
)
class LocationType(NestedGroupObjectType):
    rack_count: int = counted("rack_count", tree_count(models.Location, models.Rack, "location_id"))
    device_count: int = counted(
        "device_count", tree_count(models.Location, models.Device, "location_id")
    )
    site: Annotated[SiteType, DCIM] | None
    parent: Annotated[LocationType, DCIM] | None
    tenant: Annotated[TenantType, TENANCY] | None
    children: list[Annotated[LocationType, DCIM]]
    racks: list[Annotated[RackType, DCIM]]
    devices: list[Annotated[DeviceType, DCIM]]
    power_panels: list[Annotated[PowerPanelType, DCIM]]
