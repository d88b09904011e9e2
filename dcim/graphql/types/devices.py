"""Device roles, platforms, devices and virtual chassis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry.scalars import JSON
from strawberry.types import Info

from dcim import models
from dcim.graphql.fields import (
    batch_config_contexts,
    config_context_of,
    counted,
)
from dcim.graphql.filters import (
    DeviceFilter,
    DeviceRoleFilter,
    PlatformFilter,
    VirtualChassisFilter,
)
from ipamcore.graphql.types import NestedGroupObjectType, PrimaryObjectType
from ipamcore.querysets import count_related, tree_count
from virtualization.models import VirtualMachine

if TYPE_CHECKING:
    from dcim.graphql.types import (
        ConsolePortType,
        ConsoleServerPortType,
        DeviceTypeType,
        FrontPortType,
        InterfaceType,
        LocationType,
        ManufacturerType,
        PowerOutletType,
        PowerPortType,
        RackType,
        RearPortType,
        SiteType,
    )
    from ipam.graphql.types import IPAddressType, ServiceType
    from tenancy.graphql.types import TenantType
    from virtualization.graphql.types import ClusterType, VirtualMachineType

DCIM = strawberry.lazy("dcim.graphql.types")
IPAM = strawberry.lazy("ipam.graphql.types")
TENANCY = strawberry.lazy("tenancy.graphql.types")
VIRTUALIZATION = strawberry.lazy("virtualization.graphql.types")


@strawberry_django.type(
    models.DeviceRole,
    fields=["name", "slug", "color", "vm_role"],
    filters=DeviceRoleFilter,
    pagination=True,
)
class DeviceRoleType(NestedGroupObjectType):
    device_count: int = counted(
        "device_count", tree_count(models.DeviceRole, models.Device, "role_id")
    )
    virtualmachine_count: int = counted(
        "virtualmachine_count", tree_count(models.DeviceRole, VirtualMachine, "role_id")
    )
    parent: Annotated[DeviceRoleType, DCIM] | None
    children: list[Annotated[DeviceRoleType, DCIM]]
    devices: list[Annotated[DeviceType, DCIM]]
    virtual_machines: list[Annotated[VirtualMachineType, VIRTUALIZATION]]


@strawberry_django.type(
    models.Platform, fields=["name", "slug"], filters=PlatformFilter, pagination=True
)
class PlatformType(NestedGroupObjectType):
    device_count: int = counted(
        "device_count", tree_count(models.Platform, models.Device, "platform_id")
    )
    virtualmachine_count: int = counted(
        "virtualmachine_count", tree_count(models.Platform, VirtualMachine, "platform_id")
    )
    parent: Annotated[PlatformType, DCIM] | None
    manufacturer: Annotated[ManufacturerType, DCIM] | None
    children: list[Annotated[PlatformType, DCIM]]
    devices: list[Annotated[DeviceType, DCIM]]
    virtual_machines: list[Annotated[VirtualMachineType, VIRTUALIZATION]]


@strawberry_django.type(
    models.Device,
    fields=[
        "name",
        "serial",
        "asset_tag",
        "position",
        "latitude",
        "longitude",
        "status",
        "airflow",
        "vc_position",
        "vc_priority",
        "face",
    ],
    filters=DeviceFilter,
    pagination=True,
)
class DeviceType(PrimaryObjectType):
    device_type: Annotated[DeviceTypeType, DCIM] | None
    role: Annotated[DeviceRoleType, DCIM] | None
    tenant: Annotated[TenantType, TENANCY] | None
    platform: Annotated[PlatformType, DCIM] | None
    site: Annotated[SiteType, DCIM] | None
    location: Annotated[LocationType, DCIM] | None
    rack: Annotated[RackType, DCIM] | None
    primary_ip4: Annotated[IPAddressType, IPAM] | None
    primary_ip6: Annotated[IPAddressType, IPAM] | None
    oob_ip: Annotated[IPAddressType, IPAM] | None
    cluster: Annotated[ClusterType, VIRTUALIZATION] | None
    virtual_chassis: Annotated[VirtualChassisType, DCIM] | None
    local_context_data: JSON | None
    interfaces: list[Annotated[InterfaceType, DCIM]]
    consoleports: list[Annotated[ConsolePortType, DCIM]]
    consoleserverports: list[Annotated[ConsoleServerPortType, DCIM]]
    powerports: list[Annotated[PowerPortType, DCIM]]
    poweroutlets: list[Annotated[PowerOutletType, DCIM]]
    rearports: list[Annotated[RearPortType, DCIM]]
    frontports: list[Annotated[FrontPortType, DCIM]]
    services: list[Annotated[ServiceType, IPAM]]
    virtual_machines: list[Annotated[VirtualMachineType, VIRTUALIZATION]]
    vc_master_for: Annotated[VirtualChassisType, DCIM] | None

    @classmethod
    def get_queryset(cls, queryset: QuerySet[Any], info: Info, **kwargs: Any) -> QuerySet[Any]:
        return batch_config_contexts(super().get_queryset(queryset, info, **kwargs))

    @strawberry_django.field(description="The merged config context (as the REST API's).")
    def config_context(self, root: models.Device) -> JSON:
        return config_context_of(root)

    console_port_count: int = counted(
        "console_port_count", count_related(models.ConsolePort, "device")
    )
    console_server_port_count: int = counted(
        "console_server_port_count", count_related(models.ConsoleServerPort, "device")
    )
    power_port_count: int = counted("power_port_count", count_related(models.PowerPort, "device"))
    power_outlet_count: int = counted(
        "power_outlet_count", count_related(models.PowerOutlet, "device")
    )
    interface_count: int = counted("interface_count", count_related(models.Interface, "device"))
    front_port_count: int = counted("front_port_count", count_related(models.FrontPort, "device"))
    rear_port_count: int = counted("rear_port_count", count_related(models.RearPort, "device"))

    @strawberry_django.field(select_related=["virtual_chassis", "device_type__manufacturer"])
    def display(self, root: models.Device) -> str:
        """A device without a name shows its chassis position or its type (one query)."""
        return str(root)


@strawberry_django.type(
    models.VirtualChassis,
    fields=["name", "domain"],
    filters=VirtualChassisFilter,
    pagination=True,
)
class VirtualChassisType(PrimaryObjectType):
    member_count: int = counted("member_count", count_related(models.Device, "virtual_chassis"))
    master: Annotated[DeviceType, DCIM] | None
    members: list[Annotated[DeviceType, DCIM]]
