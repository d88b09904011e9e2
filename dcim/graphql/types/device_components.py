"""Device components: interfaces, console, power and pass-through ports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django

from dcim import models
from dcim.graphql.fields import counted
from dcim.graphql.filters import (
    ConsolePortFilter,
    ConsoleServerPortFilter,
    FrontPortFilter,
    InterfaceFilter,
    PowerOutletFilter,
    PowerPortFilter,
    RearPortFilter,
)
from ipam.models import FHRPGroupAssignment, IPAddress
from ipamcore.graphql.types import BigInt, TaggedObjectType
from ipamcore.querysets import count_generic

if TYPE_CHECKING:
    from dcim.graphql.types import CableType, DeviceType, MACAddressType
    from ipam.graphql.types import FHRPGroupAssignmentType, IPAddressType, VLANType, VRFType

DCIM = strawberry.lazy("dcim.graphql.types")
IPAM = strawberry.lazy("ipam.graphql.types")

COMPONENT_FIELDS = ["name", "label", "description"]
CABLED_FIELDS = ["cable_end", "mark_connected"]


@strawberry.type
class ComponentType(TaggedObjectType):
    """What every device component has: its device and, when cabled, its cable."""

    device: Annotated[DeviceType, DCIM] | None


@strawberry.type
class CabledComponentType(ComponentType):
    cable: Annotated[CableType, DCIM] | None


@strawberry_django.type(
    models.Interface,
    fields=[
        *COMPONENT_FIELDS,
        *CABLED_FIELDS,
        "type",
        "enabled",
        "mgmt_only",
        "mtu",
        "wwn",
        "duplex",
        "mode",
        "poe_mode",
        "poe_type",
    ],
    filters=InterfaceFilter,
    pagination=True,
)
class InterfaceType(CabledComponentType):
    speed: BigInt | None
    count_ipaddresses: int = counted(
        "count_ipaddresses",
        count_generic(IPAddress, "assigned_object_type", "assigned_object_id", models.Interface),
    )
    count_fhrp_groups: int = counted(
        "count_fhrp_groups",
        count_generic(FHRPGroupAssignment, "interface_type", "interface_id", models.Interface),
    )
    parent: Annotated[InterfaceType, DCIM] | None
    bridge: Annotated[InterfaceType, DCIM] | None
    lag: Annotated[InterfaceType, DCIM] | None
    primary_mac_address: Annotated[MACAddressType, DCIM] | None
    untagged_vlan: Annotated[VLANType, IPAM] | None
    qinq_svlan: Annotated[VLANType, IPAM] | None
    vrf: Annotated[VRFType, IPAM] | None
    tagged_vlans: list[Annotated[VLANType, IPAM]]
    ip_addresses: list[Annotated[IPAddressType, IPAM]]
    mac_addresses: list[Annotated[MACAddressType, DCIM]]
    fhrp_group_assignments: list[Annotated[FHRPGroupAssignmentType, IPAM]]
    child_interfaces: list[Annotated[InterfaceType, DCIM]]
    bridge_interfaces: list[Annotated[InterfaceType, DCIM]]
    member_interfaces: list[Annotated[InterfaceType, DCIM]]


@strawberry_django.type(
    models.ConsolePort,
    fields=[*COMPONENT_FIELDS, *CABLED_FIELDS, "speed", "type"],
    filters=ConsolePortFilter,
    pagination=True,
)
class ConsolePortType(CabledComponentType):
    pass


@strawberry_django.type(
    models.ConsoleServerPort,
    fields=[*COMPONENT_FIELDS, *CABLED_FIELDS, "speed", "type"],
    filters=ConsoleServerPortFilter,
    pagination=True,
)
class ConsoleServerPortType(CabledComponentType):
    pass


@strawberry_django.type(
    models.PowerPort,
    fields=[*COMPONENT_FIELDS, *CABLED_FIELDS, "maximum_draw", "allocated_draw", "type"],
    filters=PowerPortFilter,
    pagination=True,
)
class PowerPortType(CabledComponentType):
    poweroutlets: list[Annotated[PowerOutletType, DCIM]]


@strawberry_django.type(
    models.PowerOutlet,
    fields=[*COMPONENT_FIELDS, *CABLED_FIELDS, "feed_leg", "type"],
    filters=PowerOutletFilter,
    pagination=True,
)
class PowerOutletType(CabledComponentType):
    power_port: Annotated[PowerPortType, DCIM] | None


@strawberry_django.type(
    models.RearPort,
    fields=[*COMPONENT_FIELDS, *CABLED_FIELDS, "type", "color", "positions"],
    filters=RearPortFilter,
    pagination=True,
)
class RearPortType(CabledComponentType):
    frontports: list[Annotated[FrontPortType, DCIM]]


@strawberry_django.type(
    models.FrontPort,
    fields=[*COMPONENT_FIELDS, *CABLED_FIELDS, "type", "color", "rear_port_position"],
    filters=FrontPortFilter,
    pagination=True,
)
class FrontPortType(CabledComponentType):
    rear_port: Annotated[RearPortType, DCIM] | None
