from __future__ import annotations

import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from dcim.choices import LocationStatusChoices, SiteStatusChoices
from ipamcore.models import NestedGroupModel, PrimaryModel, slug_validator, tree_unique_constraints


class Region(NestedGroupModel):
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", blank=True, null=True
    )

    class Meta:
        ordering = ("name",)
        constraints = tree_unique_constraints("region")


class SiteGroup(NestedGroupModel):
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", blank=True, null=True
    )

    class Meta:
        ordering = ("name",)
        constraints = tree_unique_constraints("sitegroup")


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(f'"{value}" is not a valid time zone name.')


class Site(PrimaryModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, validators=[slug_validator])
    status = models.CharField(
        max_length=50, choices=SiteStatusChoices.choices, default=SiteStatusChoices.ACTIVE
    )
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, related_name="sites", blank=True, null=True
    )
    group = models.ForeignKey(
        SiteGroup, on_delete=models.SET_NULL, related_name="sites", blank=True, null=True
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="sites", blank=True, null=True
    )
    facility = models.CharField(max_length=50, blank=True)
    time_zone = models.CharField(
        max_length=63, blank=True, null=True, validators=[validate_time_zone]
    )
    physical_address = models.CharField(max_length=200, blank=True)
    shipping_address = models.CharField(max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=6, blank=True, null=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, blank=True, null=True)
    asns = models.ManyToManyField("ipam.ASN", related_name="sites", blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        moved = not self._state.adding
        super().save(*args, **kwargs)
        if moved:
            # Prefixes and clusters cache their scope's region and site group for filtering.
            recache_scopes(self)


class Location(NestedGroupModel):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="locations")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", blank=True, null=True
    )
    status = models.CharField(
        max_length=50, choices=LocationStatusChoices.choices, default=LocationStatusChoices.ACTIVE
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="locations", blank=True, null=True
    )
    facility = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ("site", "name")
        constraints = tree_unique_constraints("location", "site")

    def save(self, *args: Any, **kwargs: Any) -> None:
        moved = not self._state.adding
        super().save(*args, **kwargs)
        if moved:
            recache_scopes(self)

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.site_id and self.parent.site_id != self.site_id:
            message = f"Parent location ({self.parent}) must belong to the same site ({self.site})."
            raise ValidationError({"parent": message})


def recache_scopes(scope: Site | Location) -> None:
    """Refresh the cached ancestry of what is scoped below a moved site or location."""
    from ipam.models.ip import recache_prefix_scopes
    from virtualization.models import recache_cluster_scopes

    recache_prefix_scopes(scope)
    recache_cluster_scopes(scope)
