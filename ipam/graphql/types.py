"""IPAM types. Beyond NetBox: prefix `utilization`, `children` (a count, as in REST) and
`_depth` read from the hierarchy columns the IP engine keeps; `available_ips` and
`available_prefixes` of a prefix (one query per prefix: meant for a few prefixes).

Required relations (an aggregate's RIR) are nullable here: a related object the user may
not view reads as null instead of failing the query up to the nearest nullable field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from django.conf import settings

from ipam import netmath
from ipam.api.fields import percent_text
from ipam.choices import IPFamilyChoices
from ipam.graphql.filters import (
    AggregateFilter,
    ASNFilter,
    ASNRangeFilter,
    FHRPGroupAssignmentFilter,
    FHRPGroupFilter,
    IPAddressFilter,
    IPRangeFilter,
    PrefixFilter,
    RIRFilter,
    RoleFilter,
    RouteTargetFilter,
    ServiceFilter,
    VLANFilter,
    VLANGroupFilter,
    VRFFilter,
)
from ipam.models import (
    ASN,
    RIR,
    VLAN,
    VRF,
    Aggregate,
    ASNRange,
    FHRPGroup,
    FHRPGroupAssignment,
    IPAddress,
    IPRange,
    Prefix,
    Role,
    RouteTarget,
    Service,
    VLANGroup,
)
from ipam.services import allocation
from ipamcore.graphql.fields import generic_prefetch
from ipamcore.graphql.types import (
    BigInt,
    ChangeLoggedObjectType,
    PrimaryObjectType,
)

if TYPE_CHECKING:
    from dcim.graphql.types import SiteType
    from ipam.graphql.unions import (
        FHRPGroupInterfaceType,
        IPAddressAssignmentType,
        PrefixScopeType,
        ServiceParentType,
        VLANGroupScopeType,
    )
    from tenancy.graphql.types import TenantType

UNIONS = strawberry.lazy("ipam.graphql.unions")


@strawberry.type(description="An IP family as the REST API gives it: {value: 4, label: IPv4}.")
class IPAddressFamilyType:
    value: int
    label: str


def family_of(version: int) -> IPAddressFamilyType:
    return IPAddressFamilyType(value=version, label=IPFamilyChoices(version).label)


@strawberry.type(description="A free address of a prefix (not an object yet).")
class AvailableIPType:
    family: int
    address: str


@strawberry.type(description="A free block of a prefix (not an object yet).")
class AvailablePrefixType:
    family: int
    prefix: str


def capped(limit: int) -> int:
    maximum = settings.MAX_PAGE_SIZE or 10**6
    return maximum if limit <= 0 else min(limit, maximum)


@strawberry_django.type(
    RIR, fields=["name", "slug", "is_private"], filters=RIRFilter, pagination=True
)
class RIRType(PrimaryObjectType):
    aggregates: list[Annotated[AggregateType, strawberry.lazy("ipam.graphql.types")]]
    asns: list[Annotated[ASNType, strawberry.lazy("ipam.graphql.types")]]
    asn_ranges: list[Annotated[ASNRangeType, strawberry.lazy("ipam.graphql.types")]]


@strawberry_django.type(
    Role, fields=["name", "slug", "weight"], filters=RoleFilter, pagination=True
)
class RoleType(PrimaryObjectType):
    prefixes: list[Annotated[PrefixType, strawberry.lazy("ipam.graphql.types")]]
    ip_ranges: list[Annotated[IPRangeType, strawberry.lazy("ipam.graphql.types")]]
    vlans: list[Annotated[VLANType, strawberry.lazy("ipam.graphql.types")]]
    asns: list[Annotated[ASNType, strawberry.lazy("ipam.graphql.types")]]


@strawberry_django.type(RouteTarget, fields=["name"], filters=RouteTargetFilter, pagination=True)
class RouteTargetType(PrimaryObjectType):
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    importing_vrfs: list[Annotated[VRFType, strawberry.lazy("ipam.graphql.types")]]
    exporting_vrfs: list[Annotated[VRFType, strawberry.lazy("ipam.graphql.types")]]


@strawberry_django.type(
    VRF, fields=["name", "rd", "enforce_unique"], filters=VRFFilter, pagination=True
)
class VRFType(PrimaryObjectType):
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    import_targets: list[Annotated[RouteTargetType, strawberry.lazy("ipam.graphql.types")]]
    export_targets: list[Annotated[RouteTargetType, strawberry.lazy("ipam.graphql.types")]]
    prefixes: list[Annotated[PrefixType, strawberry.lazy("ipam.graphql.types")]]
    ip_ranges: list[Annotated[IPRangeType, strawberry.lazy("ipam.graphql.types")]]
    ip_addresses: list[Annotated[IPAddressType, strawberry.lazy("ipam.graphql.types")]]


@strawberry_django.type(Aggregate, fields=["date_added"], filters=AggregateFilter, pagination=True)
class AggregateType(PrimaryObjectType):
    rir: Annotated[RIRType, strawberry.lazy("ipam.graphql.types")] | None
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None

    @strawberry_django.field
    def prefix(self, root: Prefix | Aggregate) -> str:
        return str(root.prefix)

    @strawberry_django.field
    def family(self, root: Prefix | Aggregate) -> IPAddressFamilyType:
        return family_of(root.prefix.version)


@strawberry_django.type(
    Prefix,
    fields=["status", "is_pool", "mark_utilized"],
    filters=PrefixFilter,
    pagination=True,
)
class PrefixType(PrimaryObjectType):
    vrf: Annotated[VRFType, strawberry.lazy("ipam.graphql.types")] | None
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    vlan: Annotated[VLANType, strawberry.lazy("ipam.graphql.types")] | None
    role: Annotated[RoleType, strawberry.lazy("ipam.graphql.types")] | None
    scope_id: int | None
    depth: int = strawberry_django.field(
        name="_depth", field_name="_depth", description="How many prefixes contain this one."
    )
    children: int = strawberry_django.field(
        field_name="_children", description="How many prefixes this one contains."
    )

    @strawberry_django.field
    def prefix(self, root: Prefix | Aggregate) -> str:
        return str(root.prefix)

    @strawberry_django.field
    def family(self, root: Prefix | Aggregate) -> IPAddressFamilyType:
        return family_of(root.prefix.version)

    @strawberry_django.field(prefetch_related=[generic_prefetch("scope")])
    def scope(self, root: Prefix) -> Annotated[PrefixScopeType, UNIONS] | None:
        return root.scope  # type: ignore[return-value]

    @strawberry_django.field(description="Percent of the prefix in use (0-100), as in REST.")
    def utilization(self, root: Prefix) -> float:
        return float(root._utilization)

    @strawberry_django.field(
        description="The first free addresses (`limit` ≤ MAX_PAGE_SIZE). One query per prefix."
    )
    def available_ips(self, root: Prefix, limit: int = 10) -> list[AvailableIPType]:
        family, mask = allocation.family_of(root), allocation.parent_mask(root)
        return [
            AvailableIPType(family=family, address=f"{netmath.to_text(ip, family)}/{mask}")
            for ip in allocation.free_ips(root, capped(limit))
        ]

    @strawberry_django.field(
        description="The free space as the fewest CIDR blocks. One query per prefix."
    )
    def available_prefixes(self, root: Prefix, limit: int = 0) -> list[AvailablePrefixType]:
        family = allocation.family_of(root)
        blocks = allocation.free_prefixes(root)[: capped(limit)]
        return [AvailablePrefixType(family=family, prefix=str(block)) for block in blocks]


@strawberry_django.type(
    IPRange,
    fields=["size", "status", "mark_populated", "mark_utilized"],
    filters=IPRangeFilter,
    pagination=True,
)
class IPRangeType(PrimaryObjectType):
    vrf: Annotated[VRFType, strawberry.lazy("ipam.graphql.types")] | None
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    role: Annotated[RoleType, strawberry.lazy("ipam.graphql.types")] | None

    @strawberry_django.field
    def start_address(self, root: IPRange) -> str:
        return str(root.start_address)

    @strawberry_django.field
    def end_address(self, root: IPRange) -> str:
        return str(root.end_address)

    @strawberry_django.field
    def family(self, root: IPRange) -> IPAddressFamilyType:
        return family_of(root.start_address.version)

    @strawberry_django.field(description="Percent of the range in use (0-100).")
    def utilization(self, root: IPRange) -> float:
        return float(root._utilization)


@strawberry_django.type(
    IPAddress,
    fields=["status", "role", "dns_name", "assigned_object_id"],
    filters=IPAddressFilter,
    pagination=True,
)
class IPAddressType(PrimaryObjectType):
    vrf: Annotated[VRFType, strawberry.lazy("ipam.graphql.types")] | None
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    nat_inside: Annotated[IPAddressType, strawberry.lazy("ipam.graphql.types")] | None
    nat_outside: list[Annotated[IPAddressType, strawberry.lazy("ipam.graphql.types")]]
    services: list[Annotated[ServiceType, strawberry.lazy("ipam.graphql.types")]]

    @strawberry_django.field
    def address(self, root: IPAddress) -> str:
        return str(root.address)

    @strawberry_django.field(prefetch_related=[generic_prefetch("assigned_object")])
    def assigned_object(self, root: IPAddress) -> Annotated[IPAddressAssignmentType, UNIONS] | None:
        return root.assigned_object  # type: ignore[return-value]

    @strawberry_django.field
    def family(self, root: IPAddress) -> IPAddressFamilyType:
        return family_of(root.address.version)


@strawberry_django.type(
    VLANGroup, fields=["name", "slug", "scope_id"], filters=VLANGroupFilter, pagination=True
)
class VLANGroupType(PrimaryObjectType):
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    vlans: list[Annotated[VLANType, strawberry.lazy("ipam.graphql.types")]]

    @strawberry_django.field(prefetch_related=[generic_prefetch("scope")])
    def scope(self, root: VLANGroup) -> Annotated[VLANGroupScopeType, UNIONS] | None:
        return root.scope  # type: ignore[return-value]

    @strawberry_django.field(description="Inclusive [lower, upper] pairs, as in REST.")
    def vid_ranges(self, root: VLANGroup) -> list[list[int]]:
        return [[r.lower, r.upper - 1] for r in root.vid_ranges or []]

    @strawberry_django.field(description='Percent of VIDs in use, as text ("12.5") as in REST.')
    def utilization(self, root: VLANGroup) -> str:
        return percent_text(root._utilization)


@strawberry_django.type(
    VLAN, fields=["vid", "name", "status", "qinq_role"], filters=VLANFilter, pagination=True
)
class VLANType(PrimaryObjectType):
    site: Annotated[SiteType, strawberry.lazy("dcim.graphql.types")] | None
    group: Annotated[VLANGroupType, strawberry.lazy("ipam.graphql.types")] | None
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    role: Annotated[RoleType, strawberry.lazy("ipam.graphql.types")] | None
    qinq_svlan: Annotated[VLANType, strawberry.lazy("ipam.graphql.types")] | None
    qinq_cvlans: list[Annotated[VLANType, strawberry.lazy("ipam.graphql.types")]]
    prefixes: list[Annotated[PrefixType, strawberry.lazy("ipam.graphql.types")]]


@strawberry_django.type(ASNRange, fields=["name", "slug"], filters=ASNRangeFilter, pagination=True)
class ASNRangeType(PrimaryObjectType):
    rir: Annotated[RIRType, strawberry.lazy("ipam.graphql.types")] | None
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    start: BigInt
    end: BigInt


@strawberry_django.type(ASN, fields=[], filters=ASNFilter, pagination=True)
class ASNType(PrimaryObjectType):
    asn: BigInt
    rir: Annotated[RIRType, strawberry.lazy("ipam.graphql.types")] | None
    role: Annotated[RoleType, strawberry.lazy("ipam.graphql.types")] | None
    tenant: Annotated[TenantType, strawberry.lazy("tenancy.graphql.types")] | None
    sites: list[Annotated[SiteType, strawberry.lazy("dcim.graphql.types")]]


@strawberry_django.type(
    FHRPGroup,
    fields=["name", "protocol", "group_id", "auth_type", "auth_key"],
    filters=FHRPGroupFilter,
    pagination=True,
)
class FHRPGroupType(PrimaryObjectType):
    ip_addresses: list[Annotated[IPAddressType, strawberry.lazy("ipam.graphql.types")]]
    services: list[Annotated[ServiceType, strawberry.lazy("ipam.graphql.types")]]
    assignments: list[Annotated[FHRPGroupAssignmentType, strawberry.lazy("ipam.graphql.types")]]


@strawberry_django.type(
    FHRPGroupAssignment,
    fields=["priority", "interface_id"],
    filters=FHRPGroupAssignmentFilter,
    pagination=True,
)
class FHRPGroupAssignmentType(ChangeLoggedObjectType):
    group: Annotated[FHRPGroupType, strawberry.lazy("ipam.graphql.types")] | None

    @strawberry_django.field(prefetch_related=[generic_prefetch("interface")])
    def interface(
        self, root: FHRPGroupAssignment
    ) -> Annotated[FHRPGroupInterfaceType, UNIONS] | None:
        return root.interface  # type: ignore[return-value]


@strawberry_django.type(
    Service,
    fields=["name", "protocol", "ports", "parent_object_id"],
    filters=ServiceFilter,
    pagination=True,
)
class ServiceType(PrimaryObjectType):
    ipaddresses: list[Annotated[IPAddressType, strawberry.lazy("ipam.graphql.types")]]

    @strawberry_django.field(prefetch_related=[generic_prefetch("parent")])
    def parent(self, root: Service) -> Annotated[ServiceParentType, UNIONS] | None:
        return root.parent  # type: ignore[return-value]
