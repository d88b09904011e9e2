"""IPAM serializers, split by model group like ipam/models/."""

from ipam.api.asns import ASNRangeSerializer, ASNSerializer
from ipam.api.ip import IPAddressSerializer, IPRangeSerializer, PrefixSerializer
from ipam.api.organization import (
    AggregateSerializer,
    RIRSerializer,
    RoleSerializer,
    RouteTargetSerializer,
    VRFSerializer,
)
from ipam.api.services import (
    FHRPGroupAssignmentSerializer,
    FHRPGroupSerializer,
    ServiceSerializer,
)
from ipam.api.vlans import VLANGroupSerializer, VLANSerializer

__all__ = [
    "ASNRangeSerializer",
    "ASNSerializer",
    "AggregateSerializer",
    "FHRPGroupAssignmentSerializer",
    "FHRPGroupSerializer",
    "IPAddressSerializer",
    "IPRangeSerializer",
    "PrefixSerializer",
    "RIRSerializer",
    "RoleSerializer",
    "RouteTargetSerializer",
    "ServiceSerializer",
    "VLANGroupSerializer",
    "VLANSerializer",
    "VRFSerializer",
]
