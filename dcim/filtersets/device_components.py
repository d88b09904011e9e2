"""Filters of device components (the device-component and cabled-object groups of
facts §7.3), cables, cable terminations and MAC addresses."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from dcim.choices import VIRTUAL_INTERFACE_TYPES, WIRELESS_INTERFACE_TYPES, InterfaceKindChoices
from dcim.models import (
    Cable,
    CableTermination,
    ConsolePort,
    ConsoleServerPort,
    Device,
    DeviceRole,
    DeviceType,
    FrontPort,
    Interface,
    Location,
    MACAddress,
    PowerOutlet,
    PowerPort,
    Rack,
    RearPort,
    Region,
    Site,
    SiteGroup,
    VirtualChassis,
)
from ipam.models import VLAN, VRF
from ipamcore.filtersets import (
    BaseFilterSet,
    MultiValueCharFilter,
    MultiValueDateTimeFilter,
    MultiValueNumberFilter,
    ObjectTypeFilter,
    PrimaryFilterSet,
    RelatedFilter,
    TreeFilter,
)
from tenancy.filtersets import TenancyFilterSet
from tenancy.models import Tenant
from virtualization.models import VMInterface


class DeviceComponentFilterSet(PrimaryFilterSet):
    """Filters on the component's device and where it stands."""

    device_id = RelatedFilter(Device, field_name="device")
    device = RelatedFilter(Device, field_name="device__name", to_field_name="name")
    device_type_id = RelatedFilter(DeviceType, field_name="device__device_type")
    device_type = RelatedFilter(
        DeviceType, field_name="device__device_type__model", to_field_name="model"
    )
    device_role_id = RelatedFilter(DeviceRole, field_name="device__role")
    device_role = RelatedFilter(DeviceRole, field_name="device__role__slug", to_field_name="slug")
    device_status = MultiValueCharFilter(field_name="device__status")
    site_id = RelatedFilter(Site, field_name="device__site")
    site = RelatedFilter(Site, field_name="device__site__slug", to_field_name="slug")
    location_id = TreeFilter(Location, field_name="device__location")
    location = TreeFilter(Location, field_name="device__location", to_field_name="slug")
    rack_id = RelatedFilter(Rack, field_name="device__rack")
    rack = RelatedFilter(Rack, field_name="device__rack__name", to_field_name="name")
    region_id = TreeFilter(Region, field_name="device__site__region")
    region = TreeFilter(Region, field_name="device__site__region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="device__site__group")
    site_group = TreeFilter(SiteGroup, field_name="device__site__group", to_field_name="slug")
    virtual_chassis_id = RelatedFilter(VirtualChassis, field_name="device__virtual_chassis")
    virtual_chassis = RelatedFilter(
        VirtualChassis, field_name="device__virtual_chassis__name", to_field_name="name"
    )
    tenant_id = RelatedFilter(Tenant, field_name="device__tenant")
    tenant = RelatedFilter(Tenant, field_name="device__tenant__slug", to_field_name="slug")
    search_fields: ClassVar[tuple[str, ...]] = ("name", "label", "description")


class CabledFilterSet(DeviceComponentFilterSet):
    cable_id = RelatedFilter(Cable, field_name="cable")
    cabled = django_filters.BooleanFilter(field_name="cable", lookup_expr="isnull", exclude=True)
    occupied = django_filters.BooleanFilter(method="filter_occupied")

    def filter_occupied(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        occupied = Q(cable__isnull=False) | Q(mark_connected=True)
        return queryset.filter(occupied) if value else queryset.exclude(occupied)


class PathEndpointFilterSet(CabledFilterSet):
    connected = django_filters.BooleanFilter(method="filter_connected")

    def filter_connected(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        connected = Q(_path__is_complete=True)
        return queryset.filter(connected) if value else queryset.exclude(connected)


COMPONENT_FIELDS = ("id", "name", "label", "description", "mark_connected", "cable_end")


class InterfaceFilterSet(PathEndpointFilterSet):
    kind = django_filters.ChoiceFilter(choices=InterfaceKindChoices.choices, method="filter_kind")
    parent_id = RelatedFilter(Interface, field_name="parent")
    bridge_id = RelatedFilter(Interface, field_name="bridge")
    lag_id = RelatedFilter(Interface, field_name="lag")
    mac_address = MultiValueCharFilter(field_name="mac_addresses__mac_address", distinct=True)
    primary_mac_address_id = RelatedFilter(MACAddress, field_name="primary_mac_address")
    primary_mac_address = MultiValueCharFilter(field_name="primary_mac_address__mac_address")
    vlan_id = django_filters.NumberFilter(method="filter_vlan_id")
    vlan = django_filters.NumberFilter(method="filter_vlan")
    vrf_id = RelatedFilter(VRF, field_name="vrf")
    vrf = RelatedFilter(VRF, field_name="vrf__rd", to_field_name="rd")
    virtual_chassis_member_id = django_filters.NumberFilter(method="filter_vc_member")
    virtual_chassis_member = django_filters.CharFilter(method="filter_vc_member")
    virtual_chassis_member_or_master_id = django_filters.NumberFilter(method="filter_vc_member")
    virtual_chassis_member_or_master = django_filters.CharFilter(method="filter_vc_member")

    class Meta:
        model = Interface
        fields = (
            *COMPONENT_FIELDS,
            "type",
            "enabled",
            "mtu",
            "mgmt_only",
            "poe_mode",
            "poe_type",
            "mode",
            "speed",
            "duplex",
            "wwn",
        )

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        special = (*VIRTUAL_INTERFACE_TYPES, *WIRELESS_INTERFACE_TYPES)
        if value == InterfaceKindChoices.VIRTUAL:
            return queryset.filter(type__in=VIRTUAL_INTERFACE_TYPES)
        if value == InterfaceKindChoices.WIRELESS:
            return queryset.filter(type__in=WIRELESS_INTERFACE_TYPES)
        return queryset.exclude(type__in=special)

    def filter_vlan_id(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(
            Q(untagged_vlan_id=value) | Q(tagged_vlans=value) | Q(qinq_svlan_id=value)
        ).distinct()

    def filter_vlan(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        vlans = VLAN.objects.filter(vid=value)
        return queryset.filter(
            Q(untagged_vlan__in=vlans) | Q(tagged_vlans__in=vlans) | Q(qinq_svlan__in=vlans)
        ).distinct()

    def filter_vc_member(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Interfaces of every member of the named device's virtual chassis (or of the
        device alone when it is in none). The `_or_master` form widens to the chassis only
        when the device is its master: a member alone sees its own interfaces."""
        lookup = {"pk": value} if name.endswith("_id") else {"name": value}
        device = Device.objects.filter(**lookup).select_related("virtual_chassis").first()
        if device is None:
            return queryset.none()
        chassis = device.virtual_chassis
        if chassis is None or ("_or_master" in name and chassis.master_id != device.pk):
            return queryset.filter(device=device)
        return queryset.filter(device__virtual_chassis=chassis)


class ConsolePortFilterSet(PathEndpointFilterSet):
    class Meta:
        model = ConsolePort
        fields = (*COMPONENT_FIELDS, "type", "speed")


class ConsoleServerPortFilterSet(PathEndpointFilterSet):
    class Meta:
        model = ConsoleServerPort
        fields = (*COMPONENT_FIELDS, "type", "speed")


class PowerPortFilterSet(PathEndpointFilterSet):
    class Meta:
        model = PowerPort
        fields = (*COMPONENT_FIELDS, "type", "maximum_draw", "allocated_draw")


class PowerOutletFilterSet(PathEndpointFilterSet):
    power_port_id = RelatedFilter(PowerPort, field_name="power_port")

    class Meta:
        model = PowerOutlet
        fields = (*COMPONENT_FIELDS, "type", "feed_leg")


class RearPortFilterSet(CabledFilterSet):
    class Meta:
        model = RearPort
        fields = (*COMPONENT_FIELDS, "type", "color", "positions")


class FrontPortFilterSet(CabledFilterSet):
    rear_port_id = RelatedFilter(RearPort, field_name="rear_port")

    class Meta:
        model = FrontPort
        fields = (*COMPONENT_FIELDS, "type", "color", "rear_port_position")


# --- cables ------------------------------------------------------------------------------


def terminations_of(type_name: str) -> Any:
    """A `<type>_id` filter: cables with a termination of that kind and id."""

    def method(queryset: QuerySet, name: str, value: Any) -> QuerySet:
        content_type = ContentType.objects.get_by_natural_key("dcim", type_name)
        rows = CableTermination.objects.filter(
            termination_type=content_type, termination_id__in=value
        )
        return queryset.filter(pk__in=rows.values("cable_id"))

    return MultiValueNumberFilter(method=method)


class TerminationSideFilter(django_filters.CharFilter):
    """`termination_a_type` / `termination_b_type` ("app.model") and the `_id` pair."""

    def __init__(self, end: str, part: str, **kwargs: Any) -> None:
        self.end, self.part = end, part
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value in (None, ""):
            return qs
        rows = CableTermination.objects.filter(cable_end=self.end)
        if self.part == "type":
            app_label, _, model = str(value).lower().partition(".")
            rows = rows.filter(termination_type__app_label=app_label, termination_type__model=model)
        else:
            try:
                rows = rows.filter(termination_id=int(value))
            except ValueError:
                return qs.none()
        return qs.filter(pk__in=rows.values("cable_id"))


def cached_location(field: str, model: Any, to_field: str | None = None) -> RelatedFilter:
    kwargs = {"to_field_name": to_field} if to_field else {}
    lookup = f"terminations__{field}" + (f"__{to_field}" if to_field else "")
    return RelatedFilter(model, field_name=lookup, distinct=True, **kwargs)


class CableFilterSet(TenancyFilterSet):
    termination_a_type = TerminationSideFilter("A", "type")
    termination_a_id = TerminationSideFilter("A", "id")
    termination_b_type = TerminationSideFilter("B", "type")
    termination_b_id = TerminationSideFilter("B", "id")
    device_id = cached_location("_device", Device)
    device = cached_location("_device", Device, "name")
    rack_id = cached_location("_rack", Rack)
    rack = cached_location("_rack", Rack, "name")
    location_id = cached_location("_location", Location)
    location = cached_location("_location", Location, "slug")
    site_id = cached_location("_site", Site)
    site = cached_location("_site", Site, "slug")
    interface_id = terminations_of("interface")
    consoleport_id = terminations_of("consoleport")
    consoleserverport_id = terminations_of("consoleserverport")
    powerport_id = terminations_of("powerport")
    poweroutlet_id = terminations_of("poweroutlet")
    frontport_id = terminations_of("frontport")
    rearport_id = terminations_of("rearport")
    powerfeed_id = terminations_of("powerfeed")
    unterminated = django_filters.BooleanFilter(method="filter_unterminated")
    search_fields = ("label", "description")

    class Meta:
        model = Cable
        fields = (
            "id",
            "label",
            "length",
            "length_unit",
            "description",
            "type",
            "status",
            "profile",
            "color",
        )

    def filter_unterminated(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        ends = CableTermination.objects.values("cable_id")
        complete = Q(pk__in=ends.filter(cable_end="A")) & Q(pk__in=ends.filter(cable_end="B"))
        return queryset.exclude(complete) if value else queryset.filter(complete)


class CableTerminationFilterSet(BaseFilterSet):
    created = MultiValueDateTimeFilter()
    last_updated = MultiValueDateTimeFilter()
    cable = RelatedFilter(Cable, field_name="cable")
    termination_type = ObjectTypeFilter()

    class Meta:
        model = CableTermination
        fields = ("id", "cable_end", "termination_id")


class MACAddressFilterSet(PrimaryFilterSet):
    assigned_object_type = ObjectTypeFilter()
    device_id = MultiValueNumberFilter(field_name="interface__device")
    device = MultiValueCharFilter(field_name="interface__device__name")
    virtual_machine_id = MultiValueNumberFilter(field_name="vminterface__virtual_machine")
    virtual_machine = MultiValueCharFilter(field_name="vminterface__virtual_machine__name")
    interface_id = MultiValueNumberFilter(field_name="interface")
    interface = MultiValueCharFilter(field_name="interface__name")
    vminterface_id = MultiValueNumberFilter(field_name="vminterface")
    vminterface = MultiValueCharFilter(field_name="vminterface__name")
    assigned = django_filters.BooleanFilter(
        field_name="assigned_object_id", lookup_expr="isnull", exclude=True
    )
    primary = django_filters.BooleanFilter(method="filter_primary")
    search_fields = ("mac_address", "description")

    class Meta:
        model = MACAddress
        fields = ("id", "mac_address", "assigned_object_id", "description")

    def filter_primary(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        primary = Q()
        for model in (Interface, VMInterface):
            chosen = model.objects.filter(primary_mac_address__isnull=False)
            primary |= Q(pk__in=chosen.values("primary_mac_address"))
        return queryset.filter(primary) if value else queryset.exclude(primary)
