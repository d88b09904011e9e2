"""DCIM filtersets, split by model group with the same stems as dcim/models/."""

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
from dcim.filtersets.sites import (
    LocationFilterSet,
    RegionFilterSet,
    SiteFilterSet,
    SiteGroupFilterSet,
)

__all__ = ["LocationFilterSet", "RegionFilterSet", "SiteFilterSet", "SiteGroupFilterSet"]
# --- components and cables
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
