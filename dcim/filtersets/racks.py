from __future__ import annotations

from dcim.models import Location, Manufacturer, Rack, RackRole, RackType, Region, Site, SiteGroup
from ipamcore.filtersets import (
    MultiValueCharFilter,
    PrimaryFilterSet,
    RelatedFilter,
    TreeFilter,
)
from tenancy.filtersets import TenancyFilterSet


class RackRoleFilterSet(PrimaryFilterSet):
    search_fields = ("name", "slug", "description")

    class Meta:
        model = RackRole
        fields = ("id", "name", "slug", "color", "description")


PHYSICAL_FILTER_FIELDS = (
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
)


class RackTypeFilterSet(PrimaryFilterSet):
    manufacturer_id = RelatedFilter(Manufacturer, field_name="manufacturer")
    manufacturer = RelatedFilter(
        Manufacturer, field_name="manufacturer__slug", to_field_name="slug"
    )
    search_fields = ("model", "description", "comments")

    class Meta:
        model = RackType
        fields = ("id", "model", "slug", *PHYSICAL_FILTER_FIELDS, "description")


class RackFilterSet(TenancyFilterSet):
    region_id = TreeFilter(Region, field_name="site__region")
    region = TreeFilter(Region, field_name="site__region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="site__group")
    site_group = TreeFilter(SiteGroup, field_name="site__group", to_field_name="slug")
    site_id = RelatedFilter(Site, field_name="site")
    site = RelatedFilter(Site, field_name="site__slug", to_field_name="slug")
    location_id = TreeFilter(Location, field_name="location")
    location = TreeFilter(Location, field_name="location", to_field_name="slug")
    rack_type_id = RelatedFilter(RackType, field_name="rack_type")
    rack_type = RelatedFilter(RackType, field_name="rack_type__slug", to_field_name="slug")
    manufacturer_id = RelatedFilter(Manufacturer, field_name="rack_type__manufacturer")
    manufacturer = RelatedFilter(
        Manufacturer, field_name="rack_type__manufacturer__slug", to_field_name="slug"
    )
    role_id = RelatedFilter(RackRole, field_name="role")
    role = RelatedFilter(RackRole, field_name="role__slug", to_field_name="slug")
    serial = MultiValueCharFilter(lookup_expr="iexact")
    search_fields = ("name", "facility_id", "serial", "asset_tag", "description", "comments")

    class Meta:
        model = Rack
        fields = (
            "id",
            "name",
            "facility_id",
            "asset_tag",
            "status",
            *PHYSICAL_FILTER_FIELDS,
            "airflow",
            "description",
        )
