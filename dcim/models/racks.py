"""Rack roles, rack types and racks.

A rack's units run from `starting_unit` up `u_height` units in half-unit steps; a
device occupies [position, position + u_height) on its face, or on both faces when
its type is full depth. `Rack.fits()` is the one place that rule lives.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from dcim.choices import (
    RackAirflowChoices,
    RackDimensionUnitChoices,
    RackFormFactorChoices,
    RackStatusChoices,
    RackWidthChoices,
    WeightUnitChoices,
)
from dcim.models.device_types import clean_weight
from extras.models import color_validator
from ipamcore.models import OrganizationalModel, PrimaryModel, slug_validator

RACK_U_HEIGHT_MAX = 100
DEFAULT_COLOR = "9e9e9e"
# What a rack type fixes for the racks built from it.
RACK_TYPE_FIELDS = (
    "form_factor",
    "width",
    "u_height",
    "starting_unit",
    "desc_units",
    "outer_width",
    "outer_height",
    "outer_depth",
    "outer_unit",
    "mounting_depth",
    "weight",
    "max_weight",
    "weight_unit",
)


class RackRole(OrganizationalModel):
    color = models.CharField(max_length=6, default=DEFAULT_COLOR, validators=[color_validator])

    class Meta:
        ordering = ("name",)


class RackBase(PrimaryModel):
    """Physical properties shared by rack types and racks."""

    form_factor = models.CharField(
        max_length=50, choices=RackFormFactorChoices.choices, blank=True, null=True
    )
    width = models.PositiveSmallIntegerField(
        choices=RackWidthChoices.choices, default=RackWidthChoices.WIDTH_19
    )
    u_height = models.PositiveSmallIntegerField(
        default=42, validators=[MinValueValidator(1), MaxValueValidator(RACK_U_HEIGHT_MAX)]
    )
    starting_unit = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    desc_units = models.BooleanField(default=False)
    outer_width = models.PositiveSmallIntegerField(blank=True, null=True)
    outer_height = models.PositiveSmallIntegerField(blank=True, null=True)
    outer_depth = models.PositiveSmallIntegerField(blank=True, null=True)
    outer_unit = models.CharField(
        max_length=50, choices=RackDimensionUnitChoices.choices, blank=True, null=True
    )
    mounting_depth = models.PositiveSmallIntegerField(blank=True, null=True)
    weight = models.DecimalField(max_digits=8, decimal_places=2, blank=True, null=True)
    max_weight = models.PositiveIntegerField(blank=True, null=True)
    weight_unit = models.CharField(
        max_length=50, choices=WeightUnitChoices.choices, blank=True, null=True
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        outer = (self.outer_width, self.outer_height, self.outer_depth)
        if any(value is not None for value in outer) and not self.outer_unit:
            raise ValidationError(
                {"outer_unit": "Must specify a unit when setting an outer dimension"}
            )
        clean_weight(self)
        if self.max_weight is not None and not self.weight_unit:
            raise ValidationError(
                {"weight_unit": "Must specify a unit when setting a maximum weight"}
            )


class RackType(RackBase):
    manufacturer = models.ForeignKey(
        "dcim.Manufacturer", on_delete=models.PROTECT, related_name="rack_types"
    )
    model = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, validators=[slug_validator])

    class Meta:
        ordering = ("manufacturer", "model", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("manufacturer", "model"),
                name="dcim_racktype_unique_manufacturer_model",
                violation_error_message="Rack type model must be unique per manufacturer.",
            ),
        ]

    def __str__(self) -> str:
        return self.model


class Rack(RackBase):
    name = models.CharField(max_length=100)
    _name = models.CharField(max_length=100, blank=True, editable=False)
    facility_id = models.CharField(max_length=50, blank=True, null=True)
    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="racks")
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.SET_NULL, related_name="racks", blank=True, null=True
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="racks", blank=True, null=True
    )
    status = models.CharField(
        max_length=50, choices=RackStatusChoices.choices, default=RackStatusChoices.ACTIVE
    )
    role = models.ForeignKey(
        RackRole, on_delete=models.PROTECT, related_name="racks", blank=True, null=True
    )
    rack_type = models.ForeignKey(
        RackType, on_delete=models.PROTECT, related_name="racks", blank=True, null=True
    )
    serial = models.CharField(max_length=50, blank=True, verbose_name="serial number")
    asset_tag = models.CharField(max_length=50, blank=True, null=True, unique=True)
    airflow = models.CharField(
        max_length=50, choices=RackAirflowChoices.choices, blank=True, null=True
    )

    class Meta:
        ordering = ("site", "location", "_name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("location", "name"),
                name="dcim_rack_unique_location_name",
                violation_error_message="Rack name must be unique per location.",
            ),
            models.UniqueConstraint(
                fields=("site", "name"),
                condition=models.Q(location__isnull=True),
                name="dcim_rack_unique_site_name",
                violation_error_message="Rack name must be unique per site.",
            ),
            models.UniqueConstraint(
                fields=("location", "facility_id"),
                name="dcim_rack_unique_location_facility_id",
                violation_error_message="Rack facility ID must be unique per location.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.facility_id})" if self.facility_id else self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        from dcim.models.device_components import naturalize

        self._name = naturalize(self.name)
        self.copy_rack_type()
        previous = None
        if self.pk:
            previous = Rack.objects.filter(pk=self.pk).values_list("location_id", flat=True).first()
        super().save(*args, **kwargs)
        if previous != self.location_id and self.pk:
            # Devices follow their rack into its new location.
            self.devices.update(location_id=self.location_id)

    def copy_rack_type(self) -> None:
        if self.rack_type_id:
            for name in RACK_TYPE_FIELDS:
                setattr(self, name, getattr(self.rack_type, name))

    def clean(self) -> None:
        self.copy_rack_type()
        self.facility_id = self.facility_id or None
        self.asset_tag = self.asset_tag or None
        super().clean()
        location = self.location
        if location is not None and self.site_id and location.site_id != self.site_id:
            raise ValidationError(
                {"location": f"Assigned location must belong to parent site ({self.site})."}
            )
        if self.pk:
            self.clean_installed_devices()

    def clean_installed_devices(self) -> None:
        """Shrinking or renumbering the rack must leave room for the mounted devices."""
        mounted = list(self.mounted_devices())
        if not mounted:
            return
        lowest = min(position for position, _, _, _, _ in mounted)
        top = max(position + height for position, height, _, _, _ in mounted)
        if self.starting_unit is not None and self.starting_unit > lowest:
            raise ValidationError(
                {
                    "starting_unit": f"Rack unit numbering must begin at {int(lowest)} or less "
                    "to house currently installed devices."
                }
            )
        needed = int((top - self.starting_unit).to_integral_value(rounding="ROUND_CEILING"))
        if self.u_height is not None and self.u_height < needed:
            raise ValidationError(
                {
                    "u_height": f"Rack must be at least {needed}U tall to house currently "
                    "installed devices."
                }
            )

    @property
    def first_unit(self) -> Decimal:
        return Decimal(self.starting_unit)

    @property
    def last_unit(self) -> Decimal:
        """The highest half unit a device may start at."""
        return Decimal(self.starting_unit + self.u_height) - Decimal("0.5")

    @property
    def units(self) -> list[Decimal]:
        """Every half unit, top first (bottom first when the rack numbers downwards)."""
        count = int(self.u_height) * 2
        ascending = [self.first_unit + Decimal(step) / 2 for step in range(count)]
        return ascending if self.desc_units else ascending[::-1]

    def mounted_devices(self, exclude: int | None = None) -> Any:
        """(position, u_height, face, is_full_depth, pk) of every racked device."""
        queryset = self.devices.filter(position__isnull=False, device_type__u_height__gt=0)
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude)
        return queryset.values_list(
            "position", "device_type__u_height", "face", "device_type__is_full_depth", "pk"
        )

    def fits(
        self,
        position: Decimal,
        u_height: Decimal,
        face: str,
        full_depth: bool,
        exclude: int | None = None,
    ) -> bool:
        """Whether a device of that height fits at `position` on `face` (both faces when
        full depth) inside the rack, without overlapping another mounted device."""
        if u_height <= 0:
            return True
        if position < self.first_unit or position + u_height > self.first_unit + self.u_height:
            return False
        top = position + u_height
        for other_position, other_height, other_face, other_full, _ in self.mounted_devices(
            exclude
        ):
            shares_face = full_depth or other_full or other_face == face
            if shares_face and position < other_position + other_height and other_position < top:
                return False
        return True
