"""Device roles and platforms (trees), devices and virtual chassis."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from dcim.choices import DeviceAirflowChoices, DeviceFaceChoices, DeviceStatusChoices
from dcim.models.racks import DEFAULT_COLOR
from extras.models import color_validator
from ipamcore.models import NestedGroupModel, PrimaryModel, tree_unique_constraints

HALF_U = Decimal("0.5")
vc_validators = [MinValueValidator(0), MaxValueValidator(255)]
LOCAL_CONTEXT_MESSAGE = 'JSON data must be in object form. Example: {"foo": 123}'


class DeviceRole(NestedGroupModel):
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", blank=True, null=True
    )
    color = models.CharField(max_length=6, default=DEFAULT_COLOR, validators=[color_validator])
    vm_role = models.BooleanField(default=True)

    class Meta:
        ordering = ("name",)
        constraints = tree_unique_constraints("devicerole")


class Platform(NestedGroupModel):
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", blank=True, null=True
    )
    manufacturer = models.ForeignKey(
        "dcim.Manufacturer",
        on_delete=models.PROTECT,
        related_name="platforms",
        blank=True,
        null=True,
    )

    class Meta:
        ordering = ("name",)
        # Unique per manufacturer, and among platforms without one.
        constraints = [
            constraint
            for field in ("name", "slug")
            for constraint in (
                models.UniqueConstraint(
                    fields=("manufacturer", field),
                    name=f"dcim_platform_unique_manufacturer_{field}",
                    violation_error_message=f"Platform {field} must be unique per manufacturer.",
                ),
                models.UniqueConstraint(
                    fields=(field,),
                    condition=models.Q(manufacturer__isnull=True),
                    name=f"dcim_platform_unique_{field}",
                    violation_error_message=f"Platform {field} must be unique.",
                ),
            )
        ]


def clean_local_context(obj: Any) -> None:
    if obj.local_context_data is not None and not isinstance(obj.local_context_data, dict):
        raise ValidationError({"local_context_data": LOCAL_CONTEXT_MESSAGE})


def owns_ip(ip: Any, interface_model: type[models.Model], parent_filter: dict[str, Any]) -> bool:
    """Whether an IP (or the inside address it is the NAT outside of) is assigned to one
    of the interfaces matched by `parent_filter`, e.g. {"device_id__in": [...]}."""
    interface_type = ContentType.objects.get_for_model(interface_model)
    candidates = [ip]
    if ip.nat_inside_id:
        candidates.append(ip.nat_inside)
    ids = [
        candidate.assigned_object_id
        for candidate in candidates
        if candidate.assigned_object_type_id == interface_type.pk
    ]
    return (
        bool(ids) and interface_model._default_manager.filter(pk__in=ids, **parent_filter).exists()
    )


def clean_primary_ips(obj: Any, fields: tuple[str, ...], noun: str) -> None:
    """A primary (or out-of-band) IP must be of the field's family and assigned to the
    object — the rule every device and virtual machine write checks."""
    for field in fields:
        ip = getattr(obj, field)
        if ip is None:
            continue
        family = {"primary_ip4": 4, "primary_ip6": 6}.get(field)
        if family is not None and ip.family != family:
            raise ValidationError({field: f"{ip} is not an IPv{family} address."})
        if not obj.owns_ip(ip):
            raise ValidationError(
                {field: f"The specified IP address ({ip}) is not assigned to this {noun}."}
            )


class Device(PrimaryModel):
    name = models.CharField(max_length=64, blank=True, null=True)
    device_type = models.ForeignKey(
        "dcim.DeviceType", on_delete=models.PROTECT, related_name="instances"
    )
    role = models.ForeignKey(DeviceRole, on_delete=models.PROTECT, related_name="devices")
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="devices", blank=True, null=True
    )
    platform = models.ForeignKey(
        Platform, on_delete=models.SET_NULL, related_name="devices", blank=True, null=True
    )
    serial = models.CharField(max_length=50, blank=True, verbose_name="serial number")
    asset_tag = models.CharField(max_length=50, blank=True, null=True, unique=True)
    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="devices")
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.PROTECT, related_name="devices", blank=True, null=True
    )
    rack = models.ForeignKey(
        "dcim.Rack", on_delete=models.PROTECT, related_name="devices", blank=True, null=True
    )
    position = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        blank=True,
        null=True,
        validators=[MinValueValidator(HALF_U), MaxValueValidator(Decimal("100.5"))],
    )
    face = models.CharField(max_length=50, choices=DeviceFaceChoices.choices, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=6, blank=True, null=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, blank=True, null=True)
    status = models.CharField(
        max_length=50, choices=DeviceStatusChoices.choices, default=DeviceStatusChoices.ACTIVE
    )
    airflow = models.CharField(
        max_length=50, choices=DeviceAirflowChoices.choices, blank=True, null=True
    )
    primary_ip4 = models.OneToOneField(
        "ipam.IPAddress",
        on_delete=models.SET_NULL,
        related_name="primary_ip4_for",
        blank=True,
        null=True,
    )
    primary_ip6 = models.OneToOneField(
        "ipam.IPAddress",
        on_delete=models.SET_NULL,
        related_name="primary_ip6_for",
        blank=True,
        null=True,
    )
    oob_ip = models.OneToOneField(
        "ipam.IPAddress",
        on_delete=models.SET_NULL,
        related_name="oob_ip_for",
        blank=True,
        null=True,
    )
    cluster = models.ForeignKey(
        "virtualization.Cluster",
        on_delete=models.SET_NULL,
        related_name="devices",
        blank=True,
        null=True,
    )
    virtual_chassis = models.ForeignKey(
        "dcim.VirtualChassis",
        on_delete=models.SET_NULL,
        related_name="members",
        blank=True,
        null=True,
    )
    vc_position = models.PositiveSmallIntegerField(blank=True, null=True, validators=vc_validators)
    vc_priority = models.PositiveSmallIntegerField(blank=True, null=True, validators=vc_validators)
    local_context_data = models.JSONField(blank=True, null=True)
    services = GenericRelation(
        "ipam.Service",
        content_type_field="parent_object_type",
        object_id_field="parent_object_id",
        related_query_name="device",
    )

    class Meta:
        ordering = ("name", "pk")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "site",
                "tenant",
                name="dcim_device_unique_name_site_tenant",
                violation_error_message="Device name must be unique per site.",
            ),
            models.UniqueConstraint(
                Lower("name"),
                "site",
                condition=models.Q(tenant__isnull=True),
                name="dcim_device_unique_name_site",
                violation_error_message="Device name must be unique per site.",
            ),
            models.UniqueConstraint(
                fields=("virtual_chassis", "vc_position"),
                name="dcim_device_unique_virtual_chassis_vc_position",
                violation_error_message="A device with this position already exists in the "
                "virtual chassis.",
            ),
        ]
        indexes = [
            models.Index(fields=("rack", "position"), name="dcim_device_rack_position"),
        ]

    def __str__(self) -> str:
        if self.name:
            return f"{self.name} ({self.asset_tag})" if self.asset_tag else self.name
        chassis = self.virtual_chassis if self.virtual_chassis_id else None
        if chassis is not None and self.vc_position is not None:
            return f"{chassis.name}:{self.vc_position}"
        if self.device_type_id:
            kind = f"{self.device_type.manufacturer} {self.device_type.model}"
            return f"{kind} ({self.asset_tag or self.pk})"
        return super().__str__()

    @property
    def primary_ip(self) -> Any:
        """The address clients reach the device at: IPv6 first unless PREFER_IPV4."""
        from django.conf import settings

        if getattr(settings, "PREFER_IPV4", False) and self.primary_ip4_id:
            return self.primary_ip4
        return self.primary_ip6 or self.primary_ip4

    def vc_member_ids(self) -> list[int]:
        """This device and, when in a virtual chassis, every other member."""
        if not self.virtual_chassis_id:
            return [self.pk]
        members = Device.objects.filter(virtual_chassis_id=self.virtual_chassis_id)
        return list(members.values_list("pk", flat=True))

    def owns_ip(self, ip: Any) -> bool:
        from dcim.models.device_components import Interface

        return self.pk is not None and owns_ip(
            ip, Interface, {"device_id__in": self.vc_member_ids()}
        )

    def clean(self) -> None:
        super().clean()
        # Empty is "none": unnamed devices never clash, asset tags stay unique.
        self.name = self.name or None
        self.asset_tag = self.asset_tag or None
        clean_local_context(self)
        self.clean_placement()
        self.clean_rack_position()
        self.clean_platform()
        self.clean_cluster()
        if self.virtual_chassis_id and self.vc_position is None:
            raise ValidationError(
                {
                    "vc_position": "A device assigned to a virtual chassis must have its "
                    "position defined."
                }
            )
        clean_primary_ips(self, ("primary_ip4", "primary_ip6", "oob_ip"), "device")

    def clean_placement(self) -> None:
        rack = self.rack if self.rack_id else None
        if rack is not None and self.location_id is None and rack.location_id:
            self.location = rack.location
        location = self.location if self.location_id else None
        if location is not None and self.site_id and location.site_id != self.site_id:
            raise ValidationError(
                {"location": f"Location {location} does not belong to site {self.site}."}
            )
        if rack is None:
            return
        if self.site_id and rack.site_id != self.site_id:
            raise ValidationError({"rack": f"Rack {rack} does not belong to site {self.site}."})
        if location is not None and rack.location_id not in (None, location.pk):
            raise ValidationError({"rack": f"Rack {rack} does not belong to location {location}."})

    def clean_rack_position(self) -> None:
        if not self.rack_id:
            if self.face:
                raise ValidationError(
                    {"face": "Cannot select a rack face without assigning a rack."}
                )
            if self.position is not None:
                raise ValidationError(
                    {"position": "Cannot select a rack position without assigning a rack."}
                )
            return
        if self.position is None:
            return
        if self.position % HALF_U:
            raise ValidationError({"position": "Position must be in increments of 0.5 rack units."})
        if not self.face:
            raise ValidationError({"face": "Must specify rack face when defining rack position."})
        if self.device_type_id:
            self.clean_fit()

    def clean_fit(self) -> None:
        device_type = self.device_type
        if device_type.is_child_device:
            raise ValidationError(
                {
                    "position": "Child device types cannot be assigned to a rack position. This "
                    "is an attribute of the parent device."
                }
            )
        if not device_type.u_height:
            raise ValidationError(
                {
                    "position": f"A 0U device type ({device_type}) cannot be assigned to a rack "
                    "position."
                }
            )
        rack, position = self.rack, self.position
        assert rack is not None and position is not None  # checked by clean_rack_position
        fits = rack.fits(
            position, device_type.u_height, self.face, device_type.is_full_depth, self.pk
        )
        if not fits:
            raise ValidationError(
                {
                    "position": f"U{self.position} is already occupied or does not have "
                    "sufficient space to accommodate this device type: "
                    f"{device_type} ({device_type.u_height}U)"
                }
            )

    def clean_platform(self) -> None:
        platform = self.platform
        if platform is None or not platform.manufacturer_id or not self.device_type_id:
            return
        if platform.manufacturer_id != self.device_type.manufacturer_id:
            raise ValidationError(
                {
                    "platform": f"The assigned platform is limited to {platform.manufacturer} "
                    "device types, but this device's type belongs to "
                    f"{self.device_type.manufacturer}."
                }
            )

    def clean_cluster(self) -> None:
        cluster = self.cluster
        if cluster is None or not self.site_id:
            return
        if cluster._site_id and cluster._site_id != self.site_id:
            raise ValidationError(
                {"cluster": f"The assigned cluster belongs to a different site ({cluster._site})"}
            )


class VirtualChassis(PrimaryModel):
    master = models.OneToOneField(
        Device, on_delete=models.SET_NULL, related_name="vc_master_for", blank=True, null=True
    )
    name = models.CharField(max_length=64)
    domain = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ("name", "pk")
        verbose_name_plural = "virtual chassis"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        master = self.master
        if master is not None and self.pk is not None and master.virtual_chassis_id != self.pk:
            raise ValidationError(
                {
                    "master": f"The selected master ({master}) is not assigned to this virtual "
                    "chassis."
                }
            )
