"""Device components: interfaces, console, power and pass-through ports.

Every cabled component shows its cable, cable end and link peers; path endpoints
(all but front and rear ports) also their connected endpoints (see dcim.api.cabling).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from dcim.api.cabling import ComponentListSerializer, endpoint_fields, link_peer_fields
from dcim.choices import (
    ConsolePortSpeedChoices,
    ConsolePortTypeChoices,
    InterfaceDuplexChoices,
    InterfaceModeChoices,
    InterfacePoEModeChoices,
    InterfacePoETypeChoices,
    PowerOutletFeedLegChoices,
    PowerOutletTypeChoices,
    PowerPortTypeChoices,
)
from dcim.models import (
    Cable,
    ConsolePort,
    ConsoleServerPort,
    Device,
    FrontPort,
    Interface,
    MACAddress,
    PowerOutlet,
    PowerPort,
    RearPort,
)
from ipam.models import VLAN, VRF
from ipamcore.api.fields import ChoiceField, RelatedField
from ipamcore.api.serializers import PrimaryModelSerializer, django_error_detail

COMPONENT_BRIEF = ("id", "url", "display", "device", "name", "description", "cable", "_occupied")
# A device as the `device` of an interface shown as another interface's parent/bridge/lag.
PARENT_DEVICE_FIELDS = ("id", "url", "display_url", "display", "name")
INTERFACE_PARENT_FIELDS = (
    "id",
    "url",
    "display_url",
    "display",
    "device",
    "name",
    "cable",
    "_occupied",
)
TRAILER = ("tags", "custom_fields", "created", "last_updated")


def optional_choice(choices: Any) -> ChoiceField:
    """A choice a client may clear with "" or null (stored as "")."""
    return ChoiceField(choices, required=False, allow_blank=True, allow_null=True)


class ComponentSerializer(PrimaryModelSerializer):
    """What every device component shares: its device, cable and occupancy."""

    device = RelatedField(Device)
    cable = RelatedField(Cable, read_only=True, allow_null=True)
    _occupied = serializers.BooleanField(read_only=True)

    # Choice fields whose null is stored as "" (the columns are not nullable).
    blank_choices: ClassVar[tuple[str, ...]] = ()

    class Meta:
        list_serializer_class = ComponentListSerializer

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.Meta.list_serializer_class = ComponentListSerializer
        extra = dict(link_peer_fields())
        if getattr(cls, "path_endpoint", False):
            extra.update(endpoint_fields())
        for name, field in extra.items():
            cls._declared_fields.setdefault(name, field)  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in self.blank_choices:
            if name in attrs and attrs[name] is None:
                attrs[name] = ""
        return super().validate(attrs)


CABLED_FIELDS = (
    "mark_connected",
    "cable",
    "cable_end",
    "link_peers",
    "link_peers_type",
)
ENDPOINT_FIELDS = (
    "connected_endpoints",
    "connected_endpoints_type",
    "connected_endpoints_reachable",
)


class InterfaceParentSerializer(PrimaryModelSerializer):
    """An interface as another's `parent`, `bridge` or `lag`: the cable is a bare id."""

    device = RelatedField(Device, nested_fields=PARENT_DEVICE_FIELDS, read_only=True)
    cable = serializers.IntegerField(source="cable_id", read_only=True, allow_null=True)
    _occupied = serializers.BooleanField(read_only=True)

    class Meta:
        model = Interface
        fields = INTERFACE_PARENT_FIELDS
        brief_fields = INTERFACE_PARENT_FIELDS


def interface_link(**kwargs: Any) -> RelatedField:
    return RelatedField(
        Interface, serializer=InterfaceParentSerializer, required=False, allow_null=True, **kwargs
    )


