from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet

from dcim.api import (
    CableSerializer,
    CableTerminationSerializer,
    ConsolePortSerializer,
    ConsolePortTemplateSerializer,
    ConsoleServerPortSerializer,
    ConsoleServerPortTemplateSerializer,
    DeviceRoleSerializer,
    DeviceSerializer,
    DeviceTypeSerializer,
    FrontPortSerializer,
    FrontPortTemplateSerializer,
    InterfaceSerializer,
    InterfaceTemplateSerializer,
    LocationSerializer,
    MACAddressSerializer,
    ManufacturerSerializer,
    PlatformSerializer,
    PowerFeedSerializer,
    PowerOutletSerializer,
    PowerOutletTemplateSerializer,
    PowerPanelSerializer,
    PowerPortSerializer,
    PowerPortTemplateSerializer,
    RackRoleSerializer,
    RackSerializer,
    RackTypeSerializer,
    RearPortSerializer,
    RearPortTemplateSerializer,
    RegionSerializer,
    SiteGroupSerializer,
    SiteSerializer,
    VirtualChassisSerializer,
)
from dcim.api.device_views import DeviceViewSet, RackViewSet, VirtualChassisViewSet
from dcim.api.devices import PRIMARY_IP_RELATIONS
from dcim.api.views import CableViewSet, PassThroughViewSet, PathEndpointViewSet
from dcim.filtersets import (
    CableFilterSet,
    CableTerminationFilterSet,
    ConsolePortFilterSet,
    ConsolePortTemplateFilterSet,
    ConsoleServerPortFilterSet,
    ConsoleServerPortTemplateFilterSet,
    DeviceFilterSet,
    DeviceRoleFilterSet,
    DeviceTypeFilterSet,
    FrontPortFilterSet,
    FrontPortTemplateFilterSet,
    InterfaceFilterSet,
    InterfaceTemplateFilterSet,
    LocationFilterSet,
    MACAddressFilterSet,
    ManufacturerFilterSet,
    PlatformFilterSet,
    PowerFeedFilterSet,
    PowerOutletFilterSet,
    PowerOutletTemplateFilterSet,
    PowerPanelFilterSet,
    PowerPortFilterSet,
    PowerPortTemplateFilterSet,
    RackFilterSet,
    RackRoleFilterSet,
    RackTypeFilterSet,
    RearPortFilterSet,
    RearPortTemplateFilterSet,
    RegionFilterSet,
    SiteFilterSet,
    SiteGroupFilterSet,
    VirtualChassisFilterSet,
)
from dcim.models import (
    Cable,
    CableTermination,
    ConsolePort,
    ConsolePortTemplate,
    ConsoleServerPort,
    ConsoleServerPortTemplate,
    Device,
    DeviceRole,
    DeviceType,
    FrontPort,
    FrontPortTemplate,
    Interface,
    InterfaceTemplate,
    Location,
    MACAddress,
    Manufacturer,
    Platform,
    PowerFeed,
    PowerOutlet,
    PowerOutletTemplate,
    PowerPanel,
    PowerPort,
    PowerPortTemplate,
    Rack,
    RackRole,
    RackType,
    RearPort,
    RearPortTemplate,
    Region,
    Site,
    SiteGroup,
    VirtualChassis,
)
from ipam.models import VLAN, FHRPGroupAssignment, IPAddress, Prefix
from ipamcore.api.viewsets import ReadOnlyViewSet
from ipamcore.querysets import count_generic, count_related, tree_count, tree_depth
from ipamcore.registry import ObjectType
from virtualization.models import VirtualMachine


def template_example(
    base: dict[str, Any], rear_port_per_example: bool
) -> Callable[[int], dict[str, Any]]:
    def example(n: int) -> dict[str, Any]:
        payload = {
            "device_type": {"slug": "conformance-device-type"},
            "name": f"Port {n}",
            **base,
        }
        if rear_port_per_example:
            rear_port = RearPortTemplate.objects.create(
                device_type=DeviceType.objects.get(slug="conformance-device-type"),
                name=f"Rear port for {n}",
                type="8p8c",
            )
            payload["rear_port"] = rear_port.pk
        return payload

    return example


