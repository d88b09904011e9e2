from __future__ import annotations

from dcim.models import Location, PowerFeed, PowerPanel, Rack, Region, Site, SiteGroup
from ipamcore.filtersets import PrimaryFilterSet, RelatedFilter, TreeFilter
from tenancy.filtersets import TenancyFilterSet


class PowerPanelFilterSet(PrimaryFilterSet):
    region_id = TreeFilter(Region, field_name="site__region")
    region = TreeFilter(Region, field_name="site__region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="site__group")
    site_group = TreeFilter(SiteGroup, field_name="site__group", to_field_name="slug")
    site_id = RelatedFilter(Site, field_name="site")
    site = RelatedFilter(Site, field_name="site__slug", to_field_name="slug")
    location_id = TreeFilter(Location, field_name="location")
    search_fields = ("name", "description", "comments")

    class Meta:
        model = PowerPanel
        fields = ("id", "name", "description")


class PowerFeedFilterSet(TenancyFilterSet):
    region_id = TreeFilter(Region, field_name="power_panel__site__region")
    region = TreeFilter(Region, field_name="power_panel__site__region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="power_panel__site__group")
    site_group = TreeFilter(SiteGroup, field_name="power_panel__site__group", to_field_name="slug")
    site_id = RelatedFilter(Site, field_name="power_panel__site")
    site = RelatedFilter(Site, field_name="power_panel__site__slug", to_field_name="slug")
    location_id = TreeFilter(Location, field_name="power_panel__location")
    power_panel_id = RelatedFilter(PowerPanel, field_name="power_panel")
    rack_id = RelatedFilter(Rack, field_name="rack")
    search_fields = ("name", "description", "comments")

    class Meta:
        model = PowerFeed
        fields = (
            "id",
            "name",
            "status",
            "type",
            "supply",
            "phase",
            "voltage",
            "amperage",
            "max_utilization",
            "mark_connected",
            "description",
        )
