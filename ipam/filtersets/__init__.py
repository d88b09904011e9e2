"""IPAM filtersets, split by model group like ipam/models/; shared IP filters in filters.py."""

from ipam.filtersets.asns import ASNFilterSet, ASNRangeFilterSet
from ipam.filtersets.ip import IPAddressFilterSet, IPRangeFilterSet, PrefixFilterSet
from ipam.filtersets.organization import (
    AggregateFilterSet,
    RIRFilterSet,
    RoleFilterSet,
    RouteTargetFilterSet,
    VRFFilterSet,
)
from ipam.filtersets.services import (
    FHRPGroupAssignmentFilterSet,
    FHRPGroupFilterSet,
    ServiceFilterSet,
)
from ipam.filtersets.vlans import VLANFilterSet, VLANGroupFilterSet

__all__ = [
    "ASNFilterSet",
    "ASNRangeFilterSet",
    "AggregateFilterSet",
    "FHRPGroupAssignmentFilterSet",
    "FHRPGroupFilterSet",
    "IPAddressFilterSet",
    "IPRangeFilterSet",
    "PrefixFilterSet",
    "RIRFilterSet",
    "RoleFilterSet",
    "RouteTargetFilterSet",
    "ServiceFilterSet",
    "VLANFilterSet",
    "VLANGroupFilterSet",
    "VRFFilterSet",
]
