"""Component templates: the console, power, interface and pass-through ports a device
type gives every device built from it."""

from __future__ import annotations

from rest_framework import serializers

from dcim.models import (
    ConsolePortTemplate,
    ConsoleServerPortTemplate,
    DeviceType,
    FrontPortTemplate,
    InterfaceTemplate,
    PowerOutletTemplate,
    PowerPortTemplate,
    RearPortTemplate,
)
from ipamcore.api.fields import RelatedField
from ipamcore.api.serializers import BaseModelSerializer

HEAD = ("id", "url", "display_url", "display", "device_type", "name", "label")
TAIL = ("description", "created", "last_updated")
BRIEF = ("id", "url", "display", "name", "description")


class ComponentTemplateSerializer(BaseModelSerializer):
    device_type = RelatedField(DeviceType)

    def validate_type(self, value: str | None) -> str:
        # An optional type is stored as "" (the column is not nullable); clients send null.
        return value or ""


class ConsolePortTemplateSerializer(ComponentTemplateSerializer):
    class Meta:
        model = ConsolePortTemplate
        fields = (*HEAD, "type", *TAIL)
        brief_fields = BRIEF


class ConsoleServerPortTemplateSerializer(ComponentTemplateSerializer):
    class Meta:
        model = ConsoleServerPortTemplate
        fields = (*HEAD, "type", *TAIL)
        brief_fields = BRIEF


class PowerPortTemplateSerializer(ComponentTemplateSerializer):
    class Meta:
        model = PowerPortTemplate
        fields = (*HEAD, "type", "maximum_draw", "allocated_draw", *TAIL)
        brief_fields = BRIEF


class PowerOutletTemplateSerializer(ComponentTemplateSerializer):
    power_port = RelatedField(PowerPortTemplate, required=False, allow_null=True)

    class Meta:
        model = PowerOutletTemplate
        fields = (*HEAD, "type", "power_port", "feed_leg", *TAIL)
        brief_fields = BRIEF

    def validate_feed_leg(self, value: str | None) -> str:
        return value or ""


class InterfaceTemplateSerializer(ComponentTemplateSerializer):
    bridge = RelatedField(InterfaceTemplate, required=False, allow_null=True)

    class Meta:
        model = InterfaceTemplate
        fields = (
            *HEAD,
            "type",
            "enabled",
            "mgmt_only",
            "description",
            "bridge",
            "poe_mode",
            "poe_type",
            "created",
            "last_updated",
        )
        brief_fields = BRIEF

    def validate_type(self, value: str | None) -> str:
        if not value:
            raise serializers.ValidationError("This field may not be null.")
        return value

    def validate_poe_mode(self, value: str | None) -> str:
        return value or ""

    def validate_poe_type(self, value: str | None) -> str:
        return value or ""


class RearPortTemplateSerializer(ComponentTemplateSerializer):
    class Meta:
        model = RearPortTemplate
        fields = (*HEAD, "type", "color", "positions", *TAIL)
        brief_fields = BRIEF


class FrontPortTemplateSerializer(ComponentTemplateSerializer):
    rear_port = RelatedField(RearPortTemplate)

    class Meta:
        model = FrontPortTemplate
        fields = (*HEAD, "type", "color", "rear_port", "rear_port_position", *TAIL)
        brief_fields = BRIEF
