"""MAC addresses (NetBox 4.2+): separate objects assigned to a device or VM interface,
one of which an interface may name as its primary MAC."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from netaddr import EUI, AddrFormatError, mac_unix_expanded

from ipamcore.models import PrimaryModel

MAC_ASSIGNMENT_TYPES = ("dcim.interface", "virtualization.vminterface")


class mac_upper(mac_unix_expanded):
    word_fmt = "%.2X"


def normalize_mac(value: str) -> str:
    """AA:BB:CC:DD:EE:FF, or ValueError."""
    try:
        return str(EUI(value, version=48, dialect=mac_upper))
    except (AddrFormatError, TypeError, ValueError) as exc:
        raise ValueError(value) from exc


class MACAddress(PrimaryModel):
    mac_address = models.CharField(max_length=17, verbose_name="MAC address")
    assigned_object_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", blank=True, null=True
    )
    assigned_object_id = models.PositiveBigIntegerField(blank=True, null=True)
    assigned_object = GenericForeignKey("assigned_object_type", "assigned_object_id")

    class Meta:
        ordering = ("mac_address", "pk")
        verbose_name = "MAC address"
        verbose_name_plural = "MAC addresses"
        indexes = [
            models.Index(fields=("mac_address",), name="dcim_macaddress_mac"),
            models.Index(
                fields=("assigned_object_type", "assigned_object_id"),
                name="dcim_macaddress_assigned",
            ),
        ]

    def __str__(self) -> str:
        return self.mac_address

    def clean(self) -> None:
        super().clean()
        if self.mac_address:
            try:
                self.mac_address = normalize_mac(self.mac_address)
            except ValueError:
                raise ValidationError(
                    {"mac_address": f"Invalid MAC address format: {self.mac_address}"}
                ) from None
        self.clean_assignment()

    def clean_assignment(self) -> None:
        if self.assigned_object_type_id:
            content_type = ContentType.objects.get_for_id(self.assigned_object_type_id)
            label = f"{content_type.app_label}.{content_type.model}"
            if label not in MAC_ASSIGNMENT_TYPES:
                raise ValidationError({"assigned_object_type": f"Invalid content type: {label}"})
        if not self.pk:
            return
        original = (
            MACAddress.objects.filter(pk=self.pk)
            .values_list("assigned_object_type_id", "assigned_object_id")
            .first()
        )
        if original is None or original == (self.assigned_object_type_id, self.assigned_object_id):
            return
        type_id, object_id = original
        if (
            type_id is not None
            and object_id is not None
            and self.is_primary_for(type_id, object_id)
        ):
            raise ValidationError(
                {
                    "assigned_object_id": "Cannot unassign MAC Address while it is designated as "
                    "the primary MAC for an object"
                }
            )

    def is_primary_for(self, type_id: int, object_id: int) -> bool:
        model = ContentType.objects.get_for_id(type_id).model_class()
        return (
            model is not None
            and model._default_manager.filter(pk=object_id, primary_mac_address=self.pk).exists()
        )
