"""Serializers of clusters, virtual machines, VM interfaces and virtual disks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from dcim.api.devices import PreferredIPField, PrimaryIPField
from dcim.models import Device, DeviceRole, MACAddress, Platform, Site
from extras.api_contexts import (
    ConfigContextExclusionMixin,
    ConfigContextListSerializer,
    RenderedConfigContextField,
)
from ipam.models import VLAN, VRF
from ipamcore.api.fields import ChoiceField, RelatedField
from ipamcore.api.generic import GenericRelation
from ipamcore.api.serializers import PrimaryModelSerializer, django_error_detail
from tenancy.models import Tenant
from virtualization.choices import CLUSTER_SCOPE_TYPES
from virtualization.models import (
    Cluster,
    ClusterGroup,
    ClusterType,
    VirtualDisk,
    VirtualMachine,
    VMInterface,
)

ORGANIZATIONAL_FIELDS = (
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
    "cluster_count",
)
ORGANIZATIONAL_BRIEF = ("id", "url", "display", "name", "slug", "description", "cluster_count")
ORGANIZATIONAL_NESTED = ("id", "url", "display", "name", "slug", "description")
# A VM interface as another one's `parent` or `bridge`.
VMINTERFACE_PARENT_FIELDS = ("id", "url", "display_url", "display", "virtual_machine", "name")
VM_PARENT_FIELDS = ("id", "url", "display_url", "display", "name")


class ClusterTypeSerializer(PrimaryModelSerializer):
    cluster_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ClusterType
        fields = ORGANIZATIONAL_FIELDS
        brief_fields = ORGANIZATIONAL_BRIEF
        nested_fields = ORGANIZATIONAL_NESTED


class ClusterGroupSerializer(PrimaryModelSerializer):
    cluster_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ClusterGroup
        fields = ORGANIZATIONAL_FIELDS
        brief_fields = ORGANIZATIONAL_BRIEF
        nested_fields = ORGANIZATIONAL_NESTED


class ClusterSerializer(PrimaryModelSerializer):
    type = RelatedField(ClusterType)
    group = RelatedField(ClusterGroup, required=False, allow_null=True)
    tenant = RelatedField(Tenant, required=False, allow_null=True)
    device_count = serializers.IntegerField(read_only=True)
    virtualmachine_count = serializers.IntegerField(read_only=True)
    # Sums over the cluster's VMs: null while it has none, as NetBox answers.
    allocated_vcpus = serializers.DecimalField(
        max_digits=8, decimal_places=2, read_only=True, coerce_to_string=False, allow_null=True
    )
    allocated_memory = serializers.IntegerField(read_only=True, allow_null=True)
    allocated_disk = serializers.IntegerField(read_only=True, allow_null=True)

    generic_relations = (GenericRelation("scope", CLUSTER_SCOPE_TYPES),)

    class Meta:
        model = Cluster
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "type",
            "group",
            "status",
            "tenant",
            "scope_type",
            "scope_id",
            "scope",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "device_count",
            "virtualmachine_count",
            "allocated_vcpus",
            "allocated_memory",
            "allocated_disk",
        )
        brief_fields = ("id", "url", "display", "name", "description", "virtualmachine_count")
        nested_fields = ("id", "url", "display", "name", "description")


class VirtualMachineSerializer(ConfigContextExclusionMixin, PrimaryModelSerializer):
    role = RelatedField(DeviceRole, required=False, allow_null=True)
    site = RelatedField(Site, required=False, allow_null=True)
    cluster = RelatedField(Cluster, required=False, allow_null=True)
    device = RelatedField(Device, required=False, allow_null=True)
    platform = RelatedField(Platform, required=False, allow_null=True)
    tenant = RelatedField(Tenant, required=False, allow_null=True)
    primary_ip = PreferredIPField()
    primary_ip4 = PrimaryIPField()
    primary_ip6 = PrimaryIPField()
    vcpus = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        coerce_to_string=False,
    )
    interface_count = serializers.IntegerField(read_only=True)
    virtual_disk_count = serializers.IntegerField(read_only=True)
    config_context = RenderedConfigContextField()

    class Meta:
        model = VirtualMachine
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "role",
            "status",
            "start_on_boot",
            "site",
            "cluster",
            "device",
            "platform",
            "primary_ip",
            "primary_ip4",
            "primary_ip6",
            "vcpus",
            "memory",
            "disk",
            "description",
            "serial",
            "tenant",
            "comments",
            "tags",
            "local_context_data",
            "custom_fields",
            "created",
            "last_updated",
            "interface_count",
            "virtual_disk_count",
            "config_context",
        )
        brief_fields = ("id", "url", "display", "name", "description")
        list_serializer_class = ConfigContextListSerializer

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        # JSON numbers, as NetBox renders them (2.0, not "2.00").
        if data.get("vcpus") is not None:
            data["vcpus"] = float(data["vcpus"])
        return data


class VMInterfaceSerializer(PrimaryModelSerializer):
    virtual_machine = RelatedField(VirtualMachine)
    # The field shadows DRF's Field.parent in the type stubs only: DRF keeps fields apart.
    parent = RelatedField(  # type: ignore[assignment]
        VMInterface, nested_fields=VMINTERFACE_PARENT_FIELDS, required=False, allow_null=True
    )
    bridge = RelatedField(
        VMInterface, nested_fields=VMINTERFACE_PARENT_FIELDS, required=False, allow_null=True
    )
    mode = ChoiceField(
        VMInterface._meta.get_field("mode").choices,
        required=False,
        allow_blank=True,
        allow_null=True,
    )
    mac_address = serializers.SerializerMethodField()
    primary_mac_address = RelatedField(MACAddress, required=False, allow_null=True)
    mac_addresses = RelatedField(MACAddress, many=True, read_only=True)
    untagged_vlan = RelatedField(VLAN, required=False, allow_null=True)
    qinq_svlan = RelatedField(VLAN, required=False, allow_null=True)
    vrf = RelatedField(VRF, required=False, allow_null=True)
    count_ipaddresses = serializers.IntegerField(read_only=True)
    count_fhrp_groups = serializers.IntegerField(read_only=True)

    class Meta:
        model = VMInterface
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "virtual_machine",
            "name",
            "enabled",
            "parent",
            "bridge",
            "mtu",
            "mac_address",
            "primary_mac_address",
            "mac_addresses",
            "description",
            "mode",
            "untagged_vlan",
            "tagged_vlans",
            "qinq_svlan",
            "vrf",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "count_ipaddresses",
            "count_fhrp_groups",
        )
        brief_fields = ("id", "url", "display", "virtual_machine", "name", "description")

    def get_mac_address(self, obj: VMInterface) -> str | None:
        mac = obj.primary_mac_address
        return mac.mac_address if mac is not None else None

    def validate_mode(self, value: str | None) -> str:
        return value or ""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if "tagged_vlans" in attrs:
            # M2M rows cannot be checked by the model's clean(): check the list to be set.
            try:
                attrs["_built"].validate_tagged_vlans(attrs["tagged_vlans"])
            except DjangoValidationError as exc:
                raise serializers.ValidationError(django_error_detail(exc)) from exc
        return attrs


class VirtualDiskSerializer(PrimaryModelSerializer):
    virtual_machine = RelatedField(VirtualMachine)

    class Meta:
        model = VirtualDisk
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "virtual_machine",
            "name",
            "description",
            "size",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "virtual_machine", "name", "size", "description")
