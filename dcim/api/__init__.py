"""DCIM serializers, split by model group with the same stems as dcim/models/."""

from dcim.api.device_types import DeviceTypeSerializer, ManufacturerSerializer
from dcim.api.devices import (
    DeviceRoleSerializer,
    DeviceSerializer,
    PlatformSerializer,
    VirtualChassisSerializer,
)
from dcim.api.racks import RackRoleSerializer, RackSerializer, RackTypeSerializer
from dcim.api.sites import (
    LocationSerializer,
    RegionSerializer,
    SiteGroupSerializer,
    SiteSerializer,
)

__all__ = [
    "DeviceRoleSerializer",
    "DeviceSerializer",
    "DeviceTypeSerializer",
    "LocationSerializer",
    "ManufacturerSerializer",
    "PlatformSerializer",
    "RackRoleSerializer",
    "RackSerializer",
    "RackTypeSerializer",
    "RegionSerializer",
    "SiteGroupSerializer",
    "SiteSerializer",
    "VirtualChassisSerializer",
]

# --- components and cables
import dcim.api.schema  # noqa: F401  (registers the OpenAPI field extensions)
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
