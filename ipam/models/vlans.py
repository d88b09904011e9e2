from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField, IntegerRangeField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.postgresql.psycopg_any import NumericRange

from ipam.choices import VLANQinQRoleChoices, VLANStatusChoices
from ipamcore.models import PrimaryModel, slug_validator

VID_MIN, VID_MAX = 1, 4094


def default_vid_ranges() -> list[NumericRange]:
    return [NumericRange(VID_MIN, VID_MAX + 1)]


def inclusive(ranges: list[NumericRange]) -> list[tuple[int, int]]:
    """PostgreSQL int4range is half-open; the API speaks inclusive [start, end] pairs."""
    return [(r.lower, r.upper - 1) for r in ranges or []]


class VLANGroup(PrimaryModel):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, validators=[slug_validator])
    scope_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )
    scope_id = models.PositiveBigIntegerField(blank=True, null=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    vid_ranges = ArrayField(IntegerRangeField(), default=default_vid_ranges)
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        related_name="vlan_groups",
        blank=True,
        null=True,
    )
    _utilization = models.DecimalField(max_digits=5, decimal_places=2, default=0, editable=False)

    class Meta:
        ordering = ("name", "pk")
        verbose_name = "VLAN group"
        constraints = [
            models.UniqueConstraint(
                fields=("scope_type", "scope_id", "name"),
                name="ipam_vlangroup_unique_scope_name",
                violation_error_message="VLAN group name must be unique within its scope.",
            ),
            models.UniqueConstraint(
                fields=("scope_type", "scope_id", "slug"),
                name="ipam_vlangroup_unique_scope_slug",
                violation_error_message="VLAN group slug must be unique within its scope.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def utilization(self) -> Decimal:
        return self._utilization

    @property
    def total_vlan_ids(self) -> int:
        return sum(upper - lower + 1 for lower, upper in inclusive(self.vid_ranges))

    def scoped_elsewhere(self, site_id: int) -> bool:
        """Whether the group is scoped to a site other than this one."""
        scope_type = self.scope_type
        return scope_type is not None and scope_type.model == "site" and self.scope_id != site_id

    def contains_vid(self, vid: int) -> bool:
        return any(lower <= vid <= upper for lower, upper in inclusive(self.vid_ranges))

    def clean(self) -> None:
        super().clean()
        ranges = inclusive(self.vid_ranges)
        for lower, upper in ranges:
            check_vid_range(lower, upper)
        if ranges_overlap(ranges):
            raise ValidationError({"vid_ranges": "Ranges cannot overlap."})


def check_vid_range(lower: int, upper: int) -> None:
    if lower < VID_MIN:
        raise ValidationError(
            {"vid_ranges": f"Starting VLAN ID in range ({lower}) cannot be less than {VID_MIN}"}
        )
    if upper > VID_MAX:
        raise ValidationError(
            {"vid_ranges": f"Ending VLAN ID in range ({upper}) cannot exceed {VID_MAX}"}
        )
    if lower > upper:
        raise ValidationError(
            {
                "vid_ranges": "Ending VLAN ID in range must be greater than or equal to the "
                f"starting VLAN ID ({lower}-{upper})"
            }
        )


def ranges_overlap(ranges: list[tuple[int, int]]) -> bool:
    ordered = sorted(ranges)
    return any(nxt[0] <= prev[1] for prev, nxt in pairwise(ordered))


class VLAN(PrimaryModel):
    site = models.ForeignKey(
        "dcim.Site", on_delete=models.PROTECT, related_name="vlans", blank=True, null=True
    )
    group = models.ForeignKey(
        VLANGroup, on_delete=models.PROTECT, related_name="vlans", blank=True, null=True
    )
    vid = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(VID_MIN), MaxValueValidator(VID_MAX)], verbose_name="VLAN ID"
    )
    name = models.CharField(max_length=64)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="vlans", blank=True, null=True
    )
    status = models.CharField(
        max_length=50, choices=VLANStatusChoices.choices, default=VLANStatusChoices.ACTIVE
    )
    role = models.ForeignKey(
        "ipam.Role", on_delete=models.SET_NULL, related_name="vlans", blank=True, null=True
    )
    qinq_role = models.CharField(
        max_length=50, choices=VLANQinQRoleChoices.choices, blank=True, null=True
    )
    qinq_svlan = models.ForeignKey(
        "self", on_delete=models.PROTECT, related_name="qinq_cvlans", blank=True, null=True
    )

    class Meta:
        ordering = ("site", "group", "vid", "pk")
        verbose_name = "VLAN"
        constraints = [
            models.UniqueConstraint(
                fields=("group", "vid"),
                name="ipam_vlan_unique_group_vid",
                violation_error_message="VLAN ID must be unique within its group.",
            ),
            models.UniqueConstraint(
                fields=("group", "name"),
                name="ipam_vlan_unique_group_name",
                violation_error_message="VLAN name must be unique within its group.",
            ),
            models.UniqueConstraint(
                fields=("qinq_svlan", "vid"),
                name="ipam_vlan_unique_qinq_svlan_vid",
                violation_error_message="VLAN ID must be unique within its S-VLAN.",
            ),
            models.UniqueConstraint(
                fields=("qinq_svlan", "name"),
                name="ipam_vlan_unique_qinq_svlan_name",
                violation_error_message="VLAN name must be unique within its S-VLAN.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.vid})"

    def clean(self) -> None:
        super().clean()
        group = self.group if self.group_id else None
        if group is not None and self.site_id and group.scoped_elsewhere(self.site_id):
            raise ValidationError(
                f"VLAN is assigned to group {group} (scope: {group.scope}); cannot also "
                f"assign to site {self.site}."
            )
        if group is not None and self.vid and not group.contains_vid(self.vid):
            ranges = ", ".join(f"{lo}-{hi}" for lo, hi in inclusive(group.vid_ranges))
            raise ValidationError(
                {"vid": f"VID must be in ranges {ranges} for VLANs in group {group}"}
            )
        self.check_qinq()

    def check_qinq(self) -> None:
        if self.qinq_svlan_id and self.qinq_role != VLANQinQRoleChoices.CVLAN:
            raise ValidationError(
                {"qinq_svlan": "Only Q-in-Q customer VLANs maybe assigned to a service VLAN."}
            )
        if self.qinq_role == VLANQinQRoleChoices.CVLAN and not self.qinq_svlan_id:
            raise ValidationError(
                {"qinq_role": "A Q-in-Q customer VLAN must be assigned to a service VLAN."}
            )
