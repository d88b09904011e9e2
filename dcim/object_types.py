from dcim.api import LocationSerializer, RegionSerializer, SiteGroupSerializer, SiteSerializer
from dcim.filtersets import LocationFilterSet, RegionFilterSet, SiteFilterSet, SiteGroupFilterSet
from dcim.models import Location, Region, Site, SiteGroup
from ipam.models import VLAN, Prefix
from ipamcore.querysets import count_related, tree_count, tree_depth
from ipamcore.registry import ObjectType

OBJECT_TYPES = [
    ObjectType(
        model=Region,
        path="regions",
        serializer=RegionSerializer,
        filterset=RegionFilterSet,
        queryset=lambda: Region.objects.annotate(
            depth=tree_depth(Region),
            site_count=tree_count(Region, Site, "region_id"),
            prefix_count=tree_count(Region, Prefix, "_region_id"),
        ),
        examples=lambda n: {"name": f"Region {n}", "slug": f"region-{n}"},
    ),
    ObjectType(
        model=SiteGroup,
        path="site-groups",
        serializer=SiteGroupSerializer,
        filterset=SiteGroupFilterSet,
        queryset=lambda: SiteGroup.objects.annotate(
            depth=tree_depth(SiteGroup),
            site_count=tree_count(SiteGroup, Site, "group_id"),
            prefix_count=tree_count(SiteGroup, Prefix, "_site_group_id"),
        ),
        examples=lambda n: {"name": f"Site group {n}", "slug": f"site-group-{n}"},
    ),
    ObjectType(
        model=Site,
        path="sites",
        serializer=SiteSerializer,
        filterset=SiteFilterSet,
        queryset=lambda: Site.objects.annotate(
            prefix_count=count_related(Prefix, "_site"), vlan_count=count_related(VLAN, "site")
        ),
        examples=lambda n: {"name": f"Site {n}", "slug": f"site-{n}", "status": "planned"},
    ),
    ObjectType(
        model=Location,
        path="locations",
        serializer=LocationSerializer,
        filterset=LocationFilterSet,
        queryset=lambda: Location.objects.annotate(
            depth=tree_depth(Location),
            prefix_count=tree_count(Location, Prefix, "_location_id"),
        ),
        examples=lambda n: {
            "name": f"Location {n}",
            "slug": f"location-{n}",
            "site": {"slug": "conformance-site"},
        },
    ),
]
