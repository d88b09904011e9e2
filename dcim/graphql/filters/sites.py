"""Filters of regions, site groups, sites and locations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from django.db.models import Q
from strawberry import ID

from dcim import models
from dcim.graphql.enums import SiteStatusEnum
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    ComparisonFilterLookup,
    NestedGroupFilterMixin,
    PrimaryFilterMixin,
    StrFilterLookup,
    TreeNodeFilter,
    tree_q,
)
from tenancy.graphql.filters import TenancyFilterMixin

if TYPE_CHECKING:
    from ipam.graphql.filters import ASNFilter

DCIM = strawberry.lazy("dcim.graphql.filters")


@strawberry.input
class SiteScopeFilterMixin:
    """`region_id`, `site_group_id`, `site`, `site_id` of models that sit on a site."""

    site: Annotated[SiteFilter, DCIM] | None = strawberry_django.filter_field()
    site_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description="Objects at a site of this region (tree).")
    def region_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(models.Region, f"{prefix}site__region", value)

    @strawberry_django.filter_field(description="Objects at a site of this site group (tree).")
    def site_group_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(models.SiteGroup, f"{prefix}site__group", value)


@strawberry_django.filter_type(models.Region, lookups=True)
class RegionFilter(NestedGroupFilterMixin):
    parent: Annotated[RegionFilter, DCIM] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.SiteGroup, lookups=True)
class SiteGroupFilter(NestedGroupFilterMixin):
    parent: Annotated[SiteGroupFilter, DCIM] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.Site, lookups=True)
class SiteFilter(TenancyFilterMixin, PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    slug: StrFilterLookup | None = strawberry_django.filter_field()
    status: BaseFilterLookup[SiteStatusEnum] | None = strawberry_django.filter_field()
    facility: StrFilterLookup | None = strawberry_django.filter_field()
    time_zone: StrFilterLookup | None = strawberry_django.filter_field()
    physical_address: StrFilterLookup | None = strawberry_django.filter_field()
    shipping_address: StrFilterLookup | None = strawberry_django.filter_field()
    latitude: strawberry.auto = strawberry_django.filter_field()
    longitude: strawberry.auto = strawberry_django.filter_field()
    region: Annotated[RegionFilter, DCIM] | None = strawberry_django.filter_field()
    group: Annotated[SiteGroupFilter, DCIM] | None = strawberry_django.filter_field()
    asns: Annotated[ASNFilter, strawberry.lazy("ipam.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )

    @strawberry_django.filter_field(description="Sites in this region or around it (tree).")
    def region_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(models.Region, f"{prefix}region", value)

    @strawberry_django.filter_field(description="Sites in this site group or around it (tree).")
    def group_id(self, value: TreeNodeFilter, prefix: str) -> Q:
        return tree_q(models.SiteGroup, f"{prefix}group", value)


@strawberry_django.filter_type(models.Location, lookups=True)
class LocationFilter(TenancyFilterMixin, SiteScopeFilterMixin, NestedGroupFilterMixin):
    parent: Annotated[LocationFilter, DCIM] | None = strawberry_django.filter_field()
    status: BaseFilterLookup[SiteStatusEnum] | None = strawberry_django.filter_field()
    facility: StrFilterLookup | None = strawberry_django.filter_field()
