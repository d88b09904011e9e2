from __future__ import annotations

from dcim.models import Location, Region, Site, SiteGroup
from ipamcore.filtersets import NestedGroupFilterSet, RelatedFilter, TreeFilter
from tenancy.filtersets import TenancyFilterSet


class RegionFilterSet(NestedGroupFilterSet):
    class Meta:
        model = Region
        fields = ("id", "name", "slug", "description")


class SiteGroupFilterSet(NestedGroupFilterSet):
    class Meta:
        model = SiteGroup
        fields = ("id", "name", "slug", "description")


class SiteFilterSet(TenancyFilterSet):
    region_id = TreeFilter(Region, field_name="region")
    region = TreeFilter(Region, field_name="region", to_field_name="slug")
    group_id = TreeFilter(SiteGroup, field_name="group")
    group = TreeFilter(SiteGroup, field_name="group", to_field_name="slug")
    search_fields = (
        "name",
        "facility",
        "description",
        "physical_address",
        "shipping_address",
        "comments",
    )

    class Meta:
        model = Site
        fields = (
            "id",
            "name",
            "slug",
            "status",
            "facility",
            "latitude",
            "longitude",
            "description",
            "time_zone",
        )


class LocationFilterSet(TenancyFilterSet, NestedGroupFilterSet):
    site_id = RelatedFilter(Site, field_name="site")
    site = RelatedFilter(Site, field_name="site__slug", to_field_name="slug")
    region_id = TreeFilter(Region, field_name="site__region")
    region = TreeFilter(Region, field_name="site__region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="site__group")
    site_group = TreeFilter(SiteGroup, field_name="site__group", to_field_name="slug")
    search_fields = ("name", "slug", "description", "comments", "facility")

    class Meta:
        model = Location
        fields = ("id", "name", "slug", "status", "facility", "description")
