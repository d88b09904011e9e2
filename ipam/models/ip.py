"""Prefixes, IP ranges and IP addresses: the IP engine's tables.

Indexes: a btree on each network column (ordering and `<<`/`<<=` scans) plus an
SP-GiST `inet_ops` index (parents `>>=` and overlaps `&&`), and an expression index
on the bare host of an address for mask-agnostic lookups (the `parent` filter).
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import SpGistIndex
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F

from ipam.choices import (
    IPAddressRoleChoices,
    IPAddressStatusChoices,
    IPRangeStatusChoices,
    PrefixStatusChoices,
)
from ipam.fields import IPAddressField, IPNetworkField, parse_network
from ipam.models.assignment import clean_assignment
from ipamcore.batch import BatchKey
from ipamcore.models import PrimaryModel

MAX_RANGE_SIZE = 2**32 - 1

dns_validator = RegexValidator(
    regex=r"^([0-9A-Za-z_-]+|\*)(\.[0-9A-Za-z_-]+)*\.?$",
    message="Only alphanumeric characters, asterisks, hyphens, periods, and underscores are "
    "allowed in DNS names",
)


def range_size(start: Any, end: Any) -> int:
    """How many addresses from start to end, both included (0 when unset)."""
    start, end = parse_network(start), parse_network(end)
    if start is None or end is None:
        return 0
    return max(int(end.ip) - int(start.ip) + 1, 0)


def recache_prefix_scopes(scope: Any) -> None:
    """After a site or location moved (new region, site group or site), refresh the cached
    ancestry of the prefixes below it. Rows already right are not written."""
    region, site_group, site, location = scope_ancestry(scope)
    field = "_location" if location is not None else "_site"
    ancestry = {"_region_id": region, "_site_group_id": site_group, "_site_id": site}
    stale = Prefix.objects.filter(**{field: scope.pk}).exclude(**ancestry)
    stale.update(**ancestry)


def vrf_label(vrf: Any) -> str:
    return f"VRF {vrf}" if vrf is not None else "global table"


def enforces_unique(vrf: Any) -> bool:
    return settings.ENFORCE_GLOBAL_UNIQUE if vrf is None else bool(vrf.enforce_unique)


def scope_ancestry(scope: Any) -> tuple[int | None, ...]:
    """(region, site group, site, location) ids of a scope object and what contains it."""
    label = scope._meta.label_lower if scope is not None else ""
    if label == "dcim.region":
        return scope.pk, None, None, None
    if label == "dcim.sitegroup":
        return None, scope.pk, None, None
    if label == "dcim.site":
        return scope.region_id, scope.group_id, scope.pk, None
    if label == "dcim.location":
        site = scope.site
        return site.region_id, site.group_id, site.pk, scope.pk
    return None, None, None, None


class Prefix(PrimaryModel):
    prefix = IPNetworkField()
    vrf = models.ForeignKey(
        "ipam.VRF", on_delete=models.PROTECT, related_name="prefixes", blank=True, null=True
    )
    scope_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", blank=True, null=True
    )
    scope_id = models.PositiveBigIntegerField(blank=True, null=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    # The scope's ancestry, cached so site/region/location filters need no joins through
    # the generic relation (a prefix scoped to a location matches its site and region).
    # Region and site group are ancestors of the scope, not the scope: deleting one must
    # not delete the prefixes of its sites (NetBox #22682), hence SET_NULL.
    _region = models.ForeignKey(
        "dcim.Region", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    _site_group = models.ForeignKey(
        "dcim.SiteGroup", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    _site = models.ForeignKey(
        "dcim.Site", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )
    _location = models.ForeignKey(
        "dcim.Location", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="prefixes", blank=True, null=True
    )
    vlan = models.ForeignKey(
        "ipam.VLAN", on_delete=models.PROTECT, related_name="prefixes", blank=True, null=True
    )
    status = models.CharField(
        max_length=50, choices=PrefixStatusChoices.choices, default=PrefixStatusChoices.ACTIVE
    )
    role = models.ForeignKey(
        "ipam.Role", on_delete=models.SET_NULL, related_name="prefixes", blank=True, null=True
    )
    is_pool = models.BooleanField(default=False)
    mark_utilized = models.BooleanField(default=False)
    # Hierarchy, kept on write by ipam.services (see docs/decisions/).
    _depth = models.PositiveSmallIntegerField(default=0, editable=False)
    _children = models.PositiveBigIntegerField(default=0, editable=False)
    # Percent used (see ipam.services.hierarchy), kept on write like the two above.
    _utilization = models.DecimalField(max_digits=5, decimal_places=2, default=0, editable=False)

    class Meta:
        ordering = (F("vrf").asc(nulls_first=True), "prefix", "pk")
        verbose_name_plural = "prefixes"
        indexes = [
            models.Index(fields=("vrf", "prefix"), name="ipam_prefix_vrf_prefix"),
            SpGistIndex(fields=("prefix",), opclasses=("inet_ops",), name="ipam_prefix_spgist"),
        ]

    def __str__(self) -> str:
        return str(self.prefix)

    @property
    def family(self) -> int | None:
        return self.prefix.version if self.prefix is not None else None

    @property
    def depth(self) -> int:
        return self._depth

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.cache_scope()
        super().save(*args, **kwargs)

    def batch_keys(self) -> list[BatchKey]:
        """clean()'s duplicate rule among the prefixes of one batch (ipamcore.batch)."""
        if self.prefix is None or not enforces_unique(self.vrf):
            return []
        message = f"Duplicate prefix found in {vrf_label(self.vrf)}: {self.prefix}"
        return [BatchKey.exclusive(("prefix", self.vrf_id, str(self.prefix)), "prefix", message)]

    def cache_scope(self) -> None:
        """Copy the scope's ancestry (region, site group, site, location) into the cached
        columns the site/region filters use."""
        self._region_id, self._site_group_id, self._site_id, self._location_id = scope_ancestry(
            self.scope
        )

    @property
    def children(self) -> int:
        return self._children

    @property
    def utilization(self) -> Decimal:
        return self._utilization

    def clean(self) -> None:
        super().clean()
        # Bulk creates skip save(): the cached ancestry is filled in here as well.
        self.cache_scope()
        if self.prefix is None:
            return
        if self.prefix.prefixlen == 0:
            raise ValidationError({"prefix": "Cannot create prefix with /0 mask."})
        if enforces_unique(self.vrf):
            duplicate = Prefix.objects.filter(vrf=self.vrf, prefix=str(self.prefix)).exclude(
                pk=self.pk
            )
            if duplicate.exists():
                raise ValidationError(
                    {"prefix": f"Duplicate prefix found in {vrf_label(self.vrf)}: {self.prefix}"}
                )


