"""Services: an application listening on ports of a device, VM or FHRP group."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ipam.choices import SERVICE_PARENT_TYPES, ServiceProtocolChoices
from ipamcore.models import PrimaryModel

PORT_MIN, PORT_MAX = 1, 65535


def port_list(ports: list[int]) -> str:
    """Ports as NetBox shows them: sorted, consecutive runs folded, e.g. "22,80-81"."""
    runs: list[list[int]] = []
    for port in sorted(set(ports)):
        if runs and port == runs[-1][-1] + 1:
            runs[-1].append(port)
        else:
            runs.append([port])
    return ",".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


class Service(PrimaryModel):
    parent_object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    parent_object_id = models.PositiveBigIntegerField()
    parent = GenericForeignKey("parent_object_type", "parent_object_id")
    name = models.CharField(max_length=100)
    protocol = models.CharField(max_length=50, choices=ServiceProtocolChoices.choices)
    ports = ArrayField(
        models.PositiveIntegerField(
            validators=[MinValueValidator(PORT_MIN), MaxValueValidator(PORT_MAX)]
        )
    )
    ipaddresses = models.ManyToManyField(
        "ipam.IPAddress", related_name="services", blank=True, verbose_name="IP addresses"
    )

    class Meta:
        ordering = ("protocol", "ports", "pk")
        indexes = [
            models.Index(
                fields=("parent_object_type", "parent_object_id"), name="ipam_service_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_protocol_display()}/{port_list(self.ports or [])})"

    def clean(self) -> None:
        super().clean()
        if not self.parent_object_type_id:
            return
        content_type = ContentType.objects.get_for_id(self.parent_object_type_id)
        label = f"{content_type.app_label}.{content_type.model}"
        if label not in SERVICE_PARENT_TYPES:
            raise ValidationError({"parent_object_type": f"Invalid content type: {label}"})
        if self.parent_object_id is not None and self.parent is None:
            raise ValidationError(
                {
                    "parent_object_id": "Related object not found using the provided value: "
                    f"{self.parent_object_id}."
                }
            )
