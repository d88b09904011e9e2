"""Virtualization filter inputs (NetBox 4.5+ syntax, see ipamcore/graphql/filters.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
import strawberry_django
from django.db.models import Q, QuerySet
from strawberry import ID
from strawberry.types import Info
from strawberry_django.filters import process_filters

from dcim import models as dcim_models
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    ComparisonFilterLookup,
    OrganizationalFilterMixin,
    PrimaryFilterMixin,
    StrFilterLookup,
    TaggedFilterMixin,
    TreeNodeFilter,
    tree_q,
)
from tenancy.graphql.filters import TenancyFilterMixin
from virtualization import models
from virtualization.graphql.enums import (
    ClusterStatusEnum,
    VirtualMachineStartOnBootEnum,
    VirtualMachineStatusEnum,
)

if TYPE_CHECKING:
    from dcim.graphql.filters import (
        DeviceFilter,
        DeviceRoleFilter,
        MACAddressFilter,
        PlatformFilter,
        SiteFilter,
    )
    from ipam.graphql.filters import IPAddressFilter, VLANFilter, VRFFilter

DCIM = strawberry.lazy("dcim.graphql.filters")
IPAM = strawberry.lazy("ipam.graphql.filters")
VIRTUALIZATION = strawberry.lazy("virtualization.graphql.filters")


@strawberry_django.filter_type(models.ClusterType, lookups=True)
class ClusterTypeFilter(OrganizationalFilterMixin):
    pass


@strawberry_django.filter_type(models.ClusterGroup, lookups=True)
class ClusterGroupFilter(OrganizationalFilterMixin):
    pass


@strawberry_django.filter_type(models.Cluster, lookups=True)
class ClusterFilter(TenancyFilterMixin, PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    status: BaseFilterLookup[ClusterStatusEnum] | None = strawberry_django.filter_field()
    type: Annotated[ClusterTypeFilter, VIRTUALIZATION] | None = strawberry_django.filter_field()
    type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    group: Annotated[ClusterGroupFilter, VIRTUALIZATION] | None = strawberry_django.filter_field()
    group_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    scope_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description="Clusters at this site (any scope inside it).")
    def site_id(
        self, info: Info, queryset: QuerySet[Any], value: ComparisonFilterLookup[ID], prefix: str
    ) -> tuple[QuerySet[Any], Q]:
        # The scope's site is cached in `_site`, so this needs no generic join.
        return process_filters(value, queryset, info, prefix=f"{prefix}_site_id__")  # type: ignore[arg-type]

    @strawberry_django.filter_field(description="Clusters inside this region (tree).")
    def region_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(dcim_models.Region, f"{prefix}_region", value)

    @strawberry_django.filter_field(description="Clusters inside this site group (tree).")
    def site_group_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(dcim_models.SiteGroup, f"{prefix}_site_group", value)

    @strawberry_django.filter_field(description="Clusters inside this location (tree).")
    def location_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(dcim_models.Location, f"{prefix}_location", value)


@strawberry_django.filter_type(models.VirtualMachine, lookups=True)
class VirtualMachineFilter(TenancyFilterMixin, PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    status: BaseFilterLookup[VirtualMachineStatusEnum] | None = strawberry_django.filter_field()
    start_on_boot: BaseFilterLookup[VirtualMachineStartOnBootEnum] | None = (
        strawberry_django.filter_field()
    )
    vcpus: strawberry.auto = strawberry_django.filter_field()
    memory: strawberry.auto = strawberry_django.filter_field()
    disk: strawberry.auto = strawberry_django.filter_field()
    serial: StrFilterLookup | None = strawberry_django.filter_field()
    role: Annotated[DeviceRoleFilter, DCIM] | None = strawberry_django.filter_field()
    role_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    site: Annotated[SiteFilter, DCIM] | None = strawberry_django.filter_field()
    site_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    cluster: Annotated[ClusterFilter, VIRTUALIZATION] | None = strawberry_django.filter_field()
    cluster_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    device: Annotated[DeviceFilter, DCIM] | None = strawberry_django.filter_field()
    device_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    platform: Annotated[PlatformFilter, DCIM] | None = strawberry_django.filter_field()
    platform_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    primary_ip4: Annotated[IPAddressFilter, IPAM] | None = strawberry_django.filter_field()
    primary_ip6: Annotated[IPAddressFilter, IPAM] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.VMInterface, lookups=True)
class VMInterfaceFilter(TaggedFilterMixin):
    virtual_machine: Annotated[VirtualMachineFilter, VIRTUALIZATION] | None = (
        strawberry_django.filter_field()
    )
    virtual_machine_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    name: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()
    enabled: strawberry.auto = strawberry_django.filter_field()
    mtu: strawberry.auto = strawberry_django.filter_field()
    parent_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    bridge_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    vrf: Annotated[VRFFilter, IPAM] | None = strawberry_django.filter_field()
    vrf_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    untagged_vlan: Annotated[VLANFilter, IPAM] | None = strawberry_django.filter_field()
    tagged_vlans: Annotated[VLANFilter, IPAM] | None = strawberry_django.filter_field()
    primary_mac_address: Annotated[MACAddressFilter, DCIM] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.VirtualDisk, lookups=True)
class VirtualDiskFilter(TaggedFilterMixin):
    virtual_machine: Annotated[VirtualMachineFilter, VIRTUALIZATION] | None = (
        strawberry_django.filter_field()
    )
    virtual_machine_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    name: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()
    size: strawberry.auto = strawberry_django.filter_field()
