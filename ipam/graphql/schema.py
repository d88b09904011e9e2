from __future__ import annotations

import strawberry
import strawberry_django

from ipam.graphql.types import (
    AggregateType,
    ASNRangeType,
    ASNType,
    FHRPGroupAssignmentType,
    FHRPGroupType,
    IPAddressType,
    IPRangeType,
    PrefixType,
    RIRType,
    RoleType,
    RouteTargetType,
    ServiceType,
    VLANGroupType,
    VLANType,
    VRFType,
)
from ipamcore.graphql.fields import list_field


@strawberry.type(name="Query")
class IPAMQuery:
    aggregate: AggregateType = strawberry_django.field()
    aggregate_list: list[AggregateType] = list_field()
    asn: ASNType = strawberry_django.field()
    asn_list: list[ASNType] = list_field()
    asn_range: ASNRangeType = strawberry_django.field()
    asn_range_list: list[ASNRangeType] = list_field()
    fhrp_group: FHRPGroupType = strawberry_django.field()
    fhrp_group_list: list[FHRPGroupType] = list_field()
    fhrp_group_assignment: FHRPGroupAssignmentType = strawberry_django.field()
    fhrp_group_assignment_list: list[FHRPGroupAssignmentType] = list_field()
    ip_address: IPAddressType = strawberry_django.field()
    ip_address_list: list[IPAddressType] = list_field()
    ip_range: IPRangeType = strawberry_django.field()
    ip_range_list: list[IPRangeType] = list_field()
    prefix: PrefixType = strawberry_django.field()
    prefix_list: list[PrefixType] = list_field()
    rir: RIRType = strawberry_django.field()
    rir_list: list[RIRType] = list_field()
    role: RoleType = strawberry_django.field()
    role_list: list[RoleType] = list_field()
    route_target: RouteTargetType = strawberry_django.field()
    route_target_list: list[RouteTargetType] = list_field()
    service: ServiceType = strawberry_django.field()
    service_list: list[ServiceType] = list_field()
    vlan: VLANType = strawberry_django.field()
    vlan_list: list[VLANType] = list_field()
    vlan_group: VLANGroupType = strawberry_django.field()
    vlan_group_list: list[VLANGroupType] = list_field()
    vrf: VRFType = strawberry_django.field()
    vrf_list: list[VRFType] = list_field()
