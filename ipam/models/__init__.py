"""IPAM models, split by group; import them from here."""

from ipam.models.asns import ASN, ASNRange
from ipam.models.fhrp import FHRPGroup, FHRPGroupAssignment
from ipam.models.idempotency import IdempotencyKey
from ipam.models.ip import IPAddress, IPRange, Prefix
from ipam.models.organization import RIR, VRF, Aggregate, Role, RouteTarget
from ipam.models.services import Service
from ipam.models.vlans import VLAN, VLANGroup

__all__ = [
    "ASN",
    "RIR",
    "VLAN",
    "VRF",
    "ASNRange",
    "Aggregate",
    "FHRPGroup",
    "FHRPGroupAssignment",
    "IPAddress",
    "IPRange",
    "IdempotencyKey",
    "Prefix",
    "Role",
    "RouteTarget",
    "Service",
    "VLANGroup",
]
