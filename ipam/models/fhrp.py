"""First-hop redundancy groups (VRRP, HSRP, ...) and their interface assignments."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

from ipam.choices import FHRP_ASSIGNMENT_TYPES, FHRPGroupAuthTypeChoices, FHRPGroupProtocolChoices
from ipamcore.models import ChangeLoggedModel, PrimaryModel


class FHRPGroup(PrimaryModel):
    name = models.CharField(max_length=100, blank=True)
    protocol = models.CharField(max_length=50, choices=FHRPGroupProtocolChoices.choices)
    group_id = models.PositiveSmallIntegerField()
    auth_type = models.CharField(
        max_length=50, choices=FHRPGroupAuthTypeChoices.choices, blank=True
    )
    auth_key = models.CharField(max_length=255, blank=True)
    ip_addresses = GenericRelation(
        "ipam.IPAddress",
        content_type_field="assigned_object_type",
        object_id_field="assigned_object_id",
        related_query_name="fhrpgroup",
    )
    services = GenericRelation(
        "ipam.Service",
        content_type_field="parent_object_type",
        object_id_field="parent_object_id",
        related_query_name="fhrpgroup",
    )

    class Meta:
        ordering = ("protocol", "group_id", "pk")
        verbose_name = "FHRP group"

    def __str__(self) -> str:
        text = f"{self.get_protocol_display()}: {self.group_id}"
        return f"{self.name} ({text})" if self.name else text


class FHRPGroupAssignment(ChangeLoggedModel):
    interface_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    interface_id = models.PositiveBigIntegerField()
    interface = GenericForeignKey("interface_type", "interface_id")
    group = models.ForeignKey(FHRPGroup, on_delete=models.CASCADE, related_name="assignments")
    priority = models.PositiveSmallIntegerField(validators=[MaxValueValidator(255)])

    changelog_parent = "group"

    class Meta:
        ordering = ("-priority", "pk")
        verbose_name = "FHRP group assignment"
        constraints = [
            models.UniqueConstraint(
                fields=("interface_type", "interface_id", "group"),
                name="ipam_fhrpgroupassignment_unique_interface_group",
                violation_error_message="Group assignment with this interface and group already "
                "exists.",
            ),
        ]
        indexes = [
            models.Index(
                fields=("interface_type", "interface_id"), name="ipam_fhrpassignment_interface"
            ),
        ]

    def __str__(self) -> str:
        return f"Group {self.group_id} on {self.interface_type_id}:{self.interface_id}"

    def clean(self) -> None:
        super().clean()
        if not self.interface_type_id:
            return
        content_type = ContentType.objects.get_for_id(self.interface_type_id)
        label = f"{content_type.app_label}.{content_type.model}"
        if label not in FHRP_ASSIGNMENT_TYPES:
            raise ValidationError({"interface_type": f"Invalid content type: {label}"})