class IPRange(PrimaryModel):
    start_address = IPAddressField()
    end_address = IPAddressField()
    size = models.PositiveBigIntegerField(editable=False, default=0)
    vrf = models.ForeignKey(
        "ipam.VRF", on_delete=models.PROTECT, related_name="ip_ranges", blank=True, null=True
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="ip_ranges", blank=True, null=True
    )
    status = models.CharField(
        max_length=50, choices=IPRangeStatusChoices.choices, default=IPRangeStatusChoices.ACTIVE
    )
    role = models.ForeignKey(
        "ipam.Role", on_delete=models.SET_NULL, related_name="ip_ranges", blank=True, null=True
    )
    mark_populated = models.BooleanField(default=False)
    mark_utilized = models.BooleanField(default=False)
    _utilization = models.DecimalField(max_digits=5, decimal_places=2, default=0, editable=False)

    class Meta:
        ordering = (F("vrf").asc(nulls_first=True), "start_address", "pk")
        verbose_name = "IP range"
        indexes = [
            models.Index(fields=("vrf", "start_address"), name="ipam_iprange_vrf_start"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def family(self) -> int | None:
        return self.start_address.version if self.start_address is not None else None

    @property
    def utilization(self) -> Decimal:
        return self._utilization

    @property
    def name(self) -> str:
        """Compact form: the leading groups both ends share, written once
        (192.0.2.10-20/24, 2001:db8::1-ff/64)."""
        start, end = self.start_address, self.end_address
        if start is None or end is None:
            return ""
        separator = "." if start.version == 4 else ":"
        start_groups = str(start.ip).split(separator)
        end_groups = str(end.ip).split(separator)
        shared = 0
        for a, b in zip(start_groups, end_groups, strict=False):
            if a != b:
                break
            shared += 1
        if shared == 0:
            return f"{start.ip}-{end.ip}/{start.prefixlen}"
        head = separator.join(start_groups[:shared])
        first = separator.join(start_groups[shared:])
        last = separator.join(end_groups[shared:])
        return f"{head}{separator}{first}-{last}/{start.prefixlen}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.size = range_size(self.start_address, self.end_address)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        start, end = self.start_address, self.end_address
        if start is None or end is None:
            return
        if start.version != end.version:
            raise ValidationError(
                {"end_address": "Starting and ending IP address versions must match"}
            )
        if start.prefixlen != end.prefixlen:
            raise ValidationError(
                {"end_address": "Starting and ending IP address masks must match"}
            )
        if end.ip <= start.ip:
            message = f"Ending address must be greater than the starting address ({start})"
            raise ValidationError({"end_address": message})
        self.size = range_size(start, end)
        if self.size > MAX_RANGE_SIZE:
            raise ValidationError(
                f"Defined range exceeds maximum supported size ({MAX_RANGE_SIZE})"
            )
        overlapping = (
            IPRange.objects.filter(
                vrf=self.vrf,
                start_address__host__lte=str(end.ip),
                end_address__host__gte=str(start.ip),
            )
            .exclude(pk=self.pk)
            .first()
        )
        if overlapping is not None:
            raise ValidationError(
                f"Defined addresses overlap with range {overlapping} in {vrf_label(self.vrf)}"
            )


class IPAddress(PrimaryModel):
    address = IPAddressField()
    vrf = models.ForeignKey(
        "ipam.VRF", on_delete=models.PROTECT, related_name="ip_addresses", blank=True, null=True
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        related_name="ip_addresses",
        blank=True,
        null=True,
    )
    status = models.CharField(
        max_length=50, choices=IPAddressStatusChoices.choices, default=IPAddressStatusChoices.ACTIVE
    )
    role = models.CharField(max_length=50, choices=IPAddressRoleChoices.choices, blank=True)
    # Interfaces arrive with DCIM; the generic relation is the contract clients already use.
    assigned_object_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", blank=True, null=True
    )
    assigned_object_id = models.PositiveBigIntegerField(blank=True, null=True)
    assigned_object = GenericForeignKey("assigned_object_type", "assigned_object_id")
    nat_inside = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="nat_outside", blank=True, null=True
    )
    dns_name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("address", "pk")
        verbose_name = "IP address"
        verbose_name_plural = "IP addresses"
        indexes = [
            models.Index(fields=("address",), name="ipam_ipaddress_address"),
            models.Index(fields=("vrf", "address"), name="ipam_ipaddress_vrf_address"),
            SpGistIndex(fields=("address",), opclasses=("inet_ops",), name="ipam_ipaddress_spgist"),
            models.Index(
                fields=("assigned_object_type", "assigned_object_id"),
                name="ipam_ipaddress_assigned",
            ),
        ]

    def __str__(self) -> str:
        return str(self.address)

    # (assigned_object_type_id, assigned_object_id) as read from the database.
    loaded_assignment: tuple[Any, Any] | None = None

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> IPAddress:
        instance = super().from_db(db, field_names, values, **kwargs)
        # The assignment as read, so validating a change of it needs no query per address
        # (ipam.models.assignment.clean_primary_reassignment).
        instance.loaded_assignment = (
            instance.__dict__.get("assigned_object_type_id"),
            instance.__dict__.get("assigned_object_id"),
        )
        return instance

    @property
    def family(self) -> int | None:
        return self.address.version if self.address is not None else None

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.dns_name = self.dns_name.lower()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.dns_name = self.dns_name.lower()
        if self.dns_name:
            try:
                dns_validator(self.dns_name)
            except ValidationError as exc:
                raise ValidationError({"dns_name": exc.messages}) from exc
        clean_assignment(self)
        if self.address is None:
            return
        if self.address.prefixlen == 0:
            raise ValidationError({"address": "Cannot create IP address with /0 mask."})
        if self.status == IPAddressStatusChoices.SLAAC and self.address.version != 6:
            raise ValidationError({"status": "Only IPv6 addresses can be assigned SLAAC status"})

    def validate_unique(self, exclude: Collection[str] | None = None) -> None:
        """Duplicates and populated ranges need other rows: the API checks a whole batch
        at once, under its allocation locks (ipam.services.addresses); other callers of
        full_clean() get the same rules here."""
        super().validate_unique(exclude)
        from ipam.services.addresses import address_errors

        errors = address_errors([self])[0]
        if errors:
            raise ValidationError(errors)
