"""Device components: interfaces, console, power and pass-through ports.

Every component belongs to one device (its changelog parent) and is ordered by a
naturalised copy of its name, so "eth10" sorts after "eth9". Cabled components carry
their cable and cable end; path endpoints (everything but front and rear ports) point
at the CablePath traced from them (see dcim.services.cables).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from dcim.choices import (
    NONCONNECTABLE_INTERFACE_TYPES,
    TAGGED_VLAN_MODES,
    VIRTUAL_INTERFACE_TYPES,
    WIRELESS_INTERFACE_TYPES,
    CableEndChoices,
    ConsolePortSpeedChoices,
    ConsolePortTypeChoices,
    InterfaceDuplexChoices,
    InterfaceKindChoices,
    InterfaceModeChoices,
    InterfacePoEModeChoices,
    InterfacePoETypeChoices,
    InterfaceTypeChoices,
    PortTypeChoices,
    PowerOutletFeedLegChoices,
    PowerOutletTypeChoices,
    PowerPortTypeChoices,
)
from extras.models import color_validator
from ipamcore.models import TaggedModel

MAX_PORT_POSITIONS = 1024
position_validators = [MinValueValidator(1), MaxValueValidator(MAX_PORT_POSITIONS)]
mtu_validators = [MinValueValidator(1), MaxValueValidator(65536)]
draw_validators = [MinValueValidator(1)]
wwn_pattern = re.compile(r"^([0-9A-F]{2}[:-]?){7}[0-9A-F]{2}$")


def naturalize(value: str, width: int = 8) -> str:
    """The sort key of a name: digit runs zero-padded, so eth2 < eth10."""
    return re.sub(r"\d+", lambda match: match.group().zfill(width), value or "")[:100]


def normalize_wwn(value: str) -> str:
    digits = re.sub(r"[^0-9A-F]", "", value.upper())
    return ":".join(digits[i : i + 2] for i in range(0, 16, 2))


class NaturalNameModel(models.Model):
    """A name with its naturalised sort key, kept on save() and clean() (bulk inserts
    skip save() but the API validates every row first)."""

    name = models.CharField(max_length=64)
    _name = models.CharField(max_length=100, blank=True, editable=False)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        label = getattr(self, "label", "")
        return f"{self.name} ({label})" if label else self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._name = naturalize(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self._name = naturalize(self.name)


class ComponentModel(NaturalNameModel, TaggedModel):
    device = models.ForeignKey("dcim.Device", on_delete=models.CASCADE, related_name="%(class)ss")
    label = models.CharField(max_length=64, blank=True)

    changelog_parent = "device"

    class Meta:
        abstract = True
        ordering = ("device_id", "_name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("device", "name"), name="%(app_label)s_%(class)s_unique_device_name"
            ),
        ]
        indexes = [
            models.Index(fields=("device", "_name"), name="%(class)s_dev_name"),
        ]

    @property
    def parent_object(self) -> Any:
        return self.device


class CabledObjectModel(models.Model):
    """An end a cable can attach to; `cable`/`cable_end` mirror its CableTermination."""

    cable = models.ForeignKey(
        "dcim.Cable", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    cable_end = models.CharField(max_length=1, choices=CableEndChoices.choices, blank=True)
    mark_connected = models.BooleanField(default=False)
    cable_terminations = GenericRelation(
        "dcim.CableTermination",
        content_type_field="termination_type",
        object_id_field="termination_id",
        related_query_name="%(class)s",
    )

    class Meta:
        abstract = True

    @property
    def _occupied(self) -> bool:
        return bool(self.cable_id or self.mark_connected)

    def clean(self) -> None:
        super().clean()
        if self.mark_connected and self.cable_id:
            raise ValidationError(
                {"mark_connected": "Cannot mark as connected with a cable attached."}
            )


class PathEndpoint(models.Model):
    """Where a cable path starts or ends (not a pass-through port)."""

    _path = models.ForeignKey(
        "dcim.CablePath", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    # Deleting the endpoint deletes the path traced from it.
    cable_paths = GenericRelation(
        "dcim.CablePath", content_type_field="origin_type", object_id_field="origin_id"
    )

    class Meta:
        abstract = True


class BaseInterface(models.Model):
    """What device and VM interfaces share: 802.1Q mode and VLANs, VRF, MTU, MACs, IPs."""

    enabled = models.BooleanField(default=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="child_interfaces", blank=True, null=True
    )
    bridge = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="bridge_interfaces", blank=True, null=True
    )
    mtu = models.PositiveIntegerField(blank=True, null=True, validators=mtu_validators)
    primary_mac_address = models.OneToOneField(
        "dcim.MACAddress", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    mode = models.CharField(max_length=50, choices=InterfaceModeChoices.choices, blank=True)
    untagged_vlan = models.ForeignKey(
        "ipam.VLAN",
        on_delete=models.SET_NULL,
        related_name="%(class)ss_as_untagged",
        blank=True,
        null=True,
    )
    tagged_vlans = models.ManyToManyField(
        "ipam.VLAN", related_name="%(class)ss_as_tagged", blank=True
    )
    qinq_svlan = models.ForeignKey(
        "ipam.VLAN",
        on_delete=models.SET_NULL,
        related_name="%(class)ss_svlan",
        blank=True,
        null=True,
    )
    vrf = models.ForeignKey(
        "ipam.VRF", on_delete=models.SET_NULL, related_name="%(class)ss", blank=True, null=True
    )
    ip_addresses = GenericRelation(
        "ipam.IPAddress",
        content_type_field="assigned_object_type",
        object_id_field="assigned_object_id",
        related_query_name="%(class)s",
    )
    mac_addresses = GenericRelation(
        "dcim.MACAddress",
        content_type_field="assigned_object_type",
        object_id_field="assigned_object_id",
        related_query_name="%(class)s",
    )
    # No reverse query name: it would shadow the assignment's own `interface` field.
    fhrp_group_assignments = GenericRelation(
        "ipam.FHRPGroupAssignment",
        content_type_field="interface_type",
        object_id_field="interface_id",
    )

    # The name of the parent (device or virtual machine) in messages, and its FK.
    parent_label = "device"
    parent_field = "device"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.mode:
            self.untagged_vlan = None
        if self.mode != InterfaceModeChoices.Q_IN_Q:
            self.qinq_svlan = None
        super().save(*args, **kwargs)
        # Only tagged and Q-in-Q interfaces keep a tagged VLAN list ("tagged-all" implies all).
        if self.mode not in TAGGED_VLAN_MODES:
            self.tagged_vlans.clear()
        self.claim_primary_mac()

    @property
    def parent_object(self) -> Any:
        return getattr(self, self.parent_field)

    def parent_site_id(self) -> int | None:
        parent = self.parent_object
        return parent.site_id if parent is not None else None

    def claim_primary_mac(self) -> None:
        """An unassigned MAC chosen as primary becomes assigned to this interface."""
        mac = self.primary_mac_address
        if mac is not None and mac.assigned_object_id is None:
            mac.assigned_object = self
            mac.save(update_fields=["assigned_object_type", "assigned_object_id"])

    def clean(self) -> None:
        super().clean()
        self.clean_related_interface(
            "parent", "parent interface", "An interface cannot be its own parent."
        )
        self.clean_related_interface(
            "bridge", "bridge interface", "An interface cannot be bridged to itself."
        )
        self.clean_mode()
        self.clean_primary_mac()

    def same_parent(self, other: Any) -> bool:
        field = f"{self.parent_field}_id"
        return getattr(other, field) == getattr(self, field)

    def clean_related_interface(self, field: str, noun: str, self_message: str) -> None:
        other = getattr(self, field)
        if other is None:
            return
        if self.pk and other.pk == self.pk:
            raise ValidationError({field: self_message})
        if not self.same_parent(other):
            raise ValidationError({field: self.foreign_message(other, noun)})

    def foreign_message(self, other: Any, noun: str) -> str:
        return (
            f"The selected {noun} ({other}) belongs to a different {self.parent_label} "
            f"({other.parent_object})."
        )

    def clean_mode(self) -> None:
        if self.untagged_vlan_id and not self.mode:
            raise ValidationError(
                {"untagged_vlan": "Interface mode does not support untagged vlan"}
            )
        if self.qinq_svlan_id and self.mode != InterfaceModeChoices.Q_IN_Q:
            raise ValidationError(
                {"qinq_svlan": "Only Q-in-Q interfaces may be assigned a service VLAN."}
            )
        vlan = self.untagged_vlan
        if vlan is not None and vlan.site_id not in (None, self.parent_site_id()):
            raise ValidationError(
                {
                    "untagged_vlan": f"The untagged VLAN ({vlan}) must belong to the same site as "
                    f"the interface's parent {self.parent_label}, or it must be global."
                }
            )

    def validate_tagged_vlans(self, vlans: Iterable[Any], mode: str | None = None) -> None:
        """The rules for a tagged VLAN list about to be set (M2M rows cannot be checked by
        clean(), which runs before they exist): only in tagged or Q-in-Q mode, and each VLAN
        global or in the parent's site."""
        vlans = list(vlans)
        mode = self.mode if mode is None else mode
        if vlans and mode not in TAGGED_VLAN_MODES:
            raise ValidationError({"tagged_vlans": "Interface mode does not support tagged vlans"})
        site_id = self.parent_site_id()
        for vlan in vlans:
            if vlan.site_id not in (None, site_id):
                raise ValidationError(
                    {
                        "tagged_vlans": f"VLAN {vlan} must belong to the same site as the "
                        f"interface's parent {self.parent_label}, or it must be global."
                    }
                )

    def set_tagged_vlans(self, vlans: Iterable[Any]) -> None:
        vlans = list(vlans)
        self.validate_tagged_vlans(vlans)
        self.tagged_vlans.set(vlans)

    def clean_primary_mac(self) -> None:
        mac = self.primary_mac_address
        if mac is None or mac.assigned_object_id is None or mac.assigned_object_type_id is None:
            return
        owner = ContentType.objects.get_for_id(mac.assigned_object_type_id).model_class()
        mine = mac.assigned_object_id == self.pk and owner is type(self)
        if not mine:
            raise ValidationError(
                {"primary_mac_address": f"MAC address {mac} is not assigned to this interface."}
            )


