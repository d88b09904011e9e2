"""Rack roles, rack types and racks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django

from dcim import models
from dcim.graphql.fields import counted
from dcim.graphql.filters import RackFilter, RackRoleFilter, RackTypeFilter
from ipamcore.graphql.types import PrimaryObjectType
from ipamcore.querysets import count_related

if TYPE_CHECKING:
    from dcim.graphql.types import (
        DeviceType,
        LocationType,
        ManufacturerType,
        PowerFeedType,
        SiteType,
    )
    from tenancy.graphql.types import TenantType

DCIM = strawberry.lazy("dcim.graphql.types")
TENANCY = strawberry.lazy("tenancy.graphql.types")

RACK_BASE_FIELDS = [
    "form_factor",
    "width",
    "u_height",
    "starting_unit",
    "desc_units",
    "outer_width",
    "outer_height",
    "outer_depth",
    "outer_unit",
    "mounting_depth",
    "weight",
    "max_weight",
    "weight_unit",
]


@strawberry_django.type(
    models.RackRole, fields=["name", "slug", "color"], filters=RackRoleFilter, pagination=True
)
class RackRoleType(PrimaryObjectType):
    rack_count: int = counted("rack_count", count_related(models.Rack, "role"))
    racks: list[Annotated[RackType, DCIM]]


@strawberry_django.type(
    models.RackType,
    fields=["model", "slug", *RACK_BASE_FIELDS],
    filters=RackTypeFilter,
    pagination=True,
)
class RackTypeType(PrimaryObjectType):
    rack_count: int = counted("rack_count", count_related(models.Rack, "rack_type"))
    manufacturer: Annotated[ManufacturerType, DCIM] | None
    racks: list[Annotated[RackType, DCIM]]


@strawberry_django.type(
    models.Rack,
    fields=["name", "facility_id", "status", "serial", "asset_tag", "airflow", *RACK_BASE_FIELDS],
    filters=RackFilter,
    pagination=True,
)
class RackType(PrimaryObjectType):
    device_count: int = counted("device_count", count_related(models.Device, "rack"))
    powerfeed_count: int = counted("powerfeed_count", count_related(models.PowerFeed, "rack"))
    site: Annotated[SiteType, DCIM] | None
    location: Annotated[LocationType, DCIM] | None
    tenant: Annotated[TenantType, TENANCY] | None
    role: Annotated[RackRoleType, DCIM] | None
    rack_type: Annotated[RackTypeType, DCIM] | None
    devices: list[Annotated[DeviceType, DCIM]]
    powerfeeds: list[Annotated[PowerFeedType, DCIM]]
