"""Filters for VLAN groups and VLANs."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL

from dcim.models import Location, Region, Site, SiteGroup
from ipam.models import VLAN, Role, VLANGroup
from ipamcore.filtersets import (
    MultiValueDecimalFilter,
    MultiValueNumberFilter,
    ObjectTypeFilter,
    RelatedFilter,
    TreeFilter,
)
from tenancy.filtersets import TenancyFilterSet

VID_COUNT_SQL = (
    'SELECT COALESCE(SUM(upper(r) - lower(r)), 0) FROM unnest("ipam_vlangroup"."vid_ranges") r'
)


class ScopeObjectFilter(MultiValueNumberFilter):
    """VLAN groups scoped exactly to the object with this id (no ancestor matching)."""

    lookup_kind = None

    def __init__(self, *args: Any, scope_model: str = "", **kwargs: Any) -> None:
        self.scope_model = scope_model
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: list[int]) -> QuerySet:
        if not value:
            return qs
        app_label, _, model = self.scope_model.partition(".")
        return qs.filter(
            scope_type__app_label=app_label, scope_type__model=model, scope_id__in=value
        )


class VLANGroupFilterSet(TenancyFilterSet):
    scope_type = ObjectTypeFilter()
    region = ScopeObjectFilter(scope_model="dcim.region")
    site_group = ScopeObjectFilter(scope_model="dcim.sitegroup")
    site = ScopeObjectFilter(scope_model="dcim.site")
    location = ScopeObjectFilter(scope_model="dcim.location")
    contains_vid = django_filters.NumberFilter(method="filter_contains_vid")
    # total_vlan_ids is derived from vid_ranges; filter_queryset adds it as "vid_total".
    total_vlan_ids = MultiValueNumberFilter(field_name="vid_total")
    utilization = MultiValueDecimalFilter(field_name="_utilization")
    search_fields = ("name", "description")

    class Meta:
        model = VLANGroup
        fields = ("id", "name", "slug", "description", "scope_id")

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if any(key.startswith("total_vlan_ids") for key in self.data):
            queryset = queryset.annotate(
                vid_total=RawSQL(f"({VID_COUNT_SQL})", (), output_field=IntegerField())
            )
        return super().filter_queryset(queryset)

    def filter_contains_vid(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None or not 0 <= value <= 2**31 - 1:
            return queryset.none()
        inside = RawSQL(
            '%s::integer <@ ANY("ipam_vlangroup"."vid_ranges")',
            (int(value),),
            output_field=BooleanField(),
        )
        return queryset.filter(inside)


class VLANFilterSet(TenancyFilterSet):
    site_id = RelatedFilter(Site, field_name="site")
    site = RelatedFilter(Site, field_name="site__slug", to_field_name="slug")
    region_id = TreeFilter(Region, field_name="site__region")
    region = TreeFilter(Region, field_name="site__region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="site__group")
    site_group = TreeFilter(SiteGroup, field_name="site__group", to_field_name="slug")
    group_id = RelatedFilter(VLANGroup, field_name="group")
    group = RelatedFilter(VLANGroup, field_name="group__slug", to_field_name="slug")
    role_id = RelatedFilter(Role, field_name="role")
    role = RelatedFilter(Role, field_name="role__slug", to_field_name="slug")
    qinq_svlan_id = RelatedFilter(VLAN, field_name="qinq_svlan")
    qinq_svlan_vid = MultiValueNumberFilter(field_name="qinq_svlan__vid")
    available_at_site = django_filters.ModelChoiceFilter(
        queryset=Site.objects.all(), method="filter_available_at_site"
    )
    search_fields = ("name", "description")

    class Meta:
        model = VLAN
        fields = ("id", "vid", "name", "status", "qinq_role", "description")

    def search_condition(self, value: str) -> Q:
        condition = super().search_condition(value)
        if value.isdigit() and len(value) <= 4:
            condition |= Q(vid=int(value))
        return condition

    def filter_available_at_site(self, queryset: QuerySet, name: str, site: Site) -> QuerySet:
        return queryset.filter(available_at(site))


def available_at(site: Site) -> Q:
    """VLANs a device at `site` may use: global ones, the site's own, and those in groups
    scoped to the site, its locations, or its region or site group (or their ancestors)."""
    condition = Q(site__isnull=True, group__scope_id__isnull=True) | Q(site=site)
    condition |= scoped_to(Site, [site.pk])
    condition |= scoped_to(Location, list(site.locations.values_list("pk", flat=True)))
    if site.region_id:
        regions = Region.objects.ancestors(site.region, include_self=True)
        condition |= scoped_to(Region, [region.pk for region in regions])
    if site.group_id:
        groups = SiteGroup.objects.ancestors(site.group, include_self=True)
        condition |= scoped_to(SiteGroup, [group.pk for group in groups])
    return condition


def scoped_to(model: type, ids: list[int]) -> Q:
    content_type = ContentType.objects.get_for_model(model)
    return Q(group__scope_type=content_type, group__scope_id__in=ids)
