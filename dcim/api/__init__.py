"""DCIM serializers, split by model group with the same stems as dcim/models/."""

from dcim.api.device_types import DeviceTypeSerializer, ManufacturerSerializer
from dcim.api.devices import (
    DeviceRoleSerializer,
    DeviceSerializer,
    PlatformSerializer,
    VirtualChassisSerializer,
)
from dcim.api.power import PowerFeedSerializer, PowerPanelSerializer
from dcim.api.racks import RackRoleSerializer, RackSerializer, RackTypeSerializer
from dcim.api.sites import (
    LocationSerializer,
    RegionSerializer,
    SiteGroupSerializer,
    SiteSerializer,
)
from dcim.api.templates import (
    ConsolePortTemplateSerializer,
    ConsoleServerPortTemplateSerializer,
    FrontPortTemplateSerializer,
    InterfaceTemplateSerializer,
    PowerOutletTemplateSerializer,
    PowerPortTemplateSerializer,
    RearPortTemplateSerializer,
)

__all__ = [
    "ConsolePortTemplateSerializer",
    "ConsoleServerPortTemplateSerializer",
    "DeviceRoleSerializer",
    "DeviceSerializer",
    "DeviceTypeSerializer",
    "FrontPortTemplateSerializer",
    "InterfaceTemplateSerializer",
    "LocationSerializer",
    "ManufacturerSerializer",
    "PlatformSerializer",
    "PowerFeedSerializer",
    "PowerOutletTemplateSerializer",
    "PowerPanelSerializer",
    "PowerPortTemplateSerializer",
    "RackRoleSerializer",
    "RackSerializer",
    "RackTypeSerializer",
    "RearPortTemplateSerializer",
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
