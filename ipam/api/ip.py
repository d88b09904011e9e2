"""Prefixes, IP ranges and IP addresses.

`children`/`_depth` of prefixes are read from the hierarchy columns the IP engine
keeps; this module never computes them.
"""

from __future__ import annotations

from rest_framework import serializers

from ipam.api.fields import IPAddressField, IPNetworkField
from ipam.choices import (
    IPADDRESS_ASSIGNMENT_TYPES,
    PREFIX_SCOPE_TYPES,
    IPAddressRoleChoices,
    IPFamilyChoices,
)
from ipam.models import IPAddress, IPRange, Prefix
from ipamcore.api.fields import ChoiceField, RelatedField
from ipamcore.api.generic import GenericRelation
from ipamcore.api.serializers import BaseModelSerializer, PrimaryModelSerializer


class PrefixSerializer(PrimaryModelSerializer):
    family = ChoiceField(IPFamilyChoices.choices, read_only=True)
    prefix = IPNetworkField()
    children = serializers.IntegerField(source="_children", read_only=True)
    _depth = serializers.IntegerField(read_only=True)

    generic_relations = (GenericRelation("scope", PREFIX_SCOPE_TYPES),)

    class Meta:
        model = Prefix
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "family",
            "prefix",
            "vrf",
            "scope_type",
            "scope_id",
            "scope",
            "tenant",
            "vlan",
            "status",
            "role",
            "is_pool",
            "mark_utilized",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "children",
            "_depth",
        )
        brief_fields = ("id", "url", "display", "family", "prefix", "description", "_depth")


class IPRangeSerializer(PrimaryModelSerializer):
    family = ChoiceField(IPFamilyChoices.choices, read_only=True)
    start_address = IPAddressField()
    end_address = IPAddressField()

    class Meta:
        model = IPRange
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "family",
            "start_address",
            "end_address",
            "size",
            "vrf",
            "tenant",
            "status",
            "role",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "mark_populated",
            "mark_utilized",
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "family",
            "start_address",
            "end_address",
            "description",
        )


class NATIPAddressSerializer(BaseModelSerializer):
    """An IP as another IP's `nat_inside`/`nat_outside`: `family` is a bare 4 or 6 here."""

    family = serializers.IntegerField(read_only=True)
    address = IPAddressField(read_only=True)

    class Meta:
        model = IPAddress
        fields = ("id", "url", "display_url", "display", "family", "address")
        brief_fields = fields


class IPAddressSerializer(PrimaryModelSerializer):
    family = ChoiceField(IPFamilyChoices.choices, read_only=True)
    address = IPAddressField()
    role = ChoiceField(
        IPAddressRoleChoices.choices, required=False, allow_blank=True, allow_null=True
    )
    nat_inside = RelatedField(
        IPAddress, serializer=NATIPAddressSerializer, required=False, allow_null=True
    )
    nat_outside = RelatedField(
        IPAddress, serializer=NATIPAddressSerializer, many=True, read_only=True
    )

    generic_relations = (GenericRelation("assigned_object", IPADDRESS_ASSIGNMENT_TYPES),)

    class Meta:
        model = IPAddress
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "family",
            "address",
            "vrf",
            "tenant",
            "status",
            "role",
            "assigned_object_type",
            "assigned_object_id",
            "assigned_object",
            "nat_inside",
            "nat_outside",
            "dns_name",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "family", "address", "description")

    def validate_role(self, value: str | None) -> str:
        # No role is stored as "" (the column is not nullable); clients also send null.
        return value or ""
