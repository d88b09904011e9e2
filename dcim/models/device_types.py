"""Manufacturers, device types and the component templates a device type carries.

Each template knows how to build the component it stands for (`instantiate`); the
set-based creation for many devices at once is dcim.services.components.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from dcim.choices import (
    ConsolePortTypeChoices,
    DeviceAirflowChoices,
    InterfacePoEModeChoices,
    InterfacePoETypeChoices,
    InterfaceTypeChoices,
    PortTypeChoices,
    PowerOutletFeedLegChoices,
    PowerOutletTypeChoices,
    PowerPortTypeChoices,
    SubdeviceRoleChoices,
    WeightUnitChoices,
)
from dcim.models.device_components import (
    ConsolePort,
    ConsoleServerPort,
    FrontPort,
    Interface,
    NaturalNameModel,
    PowerOutlet,
    PowerPort,
    RearPort,
    clean_draw,
    clean_rear_port_mapping,
    draw_validators,
    position_validators,
)
from extras.models import color_validator
from ipamcore.models import ChangeLoggedModel, OrganizationalModel, PrimaryModel, slug_validator

HALF_U = Decimal("0.5")


def clean_weight(obj: Any) -> None:
    if obj.weight is not None and not obj.weight_unit:
        raise ValidationError({"weight_unit": "Must specify a unit when setting a weight"})


class Manufacturer(OrganizationalModel):
    class Meta:
        ordering = ("name",)


class DeviceType(PrimaryModel):
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.PROTECT, related_name="device_types"
    )
    default_platform = models.ForeignKey(
        "dcim.Platform", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    model = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, validators=[slug_validator])
    part_number = models.CharField(max_length=50, blank=True)
    u_height = models.DecimalField(
        max_digits=4, decimal_places=1, default=Decimal("1.0"), validators=[MinValueValidator(0)]
    )
    exclude_from_utilization = models.BooleanField(default=False)
    is_full_depth = models.BooleanField(default=True)
    subdevice_role = models.CharField(
        max_length=50, choices=SubdeviceRoleChoices.choices, blank=True, null=True
    )
    airflow = models.CharField(
        max_length=50, choices=DeviceAirflowChoices.choices, blank=True, null=True
    )
    weight = models.DecimalField(max_digits=8, decimal_places=2, blank=True, null=True)
    weight_unit = models.CharField(
        max_length=50, choices=WeightUnitChoices.choices, blank=True, null=True
    )

    class Meta:
        ordering = ("manufacturer", "model", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("manufacturer", "model"),
                name="dcim_devicetype_unique_manufacturer_model",
                violation_error_message="Device type model must be unique per manufacturer.",
            ),
            models.UniqueConstraint(
                fields=("manufacturer", "slug"),
                name="dcim_devicetype_unique_manufacturer_slug",
                violation_error_message="Device type slug must be unique per manufacturer.",
            ),
        ]

    def __str__(self) -> str:
        return self.model

    @property
    def is_parent_device(self) -> bool:
        return self.subdevice_role == SubdeviceRoleChoices.PARENT

    @property
    def is_child_device(self) -> bool:
        return self.subdevice_role == SubdeviceRoleChoices.CHILD

    def clean(self) -> None:
        super().clean()
        clean_weight(self)
        if self.u_height is None:
            return
        if self.u_height % HALF_U:
            raise ValidationError({"u_height": "U height must be in increments of 0.5 rack units."})
        if self.is_child_device and self.u_height:
            raise ValidationError({"u_height": "Child device types must be 0U."})
        if self.pk and self.u_height:
            self.clean_racked_instances()

    def clean_racked_instances(self) -> None:
        """A taller type must still fit every racked device of this type."""
        for device in self.instances.filter(position__isnull=False).select_related("rack"):
            rack, position = device.rack, device.position
            if rack is None or position is None:
                continue
            if not rack.fits(position, self.u_height, device.face, self.is_full_depth, device.pk):
                raise ValidationError(
                    {
                        "u_height": f"Device {device} in rack {rack} does not have "
                        f"sufficient space to accommodate a height of {self.u_height}U"
                    }
                )


# --- component templates ---------------------------------------------------------------


class ComponentTemplateModel(NaturalNameModel, ChangeLoggedModel):
    device_type = models.ForeignKey(DeviceType, on_delete=models.CASCADE, related_name="%(class)ss")
    label = models.CharField(max_length=64, blank=True)

    changelog_parent = "device_type"
    # The component model a template builds, and the fields it copies across.
    component_model: type[models.Model]
    copied_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ("device_type_id", "_name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("device_type", "name"),
                name="%(app_label)s_%(class)s_unique_device_type_name",
            ),
        ]

    def instantiate(self, device: models.Model) -> Any:
        """The unsaved component this template gives `device` (FKs between components,
        e.g. a front port's rear port, are filled in by the caller)."""
        values = {name: getattr(self, name) for name in self.copied_fields}
        return self.component_model(
            device=device,
            name=self.name,
            _name=self._name,
            label=self.label,
            description=self.description,
            **values,
        )


class ConsolePortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=ConsolePortTypeChoices.choices, blank=True)

    component_model = ConsolePort
    copied_fields = ("type",)

    class Meta(ComponentTemplateModel.Meta):
        pass


class ConsoleServerPortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=ConsolePortTypeChoices.choices, blank=True)

    component_model = ConsoleServerPort
    copied_fields = ("type",)

    class Meta(ComponentTemplateModel.Meta):
        pass


class PowerPortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=PowerPortTypeChoices.choices, blank=True)
    maximum_draw = models.PositiveIntegerField(blank=True, null=True, validators=draw_validators)
    allocated_draw = models.PositiveIntegerField(blank=True, null=True, validators=draw_validators)

    component_model = PowerPort
    copied_fields = ("type", "maximum_draw", "allocated_draw")

    class Meta(ComponentTemplateModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        clean_draw(self)


class PowerOutletTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=PowerOutletTypeChoices.choices, blank=True)
    power_port = models.ForeignKey(
        PowerPortTemplate,
        on_delete=models.SET_NULL,
        related_name="poweroutlet_templates",
        blank=True,
        null=True,
    )
    feed_leg = models.CharField(
        max_length=50, choices=PowerOutletFeedLegChoices.choices, blank=True
    )

    component_model = PowerOutlet
    copied_fields = ("type", "feed_leg")

    class Meta(ComponentTemplateModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        port = self.power_port
        if port is not None and port.device_type_id != self.device_type_id:
            raise ValidationError(
                {"power_port": f"Parent power port ({port}) must belong to the same device type"}
            )


class InterfaceTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=InterfaceTypeChoices.choices)
    enabled = models.BooleanField(default=True)
    mgmt_only = models.BooleanField(default=False)
    bridge = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="bridge_interfaces", blank=True, null=True
    )
    poe_mode = models.CharField(max_length=50, choices=InterfacePoEModeChoices.choices, blank=True)
    poe_type = models.CharField(max_length=50, choices=InterfacePoETypeChoices.choices, blank=True)

    component_model = Interface
    copied_fields = ("type", "enabled", "mgmt_only", "poe_mode", "poe_type")

    class Meta(ComponentTemplateModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        bridge = self.bridge
        if bridge is None:
            return
        if self.pk and bridge.pk == self.pk:
            raise ValidationError({"bridge": "An interface cannot be bridged to itself."})
        if bridge.device_type_id != self.device_type_id:
            raise ValidationError(
                {"bridge": f"Bridge interface ({bridge}) must belong to the same device type"}
            )


class RearPortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=PortTypeChoices.choices)
    color = models.CharField(max_length=6, blank=True, validators=[color_validator])
    positions = models.PositiveSmallIntegerField(default=1, validators=position_validators)

    component_model = RearPort
    copied_fields = ("type", "color", "positions")

    class Meta(ComponentTemplateModel.Meta):
        pass


class FrontPortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=PortTypeChoices.choices)
    color = models.CharField(max_length=6, blank=True, validators=[color_validator])
    rear_port = models.ForeignKey(
        RearPortTemplate, on_delete=models.CASCADE, related_name="frontport_templates"
    )
    rear_port_position = models.PositiveSmallIntegerField(default=1, validators=position_validators)

    component_model = FrontPort
    copied_fields = ("type", "color", "rear_port_position")

    class Meta(ComponentTemplateModel.Meta):
        constraints = [
            *ComponentTemplateModel.Meta.constraints,
            models.UniqueConstraint(
                fields=("rear_port", "rear_port_position"),
                name="dcim_frontporttemplate_unique_rear_port_position",
                violation_error_message="Rear port position is already mapped to a front port.",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        clean_rear_port_mapping(self, "device_type")


# In creation order: ports other components point at come first.
COMPONENT_TEMPLATE_MODELS = (
    ConsolePortTemplate,
    ConsoleServerPortTemplate,
    PowerPortTemplate,
    PowerOutletTemplate,
    InterfaceTemplate,
    RearPortTemplate,
    FrontPortTemplate,
)
