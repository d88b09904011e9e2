"""Device roles and platforms (trees), devices and virtual chassis."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from dcim.choices import DeviceFaceChoices
from dcim.models import (
    Device,
    DeviceRole,
    DeviceType,
    Location,
    Manufacturer,
    Platform,
    Rack,
    Site,
    VirtualChassis,
)
from extras.api_contexts import (
    ConfigContextExclusionMixin,
    ConfigContextListSerializer,
    RenderedConfigContextField,
)
from ipam.models import IPAddress
from ipamcore.api.fields import ChoiceField, RelatedField
from ipamcore.api.serializers import NestedGroupSerializer, PrimaryModelSerializer
from tenancy.models import Tenant

# A role's or platform's `parent` (no slug or depth, unlike the site trees).
PARENT_FIELDS = ("id", "url", "display_url", "display", "name")
# A device's primary and out-of-band addresses.
PRIMARY_IP_FIELDS = (
    "id",
    "url",
    "display",
    "family",
    "address",
    "description",
    "dns_name",
    "nat_inside",
    "nat_outside",
)
# The device's own address relations (primary_ip is derived from the first two).
PRIMARY_IP_RELATIONS = ("primary_ip4", "primary_ip6", "oob_ip")
# A virtual chassis's master.
MASTER_FIELDS = ("id", "url", "display_url", "display", "name")
TREE_BRIEF = (
    "id",
    "url",
    "display",
    "name",
    "slug",
    "description",
    "device_count",
    "virtualmachine_count",
    "_depth",
)
# Component counters, in NetBox's order; each is annotated by the registry queryset.
COMPONENT_COUNTS = (
    "console_port_count",
    "console_server_port_count",
    "power_port_count",
    "power_outlet_count",
    "interface_count",
    "front_port_count",
    "rear_port_count",
)


class DeviceRoleSerializer(NestedGroupSerializer):
    parent = RelatedField(  # type: ignore[assignment]  # the stubs' Field.parent
        DeviceRole, nested_fields=PARENT_FIELDS, required=False, allow_null=True
    )
    device_count = serializers.IntegerField(read_only=True)
    virtualmachine_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = DeviceRole
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "color",
            "vm_role",
            "parent",
            "description",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "comments",
            "device_count",
            "virtualmachine_count",
            "_depth",
        )
        brief_fields = TREE_BRIEF


class PlatformSerializer(NestedGroupSerializer):
    parent = RelatedField(  # type: ignore[assignment]  # the stubs' Field.parent
        Platform, nested_fields=PARENT_FIELDS, required=False, allow_null=True
    )
    manufacturer = RelatedField(Manufacturer, required=False, allow_null=True)
    device_count = serializers.IntegerField(read_only=True)
    virtualmachine_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Platform
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "parent",
            "manufacturer",
            "description",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "comments",
            "device_count",
            "virtualmachine_count",
            "_depth",
        )
        brief_fields = TREE_BRIEF


class PrimaryIPField(RelatedField):
    """A device's primary or OOB address, in NetBox's primary-IP shape."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(IPAddress, nested_fields=PRIMARY_IP_FIELDS, **kwargs)


class PreferredIPField(RelatedField):
    """`primary_ip`: the model's choice of primary_ip4/primary_ip6, in their shape. It reads
    the whole device (source "*"), so it adds no join of its own: both are joined already."""

    def __init__(self) -> None:
        super().__init__(
            IPAddress, nested_fields=PRIMARY_IP_FIELDS, source="*", read_only=True, allow_null=True
        )

    def to_representation(self, value: Any) -> Any:
        address = value.primary_ip
        return None if address is None else super().to_representation(address)


class DeviceSerializer(ConfigContextExclusionMixin, PrimaryModelSerializer):
    device_type = RelatedField(DeviceType)
    role = RelatedField(DeviceRole)
    tenant = RelatedField(Tenant, required=False, allow_null=True)
    platform = RelatedField(Platform, required=False, allow_null=True)
    site = RelatedField(Site)
    location = RelatedField(Location, required=False, allow_null=True)
    rack = RelatedField(Rack, required=False, allow_null=True)
    face = ChoiceField(DeviceFaceChoices.choices, required=False, allow_blank=True, allow_null=True)
    primary_ip = PreferredIPField()
    primary_ip4 = PrimaryIPField()
    primary_ip6 = PrimaryIPField()
    oob_ip = PrimaryIPField()
    cluster = RelatedField("virtualization.Cluster", required=False, allow_null=True)
    virtual_chassis = RelatedField(VirtualChassis, required=False, allow_null=True)
    config_context = RenderedConfigContextField()
    console_port_count = serializers.IntegerField(read_only=True)
    console_server_port_count = serializers.IntegerField(read_only=True)
    power_port_count = serializers.IntegerField(read_only=True)
    power_outlet_count = serializers.IntegerField(read_only=True)
    interface_count = serializers.IntegerField(read_only=True)
    front_port_count = serializers.IntegerField(read_only=True)
    rear_port_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Device
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "device_type",
            "role",
            "tenant",
            "platform",
            "serial",
            "asset_tag",
            "site",
            "location",
            "rack",
            "position",
            "face",
            "latitude",
            "longitude",
            "status",
            "airflow",
            "primary_ip",
            "primary_ip4",
            "primary_ip6",
            "oob_ip",
            "cluster",
            "virtual_chassis",
            "vc_position",
            "vc_priority",
            "description",
            "comments",
            "config_context",
            "local_context_data",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            *COMPONENT_COUNTS,
        )
        brief_fields = ("id", "url", "display", "name", "description")
        list_serializer_class = ConfigContextListSerializer

    def validate_face(self, value: str | None) -> str:
        # No face is stored as "" (the column is not nullable); clients also send null.
        return value or ""


class VirtualChassisSerializer(PrimaryModelSerializer):
    master = RelatedField(Device, nested_fields=MASTER_FIELDS, required=False, allow_null=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = VirtualChassis
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "domain",
            "master",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "member_count",
        )
        brief_fields = ("id", "url", "display", "name", "master", "description", "member_count")
