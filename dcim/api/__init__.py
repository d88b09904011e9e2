"""DCIM serializers, split by model group with the same stems as dcim/models/."""

# --- components and cables
from dcim.api.cables import (
    CableSerializer,
    CableTerminationSerializer,
    MACAddressSerializer,
)
from dcim.api.device_components import (
    ConsolePortSerializer,
    ConsoleServerPortSerializer,
    FrontPortSerializer,
    InterfaceSerializer,
    PowerOutletSerializer,
    PowerPortSerializer,
    RearPortSerializer,
)
from dcim.api.sites import (
    LocationSerializer,
    RegionSerializer,
    SiteGroupSerializer,
    SiteSerializer,
)

__all__ = ["LocationSerializer", "RegionSerializer", "SiteGroupSerializer", "SiteSerializer"]
# --- components and cables
__all__ += [
    "CableSerializer",
    "CableTerminationSerializer",
    "ConsolePortSerializer",
    "ConsoleServerPortSerializer",
    "FrontPortSerializer",
    "InterfaceSerializer",
    "MACAddressSerializer",
    "PowerOutletSerializer",
    "PowerPortSerializer",
    "RearPortSerializer",
]
