"""RIRs, roles, route targets, VRFs and aggregates."""

from __future__ import annotations

from rest_framework import serializers

from ipam.api.fields import IPNetworkField
from ipam.choices import IPFamilyChoices
from ipam.models import RIR, VRF, Aggregate, Role, RouteTarget
from ipamcore.api.fields import ChoiceField, RelatedField
from ipamcore.api.serializers import PrimaryModelSerializer


class RIRSerializer(PrimaryModelSerializer):
    aggregate_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = RIR
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "is_private",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "aggregate_count",
        )
        brief_fields = ("id", "url", "display", "name", "slug", "description", "aggregate_count")
        nested_fields = ("id", "url", "display", "name", "slug", "description")


class RoleSerializer(PrimaryModelSerializer):
    prefix_count = serializers.IntegerField(read_only=True)
    vlan_count = serializers.IntegerField(read_only=True)
    asn_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Role
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "weight",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "prefix_count",
            "vlan_count",
            "asn_count",
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "name",
            "slug",
            "description",
            "prefix_count",
            "vlan_count",
            "asn_count",
        )
        nested_fields = ("id", "url", "display", "name", "slug", "description")


ROUTE_TARGET_FIELDS = (
    "id",
    "url",
    "display_url",
    "display",
    "name",
    "tenant",
    "description",
    "comments",
    "tags",
    "custom_fields",
    "created",
    "last_updated",
)


class RouteTargetSerializer(PrimaryModelSerializer):
    class Meta:
        model = RouteTarget
        fields = ROUTE_TARGET_FIELDS
        brief_fields = ("id", "url", "display", "name", "description")


class VRFSerializer(PrimaryModelSerializer):
    # NetBox lists a VRF's route targets in their full representation, not the brief one.
    import_targets = RelatedField(
        RouteTarget, nested_fields=ROUTE_TARGET_FIELDS, many=True, required=False
    )
    export_targets = RelatedField(
        RouteTarget, nested_fields=ROUTE_TARGET_FIELDS, many=True, required=False
    )
    ipaddress_count = serializers.IntegerField(read_only=True)
    prefix_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = VRF
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "rd",
            "tenant",
            "enforce_unique",
            "description",
            "comments",
            "import_targets",
            "export_targets",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "ipaddress_count",
            "prefix_count",
        )
        brief_fields = ("id", "url", "display", "name", "rd", "description", "prefix_count")
        nested_fields = ("id", "url", "display", "name", "rd", "description")

    def validate_rd(self, value: str | None) -> str | None:
        # An empty route distinguisher means none: "" would collide with the unique constraint.
        return value or None


class AggregateSerializer(PrimaryModelSerializer):
    family = ChoiceField(IPFamilyChoices.choices, read_only=True)
    prefix = IPNetworkField()

    class Meta:
        model = Aggregate
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "family",
            "prefix",
            "rir",
            "tenant",
            "date_added",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "family", "prefix", "description")
