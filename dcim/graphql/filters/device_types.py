"""Filters of manufacturers, device types and component templates."""

from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from strawberry import ID

from dcim import models
from dcim.graphql.enums import (
    ConsolePortTypeEnum,
    DeviceAirflowEnum,
    InterfacePoEModeEnum,
    InterfacePoETypeEnum,
    InterfaceTypeEnum,
    PortTypeEnum,
    PowerOutletFeedLegEnum,
    PowerOutletTypeEnum,
    PowerPortTypeEnum,
    SubdeviceRoleEnum,
    WeightUnitEnum,
)
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    ChangeLoggedFilterMixin,
    ComparisonFilterLookup,
    OrganizationalFilterMixin,
    PrimaryFilterMixin,
    StrFilterLookup,
)

DCIM = strawberry.lazy("dcim.graphql.filters")


@strawberry_django.filter_type(models.Manufacturer, lookups=True)
class ManufacturerFilter(OrganizationalFilterMixin):
    pass


@strawberry_django.filter_type(models.DeviceType, lookups=True)
class DeviceTypeFilter(PrimaryFilterMixin):
    manufacturer: Annotated[ManufacturerFilter, DCIM] | None = strawberry_django.filter_field()
    manufacturer_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    default_platform_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    model: StrFilterLookup | None = strawberry_django.filter_field()
    slug: StrFilterLookup | None = strawberry_django.filter_field()
    part_number: StrFilterLookup | None = strawberry_django.filter_field()
    u_height: strawberry.auto = strawberry_django.filter_field()
    exclude_from_utilization: strawberry.auto = strawberry_django.filter_field()
    is_full_depth: strawberry.auto = strawberry_django.filter_field()
    subdevice_role: BaseFilterLookup[SubdeviceRoleEnum] | None = strawberry_django.filter_field()
    airflow: BaseFilterLookup[DeviceAirflowEnum] | None = strawberry_django.filter_field()
    weight: strawberry.auto = strawberry_django.filter_field()
    weight_unit: BaseFilterLookup[WeightUnitEnum] | None = strawberry_django.filter_field()


@strawberry.input
class TemplateFilterMixin(ChangeLoggedFilterMixin):
    device_type: Annotated[DeviceTypeFilter, DCIM] | None = strawberry_django.filter_field()
    device_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    name: StrFilterLookup | None = strawberry_django.filter_field()
    label: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.ConsolePortTemplate, lookups=True)
class ConsolePortTemplateFilter(TemplateFilterMixin):
    type: BaseFilterLookup[ConsolePortTypeEnum] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.ConsoleServerPortTemplate, lookups=True)
class ConsoleServerPortTemplateFilter(TemplateFilterMixin):
    type: BaseFilterLookup[ConsolePortTypeEnum] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.PowerPortTemplate, lookups=True)
class PowerPortTemplateFilter(TemplateFilterMixin):
    type: BaseFilterLookup[PowerPortTypeEnum] | None = strawberry_django.filter_field()
    maximum_draw: strawberry.auto = strawberry_django.filter_field()
    allocated_draw: strawberry.auto = strawberry_django.filter_field()


@strawberry_django.filter_type(models.PowerOutletTemplate, lookups=True)
class PowerOutletTemplateFilter(TemplateFilterMixin):
    type: BaseFilterLookup[PowerOutletTypeEnum] | None = strawberry_django.filter_field()
    feed_leg: BaseFilterLookup[PowerOutletFeedLegEnum] | None = strawberry_django.filter_field()
    power_port_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.InterfaceTemplate, lookups=True)
class InterfaceTemplateFilter(TemplateFilterMixin):
    type: BaseFilterLookup[InterfaceTypeEnum] | None = strawberry_django.filter_field()
    enabled: strawberry.auto = strawberry_django.filter_field()
    mgmt_only: strawberry.auto = strawberry_django.filter_field()
    bridge_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    poe_mode: BaseFilterLookup[InterfacePoEModeEnum] | None = strawberry_django.filter_field()
    poe_type: BaseFilterLookup[InterfacePoETypeEnum] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.RearPortTemplate, lookups=True)
class RearPortTemplateFilter(TemplateFilterMixin):
    type: BaseFilterLookup[PortTypeEnum] | None = strawberry_django.filter_field()
    color: StrFilterLookup | None = strawberry_django.filter_field()
    positions: strawberry.auto = strawberry_django.filter_field()


@strawberry_django.filter_type(models.FrontPortTemplate, lookups=True)
class FrontPortTemplateFilter(TemplateFilterMixin):
    type: BaseFilterLookup[PortTypeEnum] | None = strawberry_django.filter_field()
    color: StrFilterLookup | None = strawberry_django.filter_field()
    rear_port_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    rear_port_position: strawberry.auto = strawberry_django.filter_field()
