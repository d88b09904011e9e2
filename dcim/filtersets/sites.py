from __future__ import annotations

from django.db.models import Q

from dcim.models import Location, Region, Site, SiteGroup
from ipam.models import ASN
from ipam.models.asns import ASN_MAX
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
    asn_id = RelatedFilter(ASN, field_name="asns")
    asn = RelatedFilter(ASN, field_name="asns__asn", to_field_name="asn")
    search_fields = (
        "name",
        "facility",
        "description",
        "physical_address",
        "shipping_address",
        "comments",
    )

    def search_condition(self, value: str) -> Q:
        condition = super().search_condition(value)
        if value.isdigit() and int(value) <= ASN_MAX:
            with_asn = Site.asns.through.objects.filter(asn__asn=int(value))
            condition |= Q(pk__in=with_asn.values("site_id"))
        return condition

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
