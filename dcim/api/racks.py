"""Rack roles, rack types and racks."""

from __future__ import annotations

from rest_framework import serializers

from dcim.models import Location, Manufacturer, Rack, RackRole, RackType, Site
from ipamcore.api.fields import RelatedField
from ipamcore.api.serializers import PrimaryModelSerializer
from tenancy.models import Tenant

# Physical properties, in NetBox's order; on a rack they come from its type when it has one.
PHYSICAL_FIELDS = (
    "form_factor",
    "width",
    "u_height",
    "starting_unit",
    "weight",
    "max_weight",
    "weight_unit",
    "desc_units",
    "outer_width",
    "outer_height",
    "outer_depth",
    "outer_unit",
    "mounting_depth",
)


class RackRoleSerializer(PrimaryModelSerializer):
    rack_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = RackRole
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "color",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "rack_count",
        )
        brief_fields = ("id", "url", "display", "name", "slug", "description", "rack_count")
        nested_fields = ("id", "url", "display", "name", "slug", "description")


class RackTypeSerializer(PrimaryModelSerializer):
    manufacturer = RelatedField(Manufacturer)
    rack_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = RackType
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "manufacturer",
            "model",
            "slug",
            "description",
            *PHYSICAL_FIELDS,
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "rack_count",
        )
        brief_fields = ("id", "url", "display", "manufacturer", "model", "slug", "description")


class RackSerializer(PrimaryModelSerializer):
    site = RelatedField(Site)
    location = RelatedField(Location, required=False, allow_null=True)
    tenant = RelatedField(Tenant, required=False, allow_null=True)
    role = RelatedField(RackRole, required=False, allow_null=True)
    rack_type = RelatedField(RackType, required=False, allow_null=True)
    device_count = serializers.IntegerField(read_only=True)
    powerfeed_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Rack
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "facility_id",
            "site",
            "location",
            "tenant",
            "status",
            "role",
            "serial",
            "asset_tag",
            "rack_type",
            *PHYSICAL_FIELDS,
            "airflow",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "device_count",
            "powerfeed_count",
        )
        brief_fields = ("id", "url", "display", "name", "description", "device_count")
        nested_fields = ("id", "url", "display", "name", "description")
