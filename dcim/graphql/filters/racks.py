"""Filters of rack roles, rack types and racks."""

from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import Q
from strawberry import ID

from dcim import models
from dcim.graphql.enums import (
    RackAirflowEnum,
    RackDimensionUnitEnum,
    RackFormFactorEnum,
    RackStatusEnum,
    WeightUnitEnum,
)
from dcim.graphql.filters.device_types import ManufacturerFilter
from dcim.graphql.filters.sites import LocationFilter, SiteScopeFilterMixin
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    ComparisonFilterLookup,
    OrganizationalFilterMixin,
    PrimaryFilterMixin,
    StrFilterLookup,
    TreeNodeFilter,
    tree_q,
)
from tenancy.graphql.filters import TenancyFilterMixin

DCIM = strawberry.lazy("dcim.graphql.filters")


@strawberry.input
class RackBaseFilterMixin(PrimaryFilterMixin):
    form_factor: BaseFilterLookup[RackFormFactorEnum] | None = strawberry_django.filter_field()
    width: strawberry.auto = strawberry_django.filter_field()
    u_height: strawberry.auto = strawberry_django.filter_field()
    starting_unit: strawberry.auto = strawberry_django.filter_field()
    desc_units: strawberry.auto = strawberry_django.filter_field()
    outer_width: strawberry.auto = strawberry_django.filter_field()
    outer_height: strawberry.auto = strawberry_django.filter_field()
    outer_depth: strawberry.auto = strawberry_django.filter_field()
    outer_unit: BaseFilterLookup[RackDimensionUnitEnum] | None = strawberry_django.filter_field()
    mounting_depth: strawberry.auto = strawberry_django.filter_field()
    weight: strawberry.auto = strawberry_django.filter_field()
    max_weight: strawberry.auto = strawberry_django.filter_field()
    weight_unit: BaseFilterLookup[WeightUnitEnum] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.RackRole, lookups=True)
class RackRoleFilter(OrganizationalFilterMixin):
    color: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.RackType, lookups=True)
class RackTypeFilter(RackBaseFilterMixin):
    manufacturer: Annotated[ManufacturerFilter, DCIM] | None = strawberry_django.filter_field()
    manufacturer_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    model: StrFilterLookup | None = strawberry_django.filter_field()
    slug: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.Rack, lookups=True)
class RackFilter(TenancyFilterMixin, SiteScopeFilterMixin, RackBaseFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    facility_id: StrFilterLookup | None = strawberry_django.filter_field()
    status: BaseFilterLookup[RackStatusEnum] | None = strawberry_django.filter_field()
    serial: StrFilterLookup | None = strawberry_django.filter_field()
    asset_tag: StrFilterLookup | None = strawberry_django.filter_field()
    airflow: BaseFilterLookup[RackAirflowEnum] | None = strawberry_django.filter_field()
    location: Annotated[LocationFilter, DCIM] | None = strawberry_django.filter_field()
    role: Annotated[RackRoleFilter, DCIM] | None = strawberry_django.filter_field()
    role_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    rack_type: Annotated[RackTypeFilter, DCIM] | None = strawberry_django.filter_field()
    rack_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description="Racks in this location or around it (tree).")
    def location_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(models.Location, f"{prefix}location", value)
