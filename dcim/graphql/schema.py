"""DCIM root query fields, named as NetBox 4 names them (`device`, `device_list`)."""

from __future__ import annotations

import strawberry
import strawberry_django

from dcim.graphql.types import (
    CableTerminationType,
    CableType,
    ConsolePortTemplateType,
    ConsolePortType,
    ConsoleServerPortTemplateType,
    ConsoleServerPortType,
    DeviceRoleType,
    DeviceType,
    DeviceTypeType,
    FrontPortTemplateType,
    FrontPortType,
    InterfaceTemplateType,
    InterfaceType,
    LocationType,
    MACAddressType,
    ManufacturerType,
    PlatformType,
    PowerFeedType,
    PowerOutletTemplateType,
    PowerOutletType,
    PowerPanelType,
    PowerPortTemplateType,
    PowerPortType,
    RackRoleType,
    RackType,
    RackTypeType,
    RearPortTemplateType,
    RearPortType,
    RegionType,
    SiteGroupType,
    SiteType,
    VirtualChassisType,
)
from ipamcore.graphql.fields import list_field


@strawberry.type(name="Query")
class DCIMQuery:
    region: RegionType = strawberry_django.field()
    region_list: list[RegionType] = list_field()
    site_group: SiteGroupType = strawberry_django.field()
    site_group_list: list[SiteGroupType] = list_field()
    site: SiteType = strawberry_django.field()
    site_list: list[SiteType] = list_field()
    location: LocationType = strawberry_django.field()
    location_list: list[LocationType] = list_field()
    manufacturer: ManufacturerType = strawberry_django.field()
    manufacturer_list: list[ManufacturerType] = list_field()
    device_type: DeviceTypeType = strawberry_django.field()
    device_type_list: list[DeviceTypeType] = list_field()
    device_role: DeviceRoleType = strawberry_django.field()
    device_role_list: list[DeviceRoleType] = list_field()
    platform: PlatformType = strawberry_django.field()
    platform_list: list[PlatformType] = list_field()
    rack_role: RackRoleType = strawberry_django.field()
    rack_role_list: list[RackRoleType] = list_field()
    rack_type: RackTypeType = strawberry_django.field()
    rack_type_list: list[RackTypeType] = list_field()
    rack: RackType = strawberry_django.field()
    rack_list: list[RackType] = list_field()
    device: DeviceType = strawberry_django.field()
    device_list: list[DeviceType] = list_field()
    virtual_chassis: VirtualChassisType = strawberry_django.field()
    virtual_chassis_list: list[VirtualChassisType] = list_field()
    console_port_template: ConsolePortTemplateType = strawberry_django.field()
    console_port_template_list: list[ConsolePortTemplateType] = list_field()
    console_server_port_template: ConsoleServerPortTemplateType = strawberry_django.field()
    console_server_port_template_list: list[ConsoleServerPortTemplateType] = list_field()
    power_port_template: PowerPortTemplateType = strawberry_django.field()
    power_port_template_list: list[PowerPortTemplateType] = list_field()
    power_outlet_template: PowerOutletTemplateType = strawberry_django.field()
    power_outlet_template_list: list[PowerOutletTemplateType] = list_field()
    interface_template: InterfaceTemplateType = strawberry_django.field()
    interface_template_list: list[InterfaceTemplateType] = list_field()
    rear_port_template: RearPortTemplateType = strawberry_django.field()
    rear_port_template_list: list[RearPortTemplateType] = list_field()
    front_port_template: FrontPortTemplateType = strawberry_django.field()
    front_port_template_list: list[FrontPortTemplateType] = list_field()
    power_panel: PowerPanelType = strawberry_django.field()
    power_panel_list: list[PowerPanelType] = list_field()
    power_feed: PowerFeedType = strawberry_django.field()
    power_feed_list: list[PowerFeedType] = list_field()
    interface: InterfaceType = strawberry_django.field()
    interface_list: list[InterfaceType] = list_field()
    console_port: ConsolePortType = strawberry_django.field()
    console_port_list: list[ConsolePortType] = list_field()
    console_server_port: ConsoleServerPortType = strawberry_django.field()
    console_server_port_list: list[ConsoleServerPortType] = list_field()
    power_port: PowerPortType = strawberry_django.field()
    power_port_list: list[PowerPortType] = list_field()
    power_outlet: PowerOutletType = strawberry_django.field()
    power_outlet_list: list[PowerOutletType] = list_field()
    rear_port: RearPortType = strawberry_django.field()
    rear_port_list: list[RearPortType] = list_field()
    front_port: FrontPortType = strawberry_django.field()
    front_port_list: list[FrontPortType] = list_field()
    mac_address: MACAddressType = strawberry_django.field()
    mac_address_list: list[MACAddressType] = list_field()
    cable: CableType = strawberry_django.field()
    cable_list: list[CableType] = list_field()
    cable_termination: CableTerminationType = strawberry_django.field()
    cable_termination_list: list[CableTerminationType] = list_field()
