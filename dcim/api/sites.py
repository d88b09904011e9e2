from __future__ import annotations

from rest_framework import serializers

from dcim.models import Location, Region, Site, SiteGroup
from ipamcore.api.fields import RelatedField
from ipamcore.api.serializers import (
    TREE_PARENT_FIELDS,
    NestedGroupSerializer,
    PrimaryModelSerializer,
)
from tenancy.models import Tenant

GROUP_FIELDS = (
    "id",
    "url",
    "display_url",
    "display",
    "name",
    "slug",
    "parent",
    "description",
    "tags",
    "custom_fields",
    "created",
    "last_updated",
    "comments",
    "site_count",
    "prefix_count",
    "_depth",
)
GROUP_BRIEF = ("id", "url", "display", "name", "slug", "description", "site_count", "_depth")


class RegionSerializer(NestedGroupSerializer):
    # DRF's metaclass moves declared fields off the class: this is not Field.parent.
    parent = RelatedField(  # type: ignore[assignment]
        Region, nested_fields=TREE_PARENT_FIELDS, required=False, allow_null=True
    )
    site_count = serializers.IntegerField(read_only=True)
    prefix_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Region
        fields = GROUP_FIELDS
        brief_fields = GROUP_BRIEF


class SiteGroupSerializer(NestedGroupSerializer):
    # DRF's metaclass moves declared fields off the class: this is not Field.parent.
    parent = RelatedField(  # type: ignore[assignment]
        SiteGroup, nested_fields=TREE_PARENT_FIELDS, required=False, allow_null=True
    )
    site_count = serializers.IntegerField(read_only=True)
    prefix_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = SiteGroup
        fields = GROUP_FIELDS
        brief_fields = GROUP_BRIEF


class SiteSerializer(PrimaryModelSerializer):
    region = RelatedField(Region, required=False, allow_null=True)
    group = RelatedField(SiteGroup, required=False, allow_null=True)
    tenant = RelatedField(Tenant, required=False, allow_null=True)
    time_zone = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    device_count = serializers.IntegerField(read_only=True)
    prefix_count = serializers.IntegerField(read_only=True)
    rack_count = serializers.IntegerField(read_only=True)
    virtualmachine_count = serializers.IntegerField(read_only=True)
    vlan_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Site
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "status",
            "region",
            "group",
            "tenant",
            "facility",
            "time_zone",
            "description",
            "physical_address",
            "shipping_address",
            "latitude",
            "longitude",
            "comments",
            "asns",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "device_count",
            "prefix_count",
            "rack_count",
            "virtualmachine_count",
            "vlan_count",
        )
        brief_fields = ("id", "url", "display", "name", "description", "slug")

    def validate_time_zone(self, value: str | None) -> str | None:
        return value or None


class LocationSerializer(NestedGroupSerializer):
    site = RelatedField(Site)
    # DRF's metaclass moves declared fields off the class: this is not Field.parent.
    parent = RelatedField(  # type: ignore[assignment]
        Location, nested_fields=TREE_PARENT_FIELDS, required=False, allow_null=True
    )
    tenant = RelatedField(Tenant, required=False, allow_null=True)
    rack_count = serializers.IntegerField(read_only=True)
    device_count = serializers.IntegerField(read_only=True)
    prefix_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Location
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "site",
            "parent",
            "status",
            "tenant",
            "facility",
            "description",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "comments",
            "rack_count",
            "device_count",
            "prefix_count",
            "_depth",
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "name",
            "slug",
            "description",
            "rack_count",
            "_depth",
        )