# --- device components -------------------------------------------------------------------


class Interface(ComponentModel, CabledObjectModel, PathEndpoint, BaseInterface):
    type = models.CharField(max_length=50, choices=InterfaceTypeChoices.choices)
    mgmt_only = models.BooleanField(default=False)
    lag = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="member_interfaces", blank=True, null=True
    )
    speed = models.PositiveBigIntegerField(blank=True, null=True)
    duplex = models.CharField(max_length=50, choices=InterfaceDuplexChoices.choices, blank=True)
    wwn = models.CharField(max_length=23, blank=True, null=True, verbose_name="WWN")
    poe_mode = models.CharField(max_length=50, choices=InterfacePoEModeChoices.choices, blank=True)
    poe_type = models.CharField(max_length=50, choices=InterfacePoETypeChoices.choices, blank=True)

    class Meta(ComponentModel.Meta):
        pass

    @property
    def is_virtual(self) -> bool:
        return self.type in VIRTUAL_INTERFACE_TYPES

    @property
    def is_wireless(self) -> bool:
        return self.type in WIRELESS_INTERFACE_TYPES

    @property
    def kind(self) -> str:
        if self.is_virtual:
            return InterfaceKindChoices.VIRTUAL
        if self.is_wireless:
            return InterfaceKindChoices.WIRELESS
        return InterfaceKindChoices.PHYSICAL

    def clean(self) -> None:
        super().clean()
        self.clean_wwn()
        self.clean_lag()
        self.clean_virtual()
        if self.poe_type and not self.poe_mode:
            raise ValidationError(
                {"poe_mode": "Must specify PoE mode when designating a PoE type."}
            )

    def same_parent(self, other: Any) -> bool:
        """Parent, bridge and LAG interfaces may sit on another member of the device's
        virtual chassis."""
        if other.device_id == self.device_id:
            return True
        chassis = self.device.virtual_chassis_id if self.device_id else None
        return chassis is not None and other.device.virtual_chassis_id == chassis

    def foreign_message(self, other: Any, noun: str) -> str:
        chassis = self.device.virtual_chassis if self.device_id else None
        if chassis is None:
            return super().foreign_message(other, noun)
        return (
            f"The selected {noun} ({other}) belongs to {other.device}, which is not part of "
            f"virtual chassis {chassis}."
        )

    def clean_wwn(self) -> None:
        if not self.wwn:
            self.wwn = None
            return
        if not wwn_pattern.match(self.wwn.upper()):
            raise ValidationError({"wwn": f"Invalid WWN (EUI-64) format: {self.wwn}"})
        self.wwn = normalize_wwn(self.wwn)

    def clean_lag(self) -> None:
        lag = self.lag
        if lag is None:
            return
        if self.pk and lag.pk == self.pk:
            raise ValidationError({"lag": "A LAG interface cannot be its own parent."})
        if lag.type != "lag":
            raise ValidationError(
                {"lag": f"The selected LAG interface ({lag}) is not of type LAG."}
            )
        if not self.same_parent(lag):
            raise ValidationError({"lag": self.foreign_message(lag, "LAG interface")})
        if self.type == "virtual":
            raise ValidationError({"lag": "Virtual interfaces cannot have a parent LAG interface."})

    def clean_virtual(self) -> None:
        if self.type not in NONCONNECTABLE_INTERFACE_TYPES:
            return
        label = self.get_type_display()
        if self.cable_id:
            raise ValidationError({"type": f"{label} interfaces cannot have a cable attached."})
        if self.mark_connected:
            raise ValidationError(
                {"mark_connected": f"{label} interfaces cannot be marked as connected."}
            )