def template_type(
    model: type[Model],
    path: str,
    serializer: Any,
    filterset: Any,
    example: dict[str, Any],
    rear_port_per_example: bool = False,
) -> ObjectType:
    """A component template's entry: all seven differ only in these."""
    return ObjectType(
        model=model,
        path=path,
        serializer=serializer,
        filterset=filterset,
        examples=template_example(example, rear_port_per_example),
    )


def device_queryset() -> QuerySet:
    """Devices with their component counts, and the NAT addresses their primary IPs show."""
    return Device.objects.annotate(
        console_port_count=count_related(ConsolePort, "device"),
        console_server_port_count=count_related(ConsoleServerPort, "device"),
        power_port_count=count_related(PowerPort, "device"),
        power_outlet_count=count_related(PowerOutlet, "device"),
        interface_count=count_related(Interface, "device"),
        front_port_count=count_related(FrontPort, "device"),
        rear_port_count=count_related(RearPort, "device"),
    ).prefetch_related(*(f"{field}__nat_outside" for field in PRIMARY_IP_RELATIONS))


CONFORMANCE_DEVICE = "Conformance device"


def conformance_device() -> Device:
    """The device the component examples sit on (made on first use)."""
    device = Device.objects.filter(name=CONFORMANCE_DEVICE).first()
    if device is not None:
        return device
    manufacturer, _ = Manufacturer.objects.get_or_create(
        slug="conformance-manufacturer", defaults={"name": "Conformance manufacturer"}
    )
    device_type, _ = DeviceType.objects.get_or_create(
        slug="conformance-device-type",
        defaults={"manufacturer": manufacturer, "model": "Conformance type"},
    )
    role, _ = DeviceRole.objects.get_or_create(
        slug="conformance-device-role", defaults={"name": "Conformance device role"}
    )
    return Device.objects.create(
        name=CONFORMANCE_DEVICE,
        device_type=device_type,
        role=role,
        site=Site.objects.get(slug="conformance-site"),
    )


def component_example(n: int, prefix: str, **fields: object) -> dict[str, object]:
    conformance_device()
    return {"device": {"name": CONFORMANCE_DEVICE}, "name": f"{prefix}{n}", **fields}


def rear_port_example(n: int) -> dict[str, object]:
    device = conformance_device()
    rear, _ = RearPort.objects.get_or_create(
        device=device, name=f"rear-for-front{n}", defaults={"type": "8p8c"}
    )
    return component_example(n, "front", type="8p8c", rear_port=rear.pk)


def cable_example(n: int) -> dict[str, object]:
    device = conformance_device()
    ends = [
        Interface.objects.get_or_create(
            device=device, name=f"cable{n}-{end}", defaults={"type": "1000base-t"}
        )[0]
        for end in ("a", "b")
    ]
    return {
        "a_terminations": [{"object_type": "dcim.interface", "object_id": ends[0].pk}],
        "b_terminations": [{"object_type": "dcim.interface", "object_id": ends[1].pk}],
        "type": "cat6",
        "label": f"cable {n}",
    }


def interfaces() -> QuerySet:
    return Interface.objects.annotate(
        count_ipaddresses=count_generic(
            IPAddress, "assigned_object_type", "assigned_object_id", Interface
        ),
        count_fhrp_groups=count_generic(
            FHRPGroupAssignment, "interface_type", "interface_id", Interface
        ),
    )


