"""DCIM filter inputs, split by model group like dcim/models; import them from here."""

from dcim.graphql.filters.cables import CableFilter, CableTerminationFilter
from dcim.graphql.filters.device_components import (
    ConsolePortFilter,
    ConsoleServerPortFilter,
    FrontPortFilter,
    InterfaceFilter,
    PowerOutletFilter,
    PowerPortFilter,
    RearPortFilter,
)
from dcim.graphql.filters.device_types import (
    ConsolePortTemplateFilter,
    ConsoleServerPortTemplateFilter,
    DeviceTypeFilter,
    FrontPortTemplateFilter,
    InterfaceTemplateFilter,
    ManufacturerFilter,
    PowerOutletTemplateFilter,
    PowerPortTemplateFilter,
    RearPortTemplateFilter,
)
from dcim.graphql.filters.devices import (
    DeviceFilter,
    DeviceRoleFilter,
    PlatformFilter,
    VirtualChassisFilter,
)
from dcim.graphql.filters.mac import MACAddressFilter
from dcim.graphql.filters.power import PowerFeedFilter, PowerPanelFilter
from dcim.graphql.filters.racks import RackFilter, RackRoleFilter, RackTypeFilter
from dcim.graphql.filters.sites import LocationFilter, RegionFilter, SiteFilter, SiteGroupFilter

__all__ = [
    "CableFilter",
    "CableTerminationFilter",
    "ConsolePortFilter",
    "ConsolePortTemplateFilter",
    "ConsoleServerPortFilter",
    "ConsoleServerPortTemplateFilter",
    "DeviceFilter",
    "DeviceRoleFilter",
    "DeviceTypeFilter",
    "FrontPortFilter",
    "FrontPortTemplateFilter",
    "InterfaceFilter",
    "InterfaceTemplateFilter",
    "LocationFilter",
    "MACAddressFilter",
    "ManufacturerFilter",
    "PlatformFilter",
    "PowerFeedFilter",
    "PowerOutletFilter",
    "PowerOutletTemplateFilter",
    "PowerPanelFilter",
    "PowerPortFilter",
    "PowerPortTemplateFilter",
    "RackFilter",
    "RackRoleFilter",
    "RackTypeFilter",
    "RearPortFilter",
    "RearPortTemplateFilter",
    "RegionFilter",
    "SiteFilter",
    "SiteGroupFilter",
    "VirtualChassisFilter",
]