class ConsolePort(ComponentModel, CabledObjectModel, PathEndpoint):
    type = models.CharField(max_length=50, choices=ConsolePortTypeChoices.choices, blank=True)
    speed = models.PositiveIntegerField(
        choices=ConsolePortSpeedChoices.choices, blank=True, null=True
    )

    class Meta(ComponentModel.Meta):
        pass


class ConsoleServerPort(ComponentModel, CabledObjectModel, PathEndpoint):
    type = models.CharField(max_length=50, choices=ConsolePortTypeChoices.choices, blank=True)
    speed = models.PositiveIntegerField(
        choices=ConsolePortSpeedChoices.choices, blank=True, null=True
    )

    class Meta(ComponentModel.Meta):
        pass


class PowerPort(ComponentModel, CabledObjectModel, PathEndpoint):
    type = models.CharField(max_length=50, choices=PowerPortTypeChoices.choices, blank=True)
    maximum_draw = models.PositiveIntegerField(blank=True, null=True, validators=draw_validators)
    allocated_draw = models.PositiveIntegerField(blank=True, null=True, validators=draw_validators)

    class Meta(ComponentModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        clean_draw(self)


def clean_draw(port: Any) -> None:
    maximum, allocated = port.maximum_draw, port.allocated_draw
    if maximum is not None and allocated is not None and allocated > maximum:
        raise ValidationError(
            {"allocated_draw": f"Allocated draw cannot exceed the maximum draw ({maximum}W)."}
        )


class PowerOutlet(ComponentModel, CabledObjectModel, PathEndpoint):
    type = models.CharField(max_length=50, choices=PowerOutletTypeChoices.choices, blank=True)
    power_port = models.ForeignKey(
        PowerPort, on_delete=models.SET_NULL, related_name="poweroutlets", blank=True, null=True
    )
    feed_leg = models.CharField(
        max_length=50, choices=PowerOutletFeedLegChoices.choices, blank=True
    )

    class Meta(ComponentModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        port = self.power_port
        if port is not None and port.device_id != self.device_id:
            raise ValidationError(
                {"power_port": f"Parent power port ({port}) must belong to the same device"}
            )


class RearPort(ComponentModel, CabledObjectModel):
    type = models.CharField(max_length=50, choices=PortTypeChoices.choices)
    color = models.CharField(max_length=6, blank=True, validators=[color_validator])
    positions = models.PositiveSmallIntegerField(default=1, validators=position_validators)

    class Meta(ComponentModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        if not self.pk or self.positions is None:
            return
        mapped = self.frontports.count()
        if self.positions < mapped:
            raise ValidationError(
                {
                    "positions": "The number of positions cannot be less than the number of "
                    f"mapped front ports ({mapped})"
                }
            )


class FrontPort(ComponentModel, CabledObjectModel):
    type = models.CharField(max_length=50, choices=PortTypeChoices.choices)
    color = models.CharField(max_length=6, blank=True, validators=[color_validator])
    rear_port = models.ForeignKey(RearPort, on_delete=models.CASCADE, related_name="frontports")
    rear_port_position = models.PositiveSmallIntegerField(default=1, validators=position_validators)

    class Meta(ComponentModel.Meta):
        constraints = [
            *ComponentModel.Meta.constraints,
            models.UniqueConstraint(
                fields=("rear_port", "rear_port_position"),
                name="dcim_frontport_unique_rear_port_position",
                violation_error_message="Rear port position is already mapped to a front port.",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        clean_rear_port_mapping(self, "device")


def clean_rear_port_mapping(port: Any, owner: str) -> None:
    """A front port (or template) maps onto an existing position of a rear port of the
    same device (or device type)."""
    rear = port.rear_port if port.rear_port_id else None
    if rear is None:
        return
    if getattr(rear, f"{owner}_id") != getattr(port, f"{owner}_id"):
        noun = owner.replace("_", " ")
        raise ValidationError({"rear_port": f"Rear port ({rear}) must belong to the same {noun}"})
    position = port.rear_port_position
    if position is not None and position > rear.positions:
        raise ValidationError(
            {
                "rear_port_position": f"Invalid rear port position ({position}): Rear port "
                f"{rear.name} has only {rear.positions} positions."
            }
        )


# Components a device type's templates create, and that cables may attach to.
PATH_ENDPOINT_MODELS = (Interface, ConsolePort, ConsoleServerPort, PowerPort, PowerOutlet)
PASS_THROUGH_MODELS = (FrontPort, RearPort)
