"""Clusters, virtual machines, their interfaces and virtual disks."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from dcim.models.device_components import BaseInterface, NaturalNameModel
from dcim.models.devices import clean_local_context, clean_primary_ips, owns_ip
from ipam.models.ip import scope_ancestry
from ipamcore.models import OrganizationalModel, PrimaryModel, TaggedModel
from virtualization.choices import (
    CLUSTER_SCOPE_TYPES,
    ClusterStatusChoices,
    VirtualMachineStartOnBootChoices,
    VirtualMachineStatusChoices,
)


def recache_cluster_scopes(scope: Any) -> None:
    """After a site or location moved, refresh the cached ancestry of the clusters below
    it (rows already right are not written)."""
    region, site_group, site, location = scope_ancestry(scope)
    field = "_location" if location is not None else "_site"
    ancestry = {"_region_id": region, "_site_group_id": site_group, "_site_id": site}
    Cluster.objects.filter(**{field: scope.pk}).exclude(**ancestry).update(**ancestry)


class ClusterType(OrganizationalModel):
    class Meta:
        ordering = ("name",)


class ClusterGroup(OrganizationalModel):
    class Meta:
        ordering = ("name",)


class Cluster(PrimaryModel):
    name = models.CharField(max_length=100)
    type = models.ForeignKey(ClusterType, on_delete=models.PROTECT, related_name="clusters")
    group = models.ForeignKey(
        ClusterGroup, on_delete=models.PROTECT, related_name="clusters", blank=True, null=True
    )
    status = models.CharField(
        max_length=50, choices=ClusterStatusChoices.choices, default=ClusterStatusChoices.ACTIVE
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="clusters", blank=True, null=True
    )
    scope_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", blank=True, null=True
    )
    scope_id = models.PositiveBigIntegerField(blank=True, null=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    # The scope's ancestry, cached so site/region filters need no generic join.
    # Region and site group are ancestors of the scope, not the scope: deleting one must
    # not delete the clusters of its sites (as for prefixes).
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

    class Meta:
        ordering = ("name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("group", "name"),
                name="virtualization_cluster_unique_group_name",
                violation_error_message="Cluster name must be unique per group.",
            ),
            models.UniqueConstraint(
                fields=("_site", "name"),
                name="virtualization_cluster_unique__site_name",
                violation_error_message="Cluster name must be unique per site.",
            ),
        ]
        indexes = [
            models.Index(fields=("scope_type", "scope_id"), name="virtualization_cluster_scope"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.cache_scope()
        super().save(*args, **kwargs)

    def cache_scope(self) -> None:
        ancestry = scope_ancestry(self.scope if self.scope_type_id and self.scope_id else None)
        self._region_id, self._site_group_id, self._site_id, self._location_id = ancestry

    def clean(self) -> None:
        super().clean()
        self.clean_scope()
        self.cache_scope()
        if self.pk and self._site_id:
            strays = self.devices.exclude(site_id=self._site_id).count()
            if strays:
                raise ValidationError(
                    {
                        "scope": f"{strays} devices are assigned as hosts for this cluster but "
                        f"are not in site {self._site}"
                    }
                )

    def clean_scope(self) -> None:
        if bool(self.scope_type_id) != bool(self.scope_id):
            field = "scope_id" if self.scope_type_id else "scope_type"
            raise ValidationError({field: "This field cannot be null."})
        if not self.scope_type_id:
            return
        content_type = ContentType.objects.get_for_id(self.scope_type_id)
        label = f"{content_type.app_label}.{content_type.model}"
        if label not in CLUSTER_SCOPE_TYPES:
            raise ValidationError({"scope_type": f"Invalid content type: {label}"})
        if self.scope is None:
            raise ValidationError(
                {"scope_id": f"Related object not found using the provided value: {self.scope_id}."}
            )


class VirtualMachine(PrimaryModel):
    name = models.CharField(max_length=64)
    role = models.ForeignKey(
        "dcim.DeviceRole",
        on_delete=models.PROTECT,
        related_name="virtual_machines",
        blank=True,
        null=True,
    )
    status = models.CharField(
        max_length=50,
        choices=VirtualMachineStatusChoices.choices,
        default=VirtualMachineStatusChoices.ACTIVE,
    )
    start_on_boot = models.CharField(
        max_length=32,
        choices=VirtualMachineStartOnBootChoices.choices,
        default=VirtualMachineStartOnBootChoices.OFF,
    )
    site = models.ForeignKey(
        "dcim.Site",
        on_delete=models.PROTECT,
        related_name="virtual_machines",
        blank=True,
        null=True,
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="virtual_machines", blank=True, null=True
    )
    device = models.ForeignKey(
        "dcim.Device",
        on_delete=models.SET_NULL,
        related_name="virtual_machines",
        blank=True,
        null=True,
    )
    platform = models.ForeignKey(
        "dcim.Platform",
        on_delete=models.SET_NULL,
        related_name="virtual_machines",
        blank=True,
        null=True,
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant",
        on_delete=models.PROTECT,
        related_name="virtual_machines",
        blank=True,
        null=True,
    )
    primary_ip4 = models.OneToOneField(
        "ipam.IPAddress", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    primary_ip6 = models.OneToOneField(
        "ipam.IPAddress", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    vcpus = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        blank=True,
        null=True,
        validators=[MinValueValidator(0.01)],
        verbose_name="vCPUs",
    )
    memory = models.PositiveIntegerField(blank=True, null=True, verbose_name="memory (MB)")
    disk = models.PositiveIntegerField(blank=True, null=True, verbose_name="disk (MB)")
    serial = models.CharField(max_length=50, blank=True, verbose_name="serial number")
    local_context_data = models.JSONField(blank=True, null=True)
    services = GenericRelation(
        "ipam.Service",
        content_type_field="parent_object_type",
        object_id_field="parent_object_id",
        related_query_name="virtual_machine",
    )

    class Meta:
        ordering = ("name", "pk")
        verbose_name = "virtual machine"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "cluster",
                "tenant",
                name="virtualization_virtualmachine_unique_name_cluster_tenant",
                violation_error_message="Virtual machine name must be unique per cluster.",
            ),
            models.UniqueConstraint(
                Lower("name"),
                "cluster",
                condition=models.Q(tenant__isnull=True),
                name="virtualization_virtualmachine_unique_name_cluster",
                violation_error_message="Virtual machine name must be unique per cluster.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def primary_ip(self) -> Any:
        from django.conf import settings

        if getattr(settings, "PREFER_IPV4", False) and self.primary_ip4_id:
            return self.primary_ip4
        return self.primary_ip6 or self.primary_ip4

    def owns_ip(self, ip: Any) -> bool:
        return self.pk is not None and owns_ip(ip, VMInterface, {"virtual_machine_id": self.pk})

    def clean(self) -> None:
        super().clean()
        clean_local_context(self)
        self.clean_placement()
        self.clean_disk()
        clean_primary_ips(self, ("primary_ip4", "primary_ip6"), "VM")

    def clean_placement(self) -> None:
        cluster, device = self.cluster, self.device
        if not (self.site_id or cluster or device):
            raise ValidationError(
                "A virtual machine must be assigned to a site, cluster, or device."
            )
        if not self.site_id:
            self.site_id = (cluster._site_id if cluster else None) or (
                device.site_id if device else None
            )
        if cluster is not None and cluster._site_id and cluster._site_id != self.site_id:
            raise ValidationError(
                {
                    "cluster": f"The selected cluster ({cluster}) is not assigned to this site "
                    f"({self.site})."
                }
            )
        if device is None:
            return
        if cluster is None and device.cluster_id:
            raise ValidationError(
                {"cluster": "Must specify a cluster when assigning a host device."}
            )
        if cluster is not None and device.cluster_id != cluster.pk:
            raise ValidationError(
                {
                    "device": f"The selected device ({device}) is not assigned to this cluster "
                    f"({cluster})."
                }
            )

    def clean_disk(self) -> None:
        if not self.pk:
            return
        total = self.virtualdisks.aggregate(total=models.Sum("size"))["total"]
        if not total:
            return
        if self.disk is None:
            self.disk = total
        elif self.disk != total:
            raise ValidationError(
                {
                    "disk": f"The specified disk size ({self.disk}) must match the aggregate size "
                    f"of assigned virtual disks ({total})."
                }
            )


class VMInterface(NaturalNameModel, TaggedModel, BaseInterface):
    virtual_machine = models.ForeignKey(
        VirtualMachine, on_delete=models.CASCADE, related_name="interfaces"
    )

    changelog_parent = "virtual_machine"
    parent_label = "virtual machine"
    parent_field = "virtual_machine"

    class Meta:
        ordering = ("virtual_machine_id", "_name", "pk")
        verbose_name = "VM interface"
        constraints = [
            models.UniqueConstraint(
                fields=("virtual_machine", "name"),
                name="virtualization_vminterface_unique_virtual_machine_name",
            ),
        ]
        indexes = [
            models.Index(fields=("virtual_machine", "_name"), name="vminterface_vm_name"),
        ]


class VirtualDisk(NaturalNameModel, TaggedModel):
    virtual_machine = models.ForeignKey(
        VirtualMachine, on_delete=models.CASCADE, related_name="virtualdisks"
    )
    size = models.PositiveIntegerField(verbose_name="size (MB)")

    changelog_parent = "virtual_machine"

    class Meta:
        ordering = ("virtual_machine_id", "_name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("virtual_machine", "name"),
                name="virtualization_virtualdisk_unique_virtual_machine_name",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keeps the VM's `disk` the sum of its disks (bulk writes and deletes call
        virtualization.services.refresh_disk_totals themselves)."""
        from virtualization.services import refresh_disk_totals

        super().save(*args, **kwargs)
        refresh_disk_totals([self.virtual_machine_id])
