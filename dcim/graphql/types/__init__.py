"""DCIM GraphQL types, split by model group like dcim/models; import them from here
(other apps refer to them lazily as `dcim.graphql.types.<Name>`).

Required relations (a device's site) are nullable here, as in ipam: a related object the
user may not view reads as null instead of failing the query up to the nearest nullable
field (which would hide the whole list)."""

from dcim.graphql.types.cables import CableTerminationType, CableType
from dcim.graphql.types.device_components import (
    ConsolePortType,
    ConsoleServerPortType,
    FrontPortType,
    InterfaceType,
    PowerOutletType,
    PowerPortType,
    RearPortType,
)
from dcim.graphql.types.device_types import (
    ConsolePortTemplateType,
    ConsoleServerPortTemplateType,
    DeviceTypeType,
    FrontPortTemplateType,
    InterfaceTemplateType,
    ManufacturerType,
    PowerOutletTemplateType,
    PowerPortTemplateType,
    RearPortTemplateType,
)
from dcim.graphql.types.devices import DeviceRoleType, DeviceType, PlatformType, VirtualChassisType
from dcim.graphql.types.mac import MACAddressType
from dcim.graphql.types.power import PowerFeedType, PowerPanelType
from dcim.graphql.types.racks import RackRoleType, RackType, RackTypeType
from dcim.graphql.types.sites import LocationType, RegionType, SiteGroupType, SiteType

__all__ = [
    "CableTerminationType",
    "CableType",
    "ConsolePortTemplateType",
    "ConsolePortType",
    "ConsoleServerPortTemplateType",
    "ConsoleServerPortType",
    "DeviceRoleType",
    "DeviceType",
    "DeviceTypeType",
    "FrontPortTemplateType",
    "FrontPortType",
    "InterfaceTemplateType",
    "InterfaceType",
    "LocationType",
    "MACAddressType",
    "ManufacturerType",
    "PlatformType",
    "PowerFeedType",
    "PowerOutletTemplateType",
    "PowerOutletType",
    "PowerPanelType",
    "PowerPortTemplateType",
    "PowerPortType",
    "RackRoleType",
    "RackType",
    "RackTypeType",
    "RearPortTemplateType",
    "RearPortType",
    "RegionType",
    "SiteGroupType",
    "SiteType",
    "VirtualChassisType",
]
