from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import Q
from strawberry import ID

from ipam.choices import (
    FHRPGroupAuthTypeChoices,
    FHRPGroupProtocolChoices,
    IPAddressRoleChoices,
    IPAddressStatusChoices,
    IPRangeStatusChoices,
    PrefixStatusChoices,
    ServiceProtocolChoices,
    VLANQinQRoleChoices,
    VLANStatusChoices,
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
from ipamcore.graphql.filters import (
    AddressFilterMixin,
    BaseFilterLookup,
    ChangeLoggedFilterMixin,
    ComparisonFilterLookup,
    DatetimeFilterLookup,
    NetworkFilterMixin,
    OrganizationalFilterMixin,
    PrimaryFilterMixin,
    StrFilterLookup,
    choices_enum,
)
from tenancy.graphql.filters import TenancyFilterMixin

PrefixStatusEnum = choices_enum(PrefixStatusChoices, "status")
IPRangeStatusEnum = choices_enum(IPRangeStatusChoices, "status")
IPAddressStatusEnum = choices_enum(IPAddressStatusChoices, "status")
IPAddressRoleEnum = choices_enum(IPAddressRoleChoices, "role")
VLANStatusEnum = choices_enum(VLANStatusChoices, "status")
VLANQinQRoleEnum = choices_enum(VLANQinQRoleChoices, "qinq_role")
ServiceProtocolEnum = choices_enum(ServiceProtocolChoices, "protocol")
FHRPGroupProtocolEnum = choices_enum(FHRPGroupProtocolChoices, "protocol")
FHRPGroupAuthTypeEnum = choices_enum(FHRPGroupAuthTypeChoices, "auth_type")


@strawberry_django.filter_type(RIR, lookups=True)
class RIRFilter(OrganizationalFilterMixin):
    is_private: BaseFilterLookup[bool] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(Role, lookups=True)
class RoleFilter(OrganizationalFilterMixin):
    weight: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(RouteTarget, lookups=True)
class RouteTargetFilter(TenancyFilterMixin, PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry_django.filter_type(VRF, lookups=True)
class VRFFilter(TenancyFilterMixin, PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    rd: StrFilterLookup | None = strawberry_django.filter_field()
    enforce_unique: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    import_targets: Annotated[RouteTargetFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    export_targets: Annotated[RouteTargetFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )


@strawberry_django.filter_type(Aggregate, lookups=True)
class AggregateFilter(NetworkFilterMixin, TenancyFilterMixin, PrimaryFilterMixin):
    rir: Annotated[RIRFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    rir_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    date_added: DatetimeFilterLookup | None = strawberry_django.filter_field()


@strawberry_django.filter_type(Prefix, lookups=True)
class PrefixFilter(NetworkFilterMixin, TenancyFilterMixin, PrimaryFilterMixin):
    vrf: Annotated[VRFFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    vrf_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    vlan: Annotated[VLANFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    vlan_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    status: BaseFilterLookup[PrefixStatusEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    role: Annotated[RoleFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    role_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    is_pool: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    mark_utilized: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    scope_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    scope_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    # The scope's cached ancestry (kept on write): a site's prefixes include its locations'.
    _site_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field(
        name="site_id", description="Prefixes scoped to this site or to a location in it."
    )
    _region_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field(name="region_id")
    _site_group_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field(
        name="site_group_id"
    )
    _location_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field(
        name="location_id"
    )
    _depth: ComparisonFilterLookup[int] | None = strawberry_django.filter_field(name="_depth")
    _children: ComparisonFilterLookup[int] | None = strawberry_django.filter_field(name="children")
    _utilization: ComparisonFilterLookup[float] | None = strawberry_django.filter_field(
        name="utilization", description="Percent used (0-100)."
    )


@strawberry_django.filter_type(IPRange, lookups=True)
class IPRangeFilter(TenancyFilterMixin, PrimaryFilterMixin):
    start_address: BaseFilterLookup[str] | None = strawberry_django.filter_field()
    end_address: BaseFilterLookup[str] | None = strawberry_django.filter_field()
    size: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()
    vrf: Annotated[VRFFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    vrf_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    status: BaseFilterLookup[IPRangeStatusEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    role: Annotated[RoleFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    role_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    mark_populated: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    mark_utilized: BaseFilterLookup[bool] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(IPAddress, lookups=True)
class IPAddressFilter(AddressFilterMixin, TenancyFilterMixin, PrimaryFilterMixin):
    vrf: Annotated[VRFFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    vrf_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    status: BaseFilterLookup[IPAddressStatusEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    role: BaseFilterLookup[IPAddressRoleEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    dns_name: StrFilterLookup | None = strawberry_django.filter_field()
    assigned_object_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    assigned_object_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    nat_inside: Annotated[IPAddressFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    nat_inside_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description="Assigned to an interface (or FHRP group) or not.")
    def assigned(self, value: bool, prefix: str) -> Q:
        return Q(**{f"{prefix}assigned_object_id__isnull": not value})


@strawberry_django.filter_type(VLANGroup, lookups=True)
class VLANGroupFilter(TenancyFilterMixin, OrganizationalFilterMixin):
    scope_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    scope_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(VLAN, lookups=True)
class VLANFilter(TenancyFilterMixin, PrimaryFilterMixin):
    vid: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()
    name: StrFilterLookup | None = strawberry_django.filter_field()
    group: Annotated[VLANGroupFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    group_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    site_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    status: BaseFilterLookup[VLANStatusEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    role: Annotated[RoleFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    role_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    qinq_role: BaseFilterLookup[VLANQinQRoleEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    qinq_svlan_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(ASNRange, lookups=True)
class ASNRangeFilter(TenancyFilterMixin, OrganizationalFilterMixin):
    rir: Annotated[RIRFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    rir_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    start: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()
    end: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(ASN, lookups=True)
class ASNFilter(TenancyFilterMixin, PrimaryFilterMixin):
    asn: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()
    rir: Annotated[RIRFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    rir_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    role_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(FHRPGroup, lookups=True)
class FHRPGroupFilter(PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    protocol: BaseFilterLookup[FHRPGroupProtocolEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    group_id: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()
    auth_type: BaseFilterLookup[FHRPGroupAuthTypeEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]


@strawberry_django.filter_type(FHRPGroupAssignment, lookups=True)
class FHRPGroupAssignmentFilter(ChangeLoggedFilterMixin):
    group: Annotated[FHRPGroupFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )
    group_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    interface_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    interface_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    priority: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(Service, lookups=True)
class ServiceFilter(PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    protocol: BaseFilterLookup[ServiceProtocolEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    parent_object_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    parent_object_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    ipaddresses: Annotated[IPAddressFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )

    @strawberry_django.filter_field(description="Services listening on this port.")
    def port(self, value: int, prefix: str) -> Q:
        return Q(**{f"{prefix}ports__contains": [value]})
