"""Services and FHRP groups with their interface assignments."""

from __future__ import annotations

from rest_framework import serializers

from ipam.choices import FHRP_ASSIGNMENT_TYPES, SERVICE_PARENT_TYPES
from ipam.models import FHRPGroup, FHRPGroupAssignment, IPAddress, Service
from ipam.models.services import PORT_MAX, PORT_MIN
from ipamcore.api.fields import RelatedField
from ipamcore.api.generic import GenericRelation
from ipamcore.api.serializers import BaseModelSerializer, PrimaryModelSerializer


class FHRPGroupSerializer(PrimaryModelSerializer):
    ip_addresses = serializers.ManyRelatedField(
        child_relation=RelatedField(IPAddress, read_only=True), read_only=True
    )

    class Meta:
        model = FHRPGroup
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "protocol",
            "group_id",
            "auth_type",
            "auth_key",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "ip_addresses",
        )
        brief_fields = ("id", "url", "display", "protocol", "group_id", "description")


class FHRPGroupAssignmentSerializer(BaseModelSerializer):
    group = RelatedField(FHRPGroup)

    generic_relations = (GenericRelation("interface", FHRP_ASSIGNMENT_TYPES, required=True),)

    class Meta:
        model = FHRPGroupAssignment
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "group",
            "interface_type",
            "interface_id",
            "interface",
            "priority",
            "created",
            "last_updated",
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "group",
            "interface_type",
            "interface_id",
            "priority",
        )


class ServiceSerializer(PrimaryModelSerializer):
    ports = serializers.ListField(
        child=serializers.IntegerField(min_value=PORT_MIN, max_value=PORT_MAX), allow_empty=False
    )

    generic_relations = (
        GenericRelation(
            "parent",
            SERVICE_PARENT_TYPES,
            required=True,
            type_field="parent_object_type",
            id_field="parent_object_id",
        ),
    )

    class Meta:
        model = Service
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "parent_object_type",
            "parent_object_id",
            "parent",
            "name",
            "protocol",
            "ports",
            "ipaddresses",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "name", "protocol", "ports", "description")
