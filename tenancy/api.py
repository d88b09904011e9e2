from __future__ import annotations

from rest_framework import serializers

from ipamcore.api.fields import RelatedField
from ipamcore.api.serializers import (
    TREE_PARENT_FIELDS,
    NestedGroupSerializer,
    PrimaryModelSerializer,
)
from tenancy.models import Tenant, TenantGroup


class TenantGroupSerializer(NestedGroupSerializer):
    parent = RelatedField(
        TenantGroup, nested_fields=TREE_PARENT_FIELDS, required=False, allow_null=True
    )
    tenant_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = TenantGroup
        fields = (
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
            "comments",
            "created",
            "last_updated",
            "tenant_count",
            "_depth",
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "name",
            "slug",
            "description",
            "tenant_count",
            "_depth",
        )


class TenantSerializer(PrimaryModelSerializer):
    group = RelatedField(TenantGroup, required=False, allow_null=True)
    ipaddress_count = serializers.IntegerField(read_only=True)
    prefix_count = serializers.IntegerField(read_only=True)
    site_count = serializers.IntegerField(read_only=True)
    vlan_count = serializers.IntegerField(read_only=True)
    vrf_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Tenant
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "group",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "ipaddress_count",
            "prefix_count",
            "site_count",
            "vlan_count",
            "vrf_count",
        )
        brief_fields = ("id", "url", "display", "name", "slug", "description")
