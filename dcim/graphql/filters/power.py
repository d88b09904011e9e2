"""Filters of power panels and power feeds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import ID

from dcim import models
from dcim.graphql.enums import (
    CableEndEnum,
    PowerFeedPhaseEnum,
    PowerFeedStatusEnum,
    PowerFeedSupplyEnum,
    PowerFeedTypeEnum,
)
from dcim.graphql.filters.racks import RackFilter
from dcim.graphql.filters.sites import LocationFilter, SiteScopeFilterMixin
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    ComparisonFilterLookup,
    PrimaryFilterMixin,
    StrFilterLookup,
)
from tenancy.graphql.filters import TenancyFilterMixin

if TYPE_CHECKING:
    from dcim.graphql.filters import CableFilter

DCIM = strawberry.lazy("dcim.graphql.filters")


@strawberry_django.filter_type(models.PowerPanel, lookups=True)
class PowerPanelFilter(SiteScopeFilterMixin, PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    location: Annotated[LocationFilter, DCIM] | None = strawberry_django.filter_field()
    location_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.PowerFeed, lookups=True)
class PowerFeedFilter(TenancyFilterMixin, PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    power_panel: Annotated[PowerPanelFilter, DCIM] | None = strawberry_django.filter_field()
    power_panel_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    rack: Annotated[RackFilter, DCIM] | None = strawberry_django.filter_field()
    rack_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    status: BaseFilterLookup[PowerFeedStatusEnum] | None = strawberry_django.filter_field()
    type: BaseFilterLookup[PowerFeedTypeEnum] | None = strawberry_django.filter_field()
    supply: BaseFilterLookup[PowerFeedSupplyEnum] | None = strawberry_django.filter_field()
    phase: BaseFilterLookup[PowerFeedPhaseEnum] | None = strawberry_django.filter_field()
    voltage: strawberry.auto = strawberry_django.filter_field()
    amperage: strawberry.auto = strawberry_django.filter_field()
    max_utilization: strawberry.auto = strawberry_django.filter_field()
    available_power: strawberry.auto = strawberry_django.filter_field()
    cable: Annotated[CableFilter, DCIM] | None = strawberry_django.filter_field()
    cable_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    cable_end: BaseFilterLookup[CableEndEnum] | None = strawberry_django.filter_field()
    mark_connected: strawberry.auto = strawberry_django.filter_field()
