"""Filters of device components."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import ID

from dcim import models
from dcim.graphql.enums import (
    CableEndEnum,
    ConsolePortTypeEnum,
    InterfaceDuplexEnum,
    InterfaceModeEnum,
    InterfacePoEModeEnum,
    InterfacePoETypeEnum,
    InterfaceTypeEnum,
    PortTypeEnum,
    PowerOutletFeedLegEnum,
    PowerOutletTypeEnum,
    PowerPortTypeEnum,
)
from dcim.graphql.filters.devices import DeviceFilter
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    ComparisonFilterLookup,
    StrFilterLookup,
    TaggedFilterMixin,
)

if TYPE_CHECKING:
    from dcim.graphql.filters import CableFilter, MACAddressFilter
    from ipam.graphql.filters import VLANFilter, VRFFilter

DCIM = strawberry.lazy("dcim.graphql.filters")
IPAM = strawberry.lazy("ipam.graphql.filters")


@strawberry.input
class ComponentFilterMixin(TaggedFilterMixin):
    device: Annotated[DeviceFilter, DCIM] | None = strawberry_django.filter_field()
    device_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    name: StrFilterLookup | None = strawberry_django.filter_field()
    label: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry.input
class CabledFilterMixin(ComponentFilterMixin):
    cable: Annotated[CableFilter, DCIM] | None = strawberry_django.filter_field()
    cable_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    cable_end: BaseFilterLookup[CableEndEnum] | None = strawberry_django.filter_field()
    mark_connected: strawberry.auto = strawberry_django.filter_field()


@strawberry_django.filter_type(models.Interface, lookups=True)
class InterfaceFilter(CabledFilterMixin):
    type: BaseFilterLookup[InterfaceTypeEnum] | None = strawberry_django.filter_field()
    enabled: strawberry.auto = strawberry_django.filter_field()
    mgmt_only: strawberry.auto = strawberry_django.filter_field()
    mtu: strawberry.auto = strawberry_django.filter_field()
    mode: BaseFilterLookup[InterfaceModeEnum] | None = strawberry_django.filter_field()
    speed: strawberry.auto = strawberry_django.filter_field()
    duplex: BaseFilterLookup[InterfaceDuplexEnum] | None = strawberry_django.filter_field()
    wwn: StrFilterLookup | None = strawberry_django.filter_field()
    poe_mode: BaseFilterLookup[InterfacePoEModeEnum] | None = strawberry_django.filter_field()
    poe_type: BaseFilterLookup[InterfacePoETypeEnum] | None = strawberry_django.filter_field()
    parent: Annotated[InterfaceFilter, DCIM] | None = strawberry_django.filter_field()
    parent_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    bridge: Annotated[InterfaceFilter, DCIM] | None = strawberry_django.filter_field()
    bridge_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    lag: Annotated[InterfaceFilter, DCIM] | None = strawberry_django.filter_field()
    lag_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    vrf: Annotated[VRFFilter, IPAM] | None = strawberry_django.filter_field()
    vrf_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    untagged_vlan: Annotated[VLANFilter, IPAM] | None = strawberry_django.filter_field()
    untagged_vlan_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    tagged_vlans: Annotated[VLANFilter, IPAM] | None = strawberry_django.filter_field()
    primary_mac_address: Annotated[MACAddressFilter, DCIM] | None = strawberry_django.filter_field()
    primary_mac_address_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.ConsolePort, lookups=True)
class ConsolePortFilter(CabledFilterMixin):
    type: BaseFilterLookup[ConsolePortTypeEnum] | None = strawberry_django.filter_field()
    speed: strawberry.auto = strawberry_django.filter_field()


@strawberry_django.filter_type(models.ConsoleServerPort, lookups=True)
class ConsoleServerPortFilter(CabledFilterMixin):
    type: BaseFilterLookup[ConsolePortTypeEnum] | None = strawberry_django.filter_field()
    speed: strawberry.auto = strawberry_django.filter_field()


@strawberry_django.filter_type(models.PowerPort, lookups=True)
class PowerPortFilter(CabledFilterMixin):
    type: BaseFilterLookup[PowerPortTypeEnum] | None = strawberry_django.filter_field()
    maximum_draw: strawberry.auto = strawberry_django.filter_field()
    allocated_draw: strawberry.auto = strawberry_django.filter_field()


@strawberry_django.filter_type(models.PowerOutlet, lookups=True)
class PowerOutletFilter(CabledFilterMixin):
    type: BaseFilterLookup[PowerOutletTypeEnum] | None = strawberry_django.filter_field()
    feed_leg: BaseFilterLookup[PowerOutletFeedLegEnum] | None = strawberry_django.filter_field()
    power_port: Annotated[PowerPortFilter, DCIM] | None = strawberry_django.filter_field()
    power_port_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.RearPort, lookups=True)
class RearPortFilter(CabledFilterMixin):
    type: BaseFilterLookup[PortTypeEnum] | None = strawberry_django.filter_field()
    color: StrFilterLookup | None = strawberry_django.filter_field()
    positions: strawberry.auto = strawberry_django.filter_field()


@strawberry_django.filter_type(models.FrontPort, lookups=True)
class FrontPortFilter(CabledFilterMixin):
    type: BaseFilterLookup[PortTypeEnum] | None = strawberry_django.filter_field()
    color: StrFilterLookup | None = strawberry_django.filter_field()
    rear_port: Annotated[RearPortFilter, DCIM] | None = strawberry_django.filter_field()
    rear_port_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    rear_port_position: strawberry.auto = strawberry_django.filter_field()
