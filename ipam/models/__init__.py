"""IPAM models, split by group; import them from here."""

from ipam.models.asns import ASN, ASNRange
from ipam.models.idempotency import IdempotencyKey
from ipam.models.ip import IPAddress, IPRange, Prefix
from ipam.models.organization import RIR, VRF, Aggregate, Role, RouteTarget
from ipam.models.vlans import VLAN, VLANGroup

__all__ = [
    "ASN",
    "RIR",
    "VLAN",
    "VRF",
    "ASNRange",
    "Aggregate",
    "IPAddress",
    "IPRange",
    "IdempotencyKey",
    "Prefix",
    "Role",
    "RouteTarget",
    "VLANGroup",
]
