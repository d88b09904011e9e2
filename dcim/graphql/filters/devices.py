"""Filters of device roles, platforms, devices and virtual chassis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from django.db.models import Q
from strawberry import ID

from dcim import models
from dcim.graphql.enums import DeviceAirflowEnum, DeviceFaceEnum, DeviceStatusEnum
from dcim.graphql.filters.device_types import DeviceTypeFilter, ManufacturerFilter
from dcim.graphql.filters.racks import RackFilter
from dcim.graphql.filters.sites import LocationFilter, SiteScopeFilterMixin
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    ComparisonFilterLookup,
    NestedGroupFilterMixin,
    PrimaryFilterMixin,
    StrFilterLookup,
    TreeNodeFilter,
    tree_q,
)
from tenancy.graphql.filters import TenancyFilterMixin

if TYPE_CHECKING:
    from ipam.graphql.filters import IPAddressFilter
    from virtualization.graphql.filters import ClusterFilter

DCIM = strawberry.lazy("dcim.graphql.filters")
IPAM = strawberry.lazy("ipam.graphql.filters")


@strawberry_django.filter_type(models.DeviceRole, lookups=True)
class DeviceRoleFilter(NestedGroupFilterMixin):
    parent: Annotated[DeviceRoleFilter, DCIM] | None = strawberry_django.filter_field()
    color: StrFilterLookup | None = strawberry_django.filter_field()
    vm_role: strawberry.auto = strawberry_django.filter_field()


@strawberry_django.filter_type(models.Platform, lookups=True)
class PlatformFilter(NestedGroupFilterMixin):
    parent: Annotated[PlatformFilter, DCIM] | None = strawberry_django.filter_field()
    manufacturer: Annotated[ManufacturerFilter, DCIM] | None = strawberry_django.filter_field()
    manufacturer_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.Device, lookups=True)
class DeviceFilter(TenancyFilterMixin, SiteScopeFilterMixin, PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    serial: StrFilterLookup | None = strawberry_django.filter_field()
    asset_tag: StrFilterLookup | None = strawberry_django.filter_field()
    status: BaseFilterLookup[DeviceStatusEnum] | None = strawberry_django.filter_field()
    face: BaseFilterLookup[DeviceFaceEnum] | None = strawberry_django.filter_field()
    airflow: BaseFilterLookup[DeviceAirflowEnum] | None = strawberry_django.filter_field()
    position: strawberry.auto = strawberry_django.filter_field()
    latitude: strawberry.auto = strawberry_django.filter_field()
    longitude: strawberry.auto = strawberry_django.filter_field()
    vc_position: strawberry.auto = strawberry_django.filter_field()
    vc_priority: strawberry.auto = strawberry_django.filter_field()
    device_type: Annotated[DeviceTypeFilter, DCIM] | None = strawberry_django.filter_field()
    device_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    role: Annotated[DeviceRoleFilter, DCIM] | None = strawberry_django.filter_field()
    platform: Annotated[PlatformFilter, DCIM] | None = strawberry_django.filter_field()
    location: Annotated[LocationFilter, DCIM] | None = strawberry_django.filter_field()
    rack: Annotated[RackFilter, DCIM] | None = strawberry_django.filter_field()
    rack_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    cluster: Annotated[ClusterFilter, strawberry.lazy("virtualization.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    cluster_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    virtual_chassis: Annotated[VirtualChassisFilter, DCIM] | None = strawberry_django.filter_field()
    virtual_chassis_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    primary_ip4: Annotated[IPAddressFilter, IPAM] | None = strawberry_django.filter_field()
    primary_ip6: Annotated[IPAddressFilter, IPAM] | None = strawberry_django.filter_field()
    oob_ip: Annotated[IPAddressFilter, IPAM] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description="Devices with this role or around it (tree).")
    def role_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(models.DeviceRole, f"{prefix}role", value)

    @strawberry_django.filter_field(description="Devices on this platform or around it (tree).")
    def platform_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(models.Platform, f"{prefix}platform", value)

    @strawberry_django.filter_field(description="Devices in this location or around it (tree).")
    def location_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(models.Location, f"{prefix}location", value)


@strawberry_django.filter_type(models.VirtualChassis, lookups=True)
class VirtualChassisFilter(PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    domain: StrFilterLookup | None = strawberry_django.filter_field()
    master: Annotated[DeviceFilter, DCIM] | None = strawberry_django.filter_field()
    master_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
