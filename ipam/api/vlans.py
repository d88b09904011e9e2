"""VLAN groups and VLANs."""

from __future__ import annotations

from rest_framework import serializers

from ipam.api.fields import UtilizationTextField, VIDRangeListField
from ipam.choices import VLANGROUP_SCOPE_TYPES
from ipam.models import VLAN, VLANGroup
from ipamcore.api.generic import GenericRelation
from ipamcore.api.serializers import PrimaryModelSerializer


class VLANGroupSerializer(PrimaryModelSerializer):
    vid_ranges = VIDRangeListField(required=False)
    total_vlan_ids = serializers.IntegerField(read_only=True)
    vlan_count = serializers.IntegerField(read_only=True)
    utilization = UtilizationTextField()

    generic_relations = (GenericRelation("scope", VLANGROUP_SCOPE_TYPES),)

    class Meta:
        model = VLANGroup
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "scope_type",
            "scope_id",
            "scope",
            "vid_ranges",
            "total_vlan_ids",
            "tenant",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "vlan_count",
            "utilization",
        )
        brief_fields = ("id", "url", "display", "name", "slug", "description", "vlan_count")
        nested_fields = ("id", "url", "display", "name", "slug", "description")


class VLANSerializer(PrimaryModelSerializer):
    prefix_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = VLAN
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "site",
            "group",
            "vid",
            "name",
            "tenant",
            "status",
            "role",
            "description",
            "qinq_role",
            "qinq_svlan",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "prefix_count",
        )
        brief_fields = ("id", "url", "display", "vid", "name", "description")
