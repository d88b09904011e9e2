"""DCIM models, split by group; import them from here."""

from dcim.models.cables import Cable, CablePath, CableTermination
from dcim.models.device_components import (
    ConsolePort,
    ConsoleServerPort,
    FrontPort,
    Interface,
    PowerOutlet,
    PowerPort,
    RearPort,
)
from dcim.models.device_types import (
    ConsolePortTemplate,
    ConsoleServerPortTemplate,
    DeviceType,
    FrontPortTemplate,
    InterfaceTemplate,
    Manufacturer,
    PowerOutletTemplate,
    PowerPortTemplate,
    RearPortTemplate,
)
from dcim.models.devices import Device, DeviceRole, Platform, VirtualChassis
from dcim.models.mac import MACAddress
from dcim.models.power import PowerFeed, PowerPanel
from dcim.models.racks import Rack, RackRole, RackType
from dcim.models.sites import Location, Region, Site, SiteGroup, validate_time_zone

__all__ = [
    "Cable",
    "CablePath",
    "CableTermination",
    "ConsolePort",
    "ConsolePortTemplate",
    "ConsoleServerPort",
    "ConsoleServerPortTemplate",
    "Device",
    "DeviceRole",
    "DeviceType",
    "FrontPort",
    "FrontPortTemplate",
    "Interface",
    "InterfaceTemplate",
    "Location",
    "MACAddress",
    "Manufacturer",
    "Platform",
    "PowerFeed",
    "PowerOutlet",
    "PowerOutletTemplate",
    "PowerPanel",
    "PowerPort",
    "PowerPortTemplate",
    "Rack",
    "RackRole",
    "RackType",
    "RearPort",
    "RearPortTemplate",
    "Region",
    "Site",
    "SiteGroup",
    "VirtualChassis",
    "validate_time_zone",
]
