"""DCIM filtersets, split by model group with the same stems as dcim/models/."""

from dcim.filtersets.device_types import DeviceTypeFilterSet, ManufacturerFilterSet
from dcim.filtersets.devices import (
    DeviceFilterSet,
    DeviceRoleFilterSet,
    PlatformFilterSet,
    VirtualChassisFilterSet,
)
from dcim.filtersets.racks import RackFilterSet, RackRoleFilterSet, RackTypeFilterSet
from dcim.filtersets.sites import (
    LocationFilterSet,
    RegionFilterSet,
    SiteFilterSet,
    SiteGroupFilterSet,
)

__all__ = [
    "DeviceFilterSet",
    "DeviceRoleFilterSet",
    "DeviceTypeFilterSet",
    "LocationFilterSet",
    "ManufacturerFilterSet",
    "PlatformFilterSet",
    "RackFilterSet",
    "RackRoleFilterSet",
    "RackTypeFilterSet",
    "RegionFilterSet",
    "SiteFilterSet",
    "SiteGroupFilterSet",
    "VirtualChassisFilterSet",
]

# --- components and cables
from dcim.filtersets.device_components import (
    CableFilterSet,
    CableTerminationFilterSet,
    ConsolePortFilterSet,
    ConsoleServerPortFilterSet,
    FrontPortFilterSet,
    InterfaceFilterSet,
    MACAddressFilterSet,
    PowerOutletFilterSet,
    PowerPortFilterSet,
    RearPortFilterSet,
)

__all__ += [
    "CableFilterSet",
    "CableTerminationFilterSet",
    "ConsolePortFilterSet",
    "ConsoleServerPortFilterSet",
    "FrontPortFilterSet",
    "InterfaceFilterSet",
    "MACAddressFilterSet",
    "PowerOutletFilterSet",
    "PowerPortFilterSet",
    "RearPortFilterSet",
]