class InterfaceSerializer(ComponentSerializer):
    path_endpoint = True
    blank_choices = ("duplex", "mode", "poe_mode", "poe_type")

    parent = interface_link()  # type: ignore[assignment]  # the stubs' Field.parent
    bridge = interface_link()
    lag = interface_link()
    bridge_interfaces = serializers.ManyRelatedField(
        child_relation=interface_link(read_only=True),
        read_only=True,
    )
    mac_address = serializers.CharField(
        source="primary_mac_address.mac_address", read_only=True, allow_null=True
    )
    primary_mac_address = RelatedField(MACAddress, required=False, allow_null=True)
    mac_addresses = serializers.ManyRelatedField(
        child_relation=RelatedField(MACAddress, read_only=True), read_only=True
    )
    duplex = optional_choice(InterfaceDuplexChoices.choices)
    mode = optional_choice(InterfaceModeChoices.choices)
    poe_mode = optional_choice(InterfacePoEModeChoices.choices)
    poe_type = optional_choice(InterfacePoETypeChoices.choices)
    untagged_vlan = RelatedField(VLAN, required=False, allow_null=True)
    qinq_svlan = RelatedField(VLAN, required=False, allow_null=True)
    vrf = RelatedField(VRF, required=False, allow_null=True)
    count_ipaddresses = serializers.IntegerField(read_only=True)
    count_fhrp_groups = serializers.IntegerField(read_only=True)

    class Meta:
        model = Interface
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "device",
            "name",
            "label",
            "type",
            "enabled",
            "parent",
            "bridge",
            "bridge_interfaces",
            "lag",
            "mtu",
            "mac_address",
            "primary_mac_address",
            "mac_addresses",
            "speed",
            "duplex",
            "wwn",
            "mgmt_only",
            "description",
            "mode",
            "poe_mode",
            "poe_type",
            "untagged_vlan",
            "tagged_vlans",
            "qinq_svlan",
            "vrf",
            *CABLED_FIELDS,
            *ENDPOINT_FIELDS,
            *TRAILER,
            "count_ipaddresses",
            "count_fhrp_groups",
            "_occupied",
        )
        brief_fields = COMPONENT_BRIEF

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        # The M2M list is set after the row is saved, so clean() cannot see it.
        interface = attrs["_built"]
        try:
            if "tagged_vlans" in attrs:
                interface.validate_tagged_vlans(attrs["tagged_vlans"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError(django_error_detail(exc)) from exc
        return attrs


class ConsolePortSerializer(ComponentSerializer):
    path_endpoint = True
    blank_choices = ("type",)

    type = optional_choice(ConsolePortTypeChoices.choices)
    speed = ChoiceField(ConsolePortSpeedChoices.choices, required=False, allow_null=True)

    class Meta:
        model = ConsolePort
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "device",
            "name",
            "label",
            "type",
            "speed",
            "description",
            *CABLED_FIELDS,
            *ENDPOINT_FIELDS,
            *TRAILER,
            "_occupied",
        )
        brief_fields = COMPONENT_BRIEF


class ConsoleServerPortSerializer(ConsolePortSerializer):
    class Meta(ConsolePortSerializer.Meta):
        model = ConsoleServerPort  # type: ignore[assignment]  # a sibling model, same shape


class PowerPortSerializer(ComponentSerializer):
    path_endpoint = True
    blank_choices = ("type",)

    type = optional_choice(PowerPortTypeChoices.choices)

    class Meta:
        model = PowerPort
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "device",
            "name",
            "label",
            "type",
            "maximum_draw",
            "allocated_draw",
            "description",
            *CABLED_FIELDS,
            *ENDPOINT_FIELDS,
            *TRAILER,
            "_occupied",
        )
        brief_fields = COMPONENT_BRIEF


class PowerOutletSerializer(ComponentSerializer):
    path_endpoint = True
    blank_choices = ("type", "feed_leg")

    type = optional_choice(PowerOutletTypeChoices.choices)
    power_port = RelatedField(PowerPort, required=False, allow_null=True)
    feed_leg = optional_choice(PowerOutletFeedLegChoices.choices)

    class Meta:
        model = PowerOutlet
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "device",
            "name",
            "label",
            "type",
            "power_port",
            "feed_leg",
            "description",
            *CABLED_FIELDS,
            *ENDPOINT_FIELDS,
            *TRAILER,
            "_occupied",
        )
        brief_fields = COMPONENT_BRIEF


REAR_PORT_FIELDS = ("id", "url", "display_url", "display", "name", "label", "description")


class RearPortSerializer(ComponentSerializer):
    class Meta:
        model = RearPort
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "device",
            "name",
            "label",
            "type",
            "color",
            "positions",
            "description",
            *CABLED_FIELDS,
            *TRAILER,
            "_occupied",
        )
        brief_fields = COMPONENT_BRIEF


class FrontPortSerializer(ComponentSerializer):
    rear_port = RelatedField(RearPort, nested_fields=REAR_PORT_FIELDS)

    class Meta:
        model = FrontPort
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "device",
            "name",
            "label",
            "type",
            "color",
            "rear_port",
            "rear_port_position",
            "description",
            *CABLED_FIELDS,
            *TRAILER,
            "_occupied",
        )
        brief_fields = COMPONENT_BRIEF
