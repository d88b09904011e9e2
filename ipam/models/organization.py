from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from ipam.fields import IPNetworkField
from ipamcore.models import OrganizationalModel, PrimaryModel


class RIR(OrganizationalModel):
    is_private = models.BooleanField(default=False)

    class Meta:
        ordering = ("name",)
        verbose_name = "RIR"


class Role(OrganizationalModel):
    """The function of a prefix, IP range, VLAN or ASN."""

    weight = models.PositiveSmallIntegerField(default=1000)

    class Meta:
        ordering = ("weight", "name")


class RouteTarget(PrimaryModel):
    name = models.CharField(max_length=21, unique=True)
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        related_name="route_targets",
        blank=True,
        null=True,
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class VRF(PrimaryModel):
    name = models.CharField(max_length=100)
    rd = models.CharField(max_length=21, unique=True, blank=True, null=True, verbose_name="RD")
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="vrfs", blank=True, null=True
    )
    enforce_unique = models.BooleanField(default=True)
    import_targets = models.ManyToManyField(RouteTarget, related_name="importing_vrfs", blank=True)
    export_targets = models.ManyToManyField(RouteTarget, related_name="exporting_vrfs", blank=True)

    class Meta:
        ordering = ("name", "rd", "pk")
        verbose_name = "VRF"

    def __str__(self) -> str:
        return f"{self.name} ({self.rd})" if self.rd else self.name


class Aggregate(PrimaryModel):
    prefix = IPNetworkField()
    rir = models.ForeignKey(RIR, on_delete=models.PROTECT, related_name="aggregates")
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="aggregates", blank=True, null=True
    )
    date_added = models.DateField(blank=True, null=True)

    class Meta:
        ordering = ("prefix", "pk")

    def __str__(self) -> str:
        return str(self.prefix)

    @property
    def family(self) -> int | None:
        return self.prefix.version if self.prefix is not None else None

    def clean(self) -> None:
        super().clean()
        if self.prefix is None:
            return
        if self.prefix.prefixlen == 0:
            raise ValidationError({"prefix": "Cannot create aggregate with /0 mask."})
        others = Aggregate.objects.exclude(pk=self.pk)
        covering = others.filter(prefix__net_contains_or_equals=str(self.prefix)).first()
        if covering is not None:
            raise ValidationError(
                {
                    "prefix": f"Aggregates cannot overlap. {self.prefix} is already covered by "
                    f"an existing aggregate ({covering})."
                }
            )
        covered = others.filter(prefix__net_contained=str(self.prefix)).first()
        if covered is not None:
            raise ValidationError(
                {
                    "prefix": f"Aggregates cannot overlap. {self.prefix} covers an existing "
                    f"aggregate ({covered})."
                }
            )
