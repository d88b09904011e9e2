"""Manufacturers and device types (component templates: dcim.api.templates)."""

from __future__ import annotations

from rest_framework import serializers

from dcim.models import DeviceType, Manufacturer, Platform
from ipamcore.api.fields import RelatedField
from ipamcore.api.serializers import PrimaryModelSerializer

# NetBox's template counters, in its field order; each is annotated by the registry queryset.
TEMPLATE_COUNTS = (
    "console_port_template_count",
    "console_server_port_template_count",
    "power_port_template_count",
    "power_outlet_template_count",
    "interface_template_count",
    "front_port_template_count",
    "rear_port_template_count",
)


class ManufacturerSerializer(PrimaryModelSerializer):
    devicetype_count = serializers.IntegerField(read_only=True)
    platform_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Manufacturer
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "devicetype_count",
            "platform_count",
        )
        brief_fields = ("id", "url", "display", "name", "slug", "description")


class DeviceTypeSerializer(PrimaryModelSerializer):
    manufacturer = RelatedField(Manufacturer)
    default_platform = RelatedField(Platform, required=False, allow_null=True)
    device_count = serializers.IntegerField(read_only=True)
    console_port_template_count = serializers.IntegerField(read_only=True)
    console_server_port_template_count = serializers.IntegerField(read_only=True)
    power_port_template_count = serializers.IntegerField(read_only=True)
    power_outlet_template_count = serializers.IntegerField(read_only=True)
    interface_template_count = serializers.IntegerField(read_only=True)
    front_port_template_count = serializers.IntegerField(read_only=True)
    rear_port_template_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = DeviceType
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "manufacturer",
            "default_platform",
            "model",
            "slug",
            "part_number",
            "u_height",
            "exclude_from_utilization",
            "is_full_depth",
            "subdevice_role",
            "airflow",
            "weight",
            "weight_unit",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "device_count",
            *TEMPLATE_COUNTS,
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "manufacturer",
            "model",
            "slug",
            "description",
            "device_count",
        )
