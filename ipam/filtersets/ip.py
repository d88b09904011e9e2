"""Filters for prefixes, IP ranges and IP addresses."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from dcim.models import Device, Interface, Location, Region, Site, SiteGroup
from ipam.filtersets.filters import (
    AddressFilter,
    ContainsFilter,
    FamilyFilter,
    MaskLengthFilter,
    NetworkFilter,
    PresentInVRFFilter,
    RangeContainsFilter,
    RangeParentFilter,
    parse_or_none,
    text_contains,
    text_startswith,
)
from ipam.models import VLAN, VRF, IPAddress, IPRange, Prefix, Role, VLANGroup
from ipamcore.filtersets import (
    MultiValueCharFilter,
    MultiValueDecimalFilter,
    MultiValueNumberFilter,
    ObjectTypeFilter,
    RelatedFilter,
    TreeFilter,
)
from tenancy.filtersets import TenancyFilterSet

# Content types an IP counts as "assigned to an interface" for.
INTERFACE_TYPES = (("dcim", "interface"), ("virtualization", "vminterface"))


class VRFScopedFilterSet(TenancyFilterSet):
    """The VRF filters of prefixes, ranges and addresses; `vrf_id=null` is the global table."""

    vrf_id = RelatedFilter(VRF, field_name="vrf")
    vrf = RelatedFilter(VRF, field_name="vrf__rd", to_field_name="rd")
    present_in_vrf_id = PresentInVRFFilter()
    present_in_vrf = PresentInVRFFilter(to_field_name="rd")


class PrefixFilterSet(VRFScopedFilterSet):
    family = FamilyFilter(field_name="prefix")
    prefix = NetworkFilter(field_name="prefix")
    within = NetworkFilter(field_name="prefix", lookup="net_contained")
    within_include = NetworkFilter(field_name="prefix", lookup="net_contained_or_equal")
    contains = ContainsFilter(field_name="prefix")
    mask_length = MaskLengthFilter(field_name="prefix")
    mask_length__gte = MaskLengthFilter(field_name="prefix", comparison="gte")
    mask_length__lte = MaskLengthFilter(field_name="prefix", comparison="lte")
    depth = MultiValueNumberFilter(field_name="_depth")
    children = MultiValueNumberFilter(field_name="_children")
    utilization = MultiValueDecimalFilter(field_name="_utilization")
    vlan_id = RelatedFilter(VLAN, field_name="vlan")
    vlan_vid = MultiValueNumberFilter(field_name="vlan__vid")
    vlan_group_id = RelatedFilter(VLANGroup, field_name="vlan__group")
    vlan_group = RelatedFilter(VLANGroup, field_name="vlan__group__slug", to_field_name="slug")
    role_id = RelatedFilter(Role, field_name="role")
    role = RelatedFilter(Role, field_name="role__slug", to_field_name="slug")
    # The scope, through the cached ancestry columns: a prefix scoped to a location
    # matches its site, site group and region (and their ancestors) too.
    scope_type = ObjectTypeFilter()
    region_id = TreeFilter(Region, field_name="_region")
    region = TreeFilter(Region, field_name="_region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="_site_group")
    site_group = TreeFilter(SiteGroup, field_name="_site_group", to_field_name="slug")
    site_id = RelatedFilter(Site, field_name="_site")
    site = RelatedFilter(Site, field_name="_site__slug", to_field_name="slug")
    location_id = TreeFilter(Location, field_name="_location")
    location = TreeFilter(Location, field_name="_location", to_field_name="slug")

    class Meta:
        model = Prefix
        fields = ("id", "scope_id", "status", "is_pool", "mark_utilized", "description")

    def search_condition(self, value: str) -> Q:
        condition = Q(description__icontains=value) | text_contains("prefix", value)
        network = parse_or_none(value)
        if network is not None:
            condition |= Q(prefix__net_contains_or_equals=str(network.cidr))
        return condition


class IPRangeFilterSet(VRFScopedFilterSet):
    family = FamilyFilter(field_name="start_address")
    start_address = AddressFilter(field_name="start_address")
    end_address = AddressFilter(field_name="end_address")
    contains = RangeContainsFilter(field_name="start_address")
    parent = RangeParentFilter(field_name="start_address")
    utilization = MultiValueDecimalFilter(field_name="_utilization")
    role_id = RelatedFilter(Role, field_name="role")
    role = RelatedFilter(Role, field_name="role__slug", to_field_name="slug")

    class Meta:
        model = IPRange
        fields = ("id", "status", "mark_populated", "mark_utilized", "size", "description")

    def search_condition(self, value: str) -> Q:
        return (
            Q(description__icontains=value)
            | text_startswith("start_address", value)
            | text_startswith("end_address", value)
        )


class IPAddressFilterSet(VRFScopedFilterSet):
    family = FamilyFilter(field_name="address")
    address = AddressFilter(field_name="address")
    parent = NetworkFilter(field_name="address", lookup="net_host_contained")
    mask_length = MaskLengthFilter(field_name="address")
    mask_length__gte = MaskLengthFilter(field_name="address", comparison="gte")
    mask_length__lte = MaskLengthFilter(field_name="address", comparison="lte")
    assigned_object_type = ObjectTypeFilter()
    assigned_to_interface = django_filters.BooleanFilter(method="filter_assigned_to_interface")
    assigned = django_filters.BooleanFilter(method="filter_assigned")
    nat_inside_id = RelatedFilter(IPAddress, field_name="nat_inside")
    device_id = MultiValueNumberFilter(method="filter_device")
    device = MultiValueCharFilter(method="filter_device")
    virtual_machine_id = MultiValueNumberFilter(field_name="vminterface__virtual_machine")
    virtual_machine = MultiValueCharFilter(field_name="vminterface__virtual_machine__name")
    interface_id = MultiValueNumberFilter(field_name="interface")
    interface = MultiValueCharFilter(field_name="interface__name")
    vminterface_id = MultiValueNumberFilter(field_name="vminterface")
    vminterface = MultiValueCharFilter(field_name="vminterface__name")
    fhrpgroup_id = MultiValueNumberFilter(field_name="fhrpgroup")
    service_id = MultiValueNumberFilter(field_name="services")

    class Meta:
        model = IPAddress
        fields = (
            "id",
            "assigned_object_id",
            "status",
            "role",
            "dns_name",
            "description",
        )

    def search_condition(self, value: str) -> Q:
        return (
            Q(dns_name__icontains=value)
            | Q(description__icontains=value)
            | text_startswith("address", value)
        )

    def filter_assigned_to_interface(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        condition = Q()
        for app_label, model in INTERFACE_TYPES:
            condition |= Q(
                assigned_object_type__app_label=app_label, assigned_object_type__model=model
            )
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_device(self, queryset: QuerySet, name: str, value: list[Any]) -> QuerySet:
        """IPs on the interfaces of the devices, and of every member of their virtual
        chassis (a chassis is managed as one device)."""
        lookup = "pk__in" if name.endswith("_id") else "name__in"
        devices = Device.objects.filter(**{lookup: value})
        chassis = devices.exclude(virtual_chassis=None).values("virtual_chassis")
        members = Q(pk__in=devices.values("pk")) | Q(virtual_chassis__in=chassis)
        interfaces = Interface.objects.filter(device__in=Device.objects.filter(members))
        return queryset.filter(
            assigned_object_type=ContentType.objects.get_for_model(Interface),
            assigned_object_id__in=interfaces.values("pk"),
        )

    def filter_assigned(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(assigned_object_id__isnull=not value)
