"""Power panels and the feeds that leave them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from dcim.choices import (
    PowerFeedPhaseChoices,
    PowerFeedStatusChoices,
    PowerFeedSupplyChoices,
    PowerFeedTypeChoices,
)
from dcim.models.device_components import CabledObjectModel, PathEndpoint
from ipamcore.models import PrimaryModel


class PowerPanel(PrimaryModel):
    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="power_panels")
    location = models.ForeignKey(
        "dcim.Location",
        on_delete=models.PROTECT,
        related_name="power_panels",
        blank=True,
        null=True,
    )
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ("site", "name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("site", "name"),
                name="dcim_powerpanel_unique_site_name",
                violation_error_message="Power panel name must be unique per site.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        location = self.location
        if location is not None and self.site_id and location.site_id != self.site_id:
            raise ValidationError(
                {
                    "location": f"Location {location} ({location.site}) is in a different site "
                    f"than {self.site}"
                }
            )


class PowerFeed(PrimaryModel, CabledObjectModel, PathEndpoint):
    power_panel = models.ForeignKey(PowerPanel, on_delete=models.PROTECT, related_name="powerfeeds")
    rack = models.ForeignKey(
        "dcim.Rack", on_delete=models.PROTECT, related_name="powerfeeds", blank=True, null=True
    )
    name = models.CharField(max_length=100)
    status = models.CharField(
        max_length=50,
        choices=PowerFeedStatusChoices.choices,
        default=PowerFeedStatusChoices.ACTIVE,
    )
    type = models.CharField(
        max_length=50, choices=PowerFeedTypeChoices.choices, default=PowerFeedTypeChoices.PRIMARY
    )
    supply = models.CharField(
        max_length=50, choices=PowerFeedSupplyChoices.choices, default=PowerFeedSupplyChoices.AC
    )
    phase = models.CharField(
        max_length=50, choices=PowerFeedPhaseChoices.choices, default=PowerFeedPhaseChoices.SINGLE
    )
    voltage = models.SmallIntegerField(default=120)
    amperage = models.PositiveSmallIntegerField(default=15, validators=[MinValueValidator(1)])
    max_utilization = models.PositiveSmallIntegerField(
        default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    available_power = models.PositiveIntegerField(default=0, editable=False)
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        related_name="power_feeds",
        blank=True,
        null=True,
    )

    changelog_parent = "power_panel"

    class Meta:
        ordering = ("power_panel", "name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("power_panel", "name"),
                name="dcim_powerfeed_unique_power_panel_name",
                violation_error_message="Power feed name must be unique per power panel.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.available_power = self.compute_available_power()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def compute_available_power(self) -> int:
        """Volts x amps x utilisation, times sqrt(3) for three-phase supply."""
        if self.voltage is None or self.amperage is None or self.max_utilization is None:
            return 0
        watts = abs(self.voltage) * self.amperage * self.max_utilization / 100
        if self.phase == PowerFeedPhaseChoices.THREE:
            watts *= 1.732
        return round(watts)

    @property
    def site(self) -> object:
        return self.power_panel.site

    def clean(self) -> None:
        super().clean()
        self.available_power = self.compute_available_power()
        if (
            self.voltage is not None
            and self.voltage < 0
            and self.supply == PowerFeedSupplyChoices.AC
        ):
            raise ValidationError({"voltage": "Voltage cannot be negative for AC supply"})
        rack, panel = self.rack, self.power_panel if self.power_panel_id else None
        if rack is not None and panel is not None and rack.site_id != panel.site_id:
            raise ValidationError(
                {
                    "rack": f"Rack {rack} ({rack.site}) and power panel {panel} ({panel.site}) "
                    "are in different sites."
                }
            )
