from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django

from ipamcore.graphql.types import NestedGroupObjectType, PrimaryObjectType
from tenancy.graphql.filters import TenantFilter, TenantGroupFilter
from tenancy.models import Tenant, TenantGroup

if TYPE_CHECKING:
    from dcim.graphql.types import (
        CableType,
        DeviceType,
        LocationType,
        PowerFeedType,
        RackType,
        SiteType,
    )
    from ipam.graphql.types import (
        AggregateType,
        ASNRangeType,
        ASNType,
        IPAddressType,
        IPRangeType,
        PrefixType,
        RouteTargetType,
        VLANGroupType,
        VLANType,
        VRFType,
    )
    from virtualization.graphql.types import ClusterType, VirtualMachineType

DCIM = strawberry.lazy("dcim.graphql.types")
IPAM = strawberry.lazy("ipam.graphql.types")
VIRTUALIZATION = strawberry.lazy("virtualization.graphql.types")


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
    # What the tenant holds, each list filterable and paginated like a root list.
    aggregates: list[Annotated[AggregateType, IPAM]]
    asn_ranges: list[Annotated[ASNRangeType, IPAM]]
    asns: list[Annotated[ASNType, IPAM]]
    cables: list[Annotated[CableType, DCIM]]
    clusters: list[Annotated[ClusterType, VIRTUALIZATION]]
    devices: list[Annotated[DeviceType, DCIM]]
    ip_addresses: list[Annotated[IPAddressType, IPAM]]
    ip_ranges: list[Annotated[IPRangeType, IPAM]]
    locations: list[Annotated[LocationType, DCIM]]
    power_feeds: list[Annotated[PowerFeedType, DCIM]]
    prefixes: list[Annotated[PrefixType, IPAM]]
    racks: list[Annotated[RackType, DCIM]]
    route_targets: list[Annotated[RouteTargetType, IPAM]]
    sites: list[Annotated[SiteType, DCIM]]
    virtual_machines: list[Annotated[VirtualMachineType, VIRTUALIZATION]]
    vlan_groups: list[Annotated[VLANGroupType, IPAM]]
    vlans: list[Annotated[VLANType, IPAM]]
    vrfs: list[Annotated[VRFType, IPAM]]
