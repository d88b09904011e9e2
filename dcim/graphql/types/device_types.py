"""Manufacturers, device types and the component templates of a device type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django

from dcim import models
from dcim.graphql.fields import counted
from dcim.graphql.filters import (
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
from ipamcore.graphql.types import ChangeLoggedObjectType, PrimaryObjectType
from ipamcore.querysets import count_related

if TYPE_CHECKING:
    from dcim.graphql.types import DeviceType, PlatformType, RackTypeType

DCIM = strawberry.lazy("dcim.graphql.types")

TEMPLATE_FIELDS = ["name", "label", "description"]


@strawberry_django.type(
    models.Manufacturer, fields=["name", "slug"], filters=ManufacturerFilter, pagination=True
)
class ManufacturerType(PrimaryObjectType):
    devicetype_count: int = counted(
        "devicetype_count", count_related(models.DeviceType, "manufacturer")
    )
    platform_count: int = counted("platform_count", count_related(models.Platform, "manufacturer"))
    device_types: list[Annotated[DeviceTypeType, DCIM]]
    rack_types: list[Annotated[RackTypeType, DCIM]]
    platforms: list[Annotated[PlatformType, DCIM]]


@strawberry_django.type(
    models.DeviceType,
    fields=[
        "model",
        "slug",
        "part_number",
        "u_height",
        "exclude_from_utilization",
        "is_full_depth",
        "subdevice_role",
        "airflow",
        "weight",
        "weight_unit",
    ],
    filters=DeviceTypeFilter,
    pagination=True,
)
class DeviceTypeType(PrimaryObjectType):
    device_count: int = counted("device_count", count_related(models.Device, "device_type"))
    manufacturer: Annotated[ManufacturerType, DCIM] | None
    default_platform: Annotated[PlatformType, DCIM] | None
    instances: list[Annotated[DeviceType, DCIM]]
    consoleporttemplates: list[Annotated[ConsolePortTemplateType, DCIM]]
    consoleserverporttemplates: list[Annotated[ConsoleServerPortTemplateType, DCIM]]
    powerporttemplates: list[Annotated[PowerPortTemplateType, DCIM]]
    poweroutlettemplates: list[Annotated[PowerOutletTemplateType, DCIM]]
    interfacetemplates: list[Annotated[InterfaceTemplateType, DCIM]]
    rearporttemplates: list[Annotated[RearPortTemplateType, DCIM]]
    frontporttemplates: list[Annotated[FrontPortTemplateType, DCIM]]


@strawberry_django.type(
    models.ConsolePortTemplate,
    fields=[*TEMPLATE_FIELDS, "type"],
    filters=ConsolePortTemplateFilter,
    pagination=True,
)
class ConsolePortTemplateType(ChangeLoggedObjectType):
    device_type: Annotated[DeviceTypeType, DCIM] | None


@strawberry_django.type(
    models.ConsoleServerPortTemplate,
    fields=[*TEMPLATE_FIELDS, "type"],
    filters=ConsoleServerPortTemplateFilter,
    pagination=True,
)
class ConsoleServerPortTemplateType(ChangeLoggedObjectType):
    device_type: Annotated[DeviceTypeType, DCIM] | None


@strawberry_django.type(
    models.PowerPortTemplate,
    fields=[*TEMPLATE_FIELDS, "maximum_draw", "allocated_draw", "type"],
    filters=PowerPortTemplateFilter,
    pagination=True,
)
class PowerPortTemplateType(ChangeLoggedObjectType):
    device_type: Annotated[DeviceTypeType, DCIM] | None
    poweroutlet_templates: list[Annotated[PowerOutletTemplateType, DCIM]]


@strawberry_django.type(
    models.PowerOutletTemplate,
    fields=[*TEMPLATE_FIELDS, "feed_leg", "type"],
    filters=PowerOutletTemplateFilter,
    pagination=True,
)
class PowerOutletTemplateType(ChangeLoggedObjectType):
    device_type: Annotated[DeviceTypeType, DCIM] | None
    power_port: Annotated[PowerPortTemplateType, DCIM] | None


@strawberry_django.type(
    models.InterfaceTemplate,
    fields=[*TEMPLATE_FIELDS, "type", "enabled", "mgmt_only", "poe_mode", "poe_type"],
    filters=InterfaceTemplateFilter,
    pagination=True,
)
class InterfaceTemplateType(ChangeLoggedObjectType):
    device_type: Annotated[DeviceTypeType, DCIM] | None
    bridge: Annotated[InterfaceTemplateType, DCIM] | None
    bridge_interfaces: list[Annotated[InterfaceTemplateType, DCIM]]


@strawberry_django.type(
    models.RearPortTemplate,
    fields=[*TEMPLATE_FIELDS, "type", "color", "positions"],
    filters=RearPortTemplateFilter,
    pagination=True,
)
class RearPortTemplateType(ChangeLoggedObjectType):
    device_type: Annotated[DeviceTypeType, DCIM] | None
    frontport_templates: list[Annotated[FrontPortTemplateType, DCIM]]


@strawberry_django.type(
    models.FrontPortTemplate,
    fields=[*TEMPLATE_FIELDS, "type", "color", "rear_port_position"],
    filters=FrontPortTemplateFilter,
    pagination=True,
)
class FrontPortTemplateType(ChangeLoggedObjectType):
    device_type: Annotated[DeviceTypeType, DCIM] | None
    rear_port: Annotated[RearPortTemplateType, DCIM] | None
