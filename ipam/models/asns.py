from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ipamcore.models import PrimaryModel, slug_validator

ASN_MIN, ASN_MAX = 1, 4294967295
asn_validators = [MinValueValidator(ASN_MIN), MaxValueValidator(ASN_MAX)]


def asdot(asn: int) -> str:
    return f"{asn >> 16}.{asn & 0xFFFF}"


class ASNRange(PrimaryModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, validators=[slug_validator])
    rir = models.ForeignKey("ipam.RIR", on_delete=models.PROTECT, related_name="asn_ranges")
    start = models.PositiveBigIntegerField(validators=asn_validators)
    end = models.PositiveBigIntegerField(validators=asn_validators)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="asn_ranges", blank=True, null=True
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "ASN range"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValidationError(
                {"end": f"Starting ASN ({self.start}) must be lower than ending ASN ({self.end})."}
            )


class ASN(PrimaryModel):
    asn = models.PositiveBigIntegerField(unique=True, validators=asn_validators, verbose_name="ASN")
    rir = models.ForeignKey("ipam.RIR", on_delete=models.PROTECT, related_name="asns")
    role = models.ForeignKey(
        "ipam.Role", on_delete=models.SET_NULL, related_name="asns", blank=True, null=True
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="asns", blank=True, null=True
    )

    class Meta:
        ordering = ("asn",)
        verbose_name = "ASN"

    def __str__(self) -> str:
        if self.asn is not None and self.asn > 65535:
            return f"AS{self.asn} ({asdot(self.asn)})"
        return f"AS{self.asn}"