OBJECT_TYPES = [
    ObjectType(
        model=Region,
        path="regions",
        serializer=RegionSerializer,
        filterset=RegionFilterSet,
        queryset=lambda: Region.objects.annotate(
            depth=tree_depth(Region),
            site_count=tree_count(Region, Site, "region_id"),
            prefix_count=tree_count(Region, Prefix, "_region_id"),
        ),
        examples=lambda n: {"name": f"Region {n}", "slug": f"region-{n}"},
    ),
    ObjectType(
        model=SiteGroup,
        path="site-groups",
        serializer=SiteGroupSerializer,
        filterset=SiteGroupFilterSet,
        queryset=lambda: SiteGroup.objects.annotate(
            depth=tree_depth(SiteGroup),
            site_count=tree_count(SiteGroup, Site, "group_id"),
            prefix_count=tree_count(SiteGroup, Prefix, "_site_group_id"),
        ),
        examples=lambda n: {"name": f"Site group {n}", "slug": f"site-group-{n}"},
    ),
    ObjectType(
        model=Site,
        path="sites",
        serializer=SiteSerializer,
        filterset=SiteFilterSet,
        queryset=lambda: Site.objects.annotate(
            device_count=count_related(Device, "site"),
            prefix_count=count_related(Prefix, "_site"),
            rack_count=count_related(Rack, "site"),
            virtualmachine_count=count_related(VirtualMachine, "site"),
            vlan_count=count_related(VLAN, "site"),
        ),
        examples=lambda n: {"name": f"Site {n}", "slug": f"site-{n}", "status": "planned"},
    ),
    ObjectType(
        model=Location,
        path="locations",
        serializer=LocationSerializer,
        filterset=LocationFilterSet,
        queryset=lambda: Location.objects.annotate(
            depth=tree_depth(Location),
            rack_count=tree_count(Location, Rack, "location_id"),
            device_count=tree_count(Location, Device, "location_id"),
            prefix_count=tree_count(Location, Prefix, "_location_id"),
        ),
        examples=lambda n: {
            "name": f"Location {n}",
            "slug": f"location-{n}",
            "site": {"slug": "conformance-site"},
        },
    ),
    # --- device types, racks, devices, power
    ObjectType(
        model=Manufacturer,
        path="manufacturers",
        serializer=ManufacturerSerializer,
        filterset=ManufacturerFilterSet,
        queryset=lambda: Manufacturer.objects.annotate(
            devicetype_count=count_related(DeviceType, "manufacturer"),
            platform_count=count_related(Platform, "manufacturer"),
        ),
        examples=lambda n: {"name": f"Manufacturer {n}", "slug": f"manufacturer-{n}"},
    ),
    ObjectType(
        model=DeviceType,
        path="device-types",
        serializer=DeviceTypeSerializer,
        filterset=DeviceTypeFilterSet,
        queryset=lambda: DeviceType.objects.annotate(
            device_count=count_related(Device, "device_type"),
            console_port_template_count=count_related(ConsolePortTemplate, "device_type"),
            console_server_port_template_count=count_related(
                ConsoleServerPortTemplate, "device_type"
            ),
            power_port_template_count=count_related(PowerPortTemplate, "device_type"),
            power_outlet_template_count=count_related(PowerOutletTemplate, "device_type"),
            interface_template_count=count_related(InterfaceTemplate, "device_type"),
            front_port_template_count=count_related(FrontPortTemplate, "device_type"),
            rear_port_template_count=count_related(RearPortTemplate, "device_type"),
        ),
        examples=lambda n: {
            "manufacturer": {"slug": "conformance-manufacturer"},
            "model": f"Model {n}",
            "slug": f"model-{n}",
            "u_height": 2,
        },
    ),
    ObjectType(
        model=DeviceRole,
        path="device-roles",
        serializer=DeviceRoleSerializer,
        filterset=DeviceRoleFilterSet,
        queryset=lambda: DeviceRole.objects.annotate(
            depth=tree_depth(DeviceRole),
            device_count=tree_count(DeviceRole, Device, "role_id"),
            virtualmachine_count=tree_count(DeviceRole, VirtualMachine, "role_id"),
        ),
        examples=lambda n: {"name": f"Device role {n}", "slug": f"device-role-{n}"},
    ),
    ObjectType(
        model=Platform,
        path="platforms",
        serializer=PlatformSerializer,
        filterset=PlatformFilterSet,
        queryset=lambda: Platform.objects.annotate(
            depth=tree_depth(Platform),
            device_count=tree_count(Platform, Device, "platform_id"),
            virtualmachine_count=tree_count(Platform, VirtualMachine, "platform_id"),
        ),
        examples=lambda n: {"name": f"Platform {n}", "slug": f"platform-{n}"},
    ),
    ObjectType(
        model=RackRole,
        path="rack-roles",
        serializer=RackRoleSerializer,
        filterset=RackRoleFilterSet,
        queryset=lambda: RackRole.objects.annotate(rack_count=count_related(Rack, "role")),
        examples=lambda n: {"name": f"Rack role {n}", "slug": f"rack-role-{n}", "color": "ff0000"},
    ),
    ObjectType(
        model=RackType,
        path="rack-types",
        serializer=RackTypeSerializer,
        filterset=RackTypeFilterSet,
        queryset=lambda: RackType.objects.annotate(rack_count=count_related(Rack, "rack_type")),
        examples=lambda n: {
            "manufacturer": {"slug": "conformance-manufacturer"},
            "model": f"Rack type {n}",
            "slug": f"rack-type-{n}",
            "form_factor": "4-post-cabinet",
            "u_height": 48,
        },
    ),
    ObjectType(
        model=Rack,
        path="racks",
        serializer=RackSerializer,
        filterset=RackFilterSet,
        viewset=RackViewSet,
        queryset=lambda: Rack.objects.annotate(
            device_count=count_related(Device, "rack"),
            powerfeed_count=count_related(PowerFeed, "rack"),
        ),
        examples=lambda n: {
            "name": f"Rack {n}",
            "site": {"slug": "conformance-site"},
            "status": "planned",
            "u_height": 42,
        },
    ),
    ObjectType(
        model=Device,
        path="devices",
        serializer=DeviceSerializer,
        filterset=DeviceFilterSet,
        viewset=DeviceViewSet,
        queryset=device_queryset,
        examples=lambda n: {
            "name": f"Device {n}",
            "device_type": {"slug": "conformance-device-type"},
            "role": {"slug": "conformance-device-role"},
            "site": {"slug": "conformance-site"},
        },
    ),
    ObjectType(
        model=VirtualChassis,
        path="virtual-chassis",
        serializer=VirtualChassisSerializer,
        filterset=VirtualChassisFilterSet,
        viewset=VirtualChassisViewSet,
        queryset=lambda: VirtualChassis.objects.annotate(
            member_count=count_related(Device, "virtual_chassis")
        ),
        examples=lambda n: {"name": f"Chassis {n}", "domain": f"domain-{n}"},
    ),
    template_type(
        ConsolePortTemplate,
        "console-port-templates",
        ConsolePortTemplateSerializer,
        ConsolePortTemplateFilterSet,
        {"type": "rj-45"},
    ),
    template_type(
        ConsoleServerPortTemplate,
        "console-server-port-templates",
        ConsoleServerPortTemplateSerializer,
        ConsoleServerPortTemplateFilterSet,
        {"type": "rj-45"},
    ),
    template_type(
        PowerPortTemplate,
        "power-port-templates",
        PowerPortTemplateSerializer,
        PowerPortTemplateFilterSet,
        {"type": "iec-60320-c14", "maximum_draw": 500, "allocated_draw": 250},
    ),
    template_type(
        PowerOutletTemplate,
        "power-outlet-templates",
        PowerOutletTemplateSerializer,
        PowerOutletTemplateFilterSet,
        {"type": "iec-60320-c13", "feed_leg": "A"},
    ),
    template_type(
        InterfaceTemplate,
        "interface-templates",
        InterfaceTemplateSerializer,
        InterfaceTemplateFilterSet,
        {"type": "1000base-t", "mgmt_only": True},
    ),
    template_type(
        RearPortTemplate,
        "rear-port-templates",
        RearPortTemplateSerializer,
        RearPortTemplateFilterSet,
        {"type": "8p8c", "positions": 2},
    ),
    template_type(
        FrontPortTemplate,
        "front-port-templates",
        FrontPortTemplateSerializer,
        FrontPortTemplateFilterSet,
        {"type": "8p8c", "rear_port_position": 1},
        # Each front port takes one position of the conformance rear port: a fresh one per n.
        rear_port_per_example=True,
    ),
    ObjectType(
        model=PowerPanel,
        path="power-panels",
        serializer=PowerPanelSerializer,
        filterset=PowerPanelFilterSet,
        queryset=lambda: PowerPanel.objects.annotate(
            powerfeed_count=count_related(PowerFeed, "power_panel")
        ),
        examples=lambda n: {"name": f"Panel {n}", "site": {"slug": "conformance-site"}},
    ),
    ObjectType(
        model=PowerFeed,
        path="power-feeds",
        serializer=PowerFeedSerializer,
        filterset=PowerFeedFilterSet,
        # A path endpoint like the components: `trace/`, and deletes retrace its paths.
        viewset=PathEndpointViewSet,
        examples=lambda n: {
            "power_panel": {"name": "Conformance panel"},
            "name": f"Feed {n}",
            "voltage": 230,
            "amperage": 16,
            "phase": "three-phase",
        },
    ),
    # --- device components, MAC addresses and cables
    ObjectType(
        model=Interface,
        path="interfaces",
        serializer=InterfaceSerializer,
        filterset=InterfaceFilterSet,
        queryset=interfaces,
        viewset=PathEndpointViewSet,
        examples=lambda n: component_example(n, "eth", type="1000base-t", mtu=1500),
    ),
    ObjectType(
        model=ConsolePort,
        path="console-ports",
        serializer=ConsolePortSerializer,
        filterset=ConsolePortFilterSet,
        viewset=PathEndpointViewSet,
        examples=lambda n: component_example(n, "con", type="rj-45", speed=9600),
    ),
    ObjectType(
        model=ConsoleServerPort,
        path="console-server-ports",
        serializer=ConsoleServerPortSerializer,
        filterset=ConsoleServerPortFilterSet,
        viewset=PathEndpointViewSet,
        examples=lambda n: component_example(n, "cs", type="rj-45"),
    ),
    ObjectType(
        model=PowerPort,
        path="power-ports",
        serializer=PowerPortSerializer,
        filterset=PowerPortFilterSet,
        viewset=PathEndpointViewSet,
        examples=lambda n: component_example(n, "psu", type="iec-60320-c14", maximum_draw=500),
    ),
    ObjectType(
        model=PowerOutlet,
        path="power-outlets",
        serializer=PowerOutletSerializer,
        filterset=PowerOutletFilterSet,
        viewset=PathEndpointViewSet,
        examples=lambda n: component_example(n, "outlet", type="iec-60320-c13", feed_leg="A"),
    ),
    ObjectType(
        model=RearPort,
        path="rear-ports",
        serializer=RearPortSerializer,
        filterset=RearPortFilterSet,
        viewset=PassThroughViewSet,
        examples=lambda n: component_example(n, "rear", type="8p8c", positions=2),
    ),
    ObjectType(
        model=FrontPort,
        path="front-ports",
        serializer=FrontPortSerializer,
        filterset=FrontPortFilterSet,
        viewset=PassThroughViewSet,
        examples=rear_port_example,
    ),
    ObjectType(
        model=MACAddress,
        path="mac-addresses",
        serializer=MACAddressSerializer,
        filterset=MACAddressFilterSet,
        examples=lambda n: {"mac_address": f"00:11:22:33:44:{n:02x}", "description": f"mac {n}"},
    ),
    ObjectType(
        model=Cable,
        path="cables",
        serializer=CableSerializer,
        filterset=CableFilterSet,
        queryset=lambda: Cable.objects.prefetch_related("terminations__termination"),
        viewset=CableViewSet,
        examples=cable_example,
    ),
    ObjectType(
        model=CableTermination,
        path="cable-terminations",
        serializer=CableTerminationSerializer,
        filterset=CableTerminationFilterSet,
        viewset=ReadOnlyViewSet,
    ),
]
