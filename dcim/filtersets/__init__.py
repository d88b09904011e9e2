"""DCIM filtersets, split by model group with the same stems as dcim/models/."""

from dcim.filtersets.device_types import (
    ConsolePortTemplateFilterSet,
    ConsoleServerPortTemplateFilterSet,
    DeviceTypeFilterSet,
    FrontPortTemplateFilterSet,
    InterfaceTemplateFilterSet,
    ManufacturerFilterSet,
    PowerOutletTemplateFilterSet,
    PowerPortTemplateFilterSet,
    RearPortTemplateFilterSet,
)
from dcim.filtersets.devices import (
    DeviceFilterSet,
    DeviceRoleFilterSet,
    PlatformFilterSet,
    VirtualChassisFilterSet,
)
from dcim.filtersets.power import PowerFeedFilterSet, PowerPanelFilterSet
from dcim.filtersets.racks import RackFilterSet, RackRoleFilterSet, RackTypeFilterSet
from dcim.filtersets.sites import (
    LocationFilterSet,
    RegionFilterSet,
    SiteFilterSet,
    SiteGroupFilterSet,
)

__all__ = [
    "ConsolePortTemplateFilterSet",
    "ConsoleServerPortTemplateFilterSet",
    "DeviceFilterSet",
    "DeviceRoleFilterSet",
    "DeviceTypeFilterSet",
    "FrontPortTemplateFilterSet",
    "InterfaceTemplateFilterSet",
    "LocationFilterSet",
    "ManufacturerFilterSet",
    "PlatformFilterSet",
    "PowerFeedFilterSet",
    "PowerOutletTemplateFilterSet",
    "PowerPanelFilterSet",
    "PowerPortTemplateFilterSet",
    "RackFilterSet",
    "RackRoleFilterSet",
    "RackTypeFilterSet",
    "RearPortTemplateFilterSet",
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
