"""Filters of clusters, virtual machines, VM interfaces and virtual disks."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from dcim.models import (
    Device,
    DeviceRole,
    Location,
    MACAddress,
    Platform,
    Region,
    Site,
    SiteGroup,
)
from ipam.filtersets.filters import parse_or_none
from ipam.models import VLAN, VRF, IPAddress
from ipamcore.filtersets import (
    MultiValueCharFilter,
    MultiValueNumberFilter,
    ObjectTypeFilter,
    PrimaryFilterSet,
    RelatedFilter,
    TreeFilter,
)
from tenancy.filtersets import TenancyFilterSet
from virtualization.models import (
    Cluster,
    ClusterGroup,
    ClusterType,
    VirtualDisk,
    VirtualMachine,
    VMInterface,
)


class ClusterTypeFilterSet(PrimaryFilterSet):
    search_fields = ("name", "slug", "description")

    class Meta:
        model = ClusterType
        fields = ("id", "name", "slug", "description")


class ClusterGroupFilterSet(PrimaryFilterSet):
    search_fields = ("name", "slug", "description")

    class Meta:
        model = ClusterGroup
        fields = ("id", "name", "slug", "description")


class ClusterFilterSet(TenancyFilterSet):
    group_id = RelatedFilter(ClusterGroup, field_name="group")
    group = RelatedFilter(ClusterGroup, field_name="group__slug", to_field_name="slug")
    type_id = RelatedFilter(ClusterType, field_name="type")
    type = RelatedFilter(ClusterType, field_name="type__slug", to_field_name="slug")
    # The scope, through the cached ancestry columns (as for prefixes).
    scope_type = ObjectTypeFilter()
    region_id = TreeFilter(Region, field_name="_region")
    region = TreeFilter(Region, field_name="_region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="_site_group")
    site_group = TreeFilter(SiteGroup, field_name="_site_group", to_field_name="slug")
    site_id = RelatedFilter(Site, field_name="_site")
    site = RelatedFilter(Site, field_name="_site__slug", to_field_name="slug")
    location_id = TreeFilter(Location, field_name="_location")
    location = TreeFilter(Location, field_name="_location", to_field_name="slug")
    search_fields = ("name", "description", "comments")

    class Meta:
        model = Cluster
        fields = ("id", "name", "status", "scope_id", "description")


class PrimaryIPFilterSet(django_filters.FilterSet):
    """`primary_ip4_id`/`primary_ip4` (address) and the IPv6 pair, `has_primary_ip`."""

    primary_ip4_id = RelatedFilter(IPAddress, field_name="primary_ip4")
    primary_ip4 = MultiValueCharFilter(method="filter_primary_ip")
    primary_ip6_id = RelatedFilter(IPAddress, field_name="primary_ip6")
    primary_ip6 = MultiValueCharFilter(method="filter_primary_ip")
    has_primary_ip = django_filters.BooleanFilter(method="filter_has_primary_ip")
    local_context_data = django_filters.BooleanFilter(method="filter_local_context_data")

    def filter_primary_ip(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        condition = Q()
        for text in value:
            # An address with or without its mask length; anything else matches nothing.
            network = parse_or_none(text)
            if network is None:
                return queryset.none()
            condition |= Q(**{f"{name}__address__net_host": str(network.ip)})
        return queryset.filter(condition)

    def filter_has_primary_ip(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        has = Q(primary_ip4__isnull=False) | Q(primary_ip6__isnull=False)
        return queryset.filter(has) if value else queryset.exclude(has)

    def filter_local_context_data(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.exclude(local_context_data__isnull=value)


class VirtualMachineFilterSet(PrimaryIPFilterSet, TenancyFilterSet):
    name = MultiValueCharFilter(lookup_expr="iexact")
    cluster_id = RelatedFilter(Cluster, field_name="cluster")
    cluster = RelatedFilter(Cluster, field_name="cluster__name", to_field_name="name")
    cluster_group_id = RelatedFilter(ClusterGroup, field_name="cluster__group")
    cluster_group = RelatedFilter(
        ClusterGroup, field_name="cluster__group__slug", to_field_name="slug"
    )
    cluster_type_id = RelatedFilter(ClusterType, field_name="cluster__type")
    cluster_type = RelatedFilter(
        ClusterType, field_name="cluster__type__slug", to_field_name="slug"
    )
    device_id = RelatedFilter(Device, field_name="device")
    device = RelatedFilter(Device, field_name="device__name", to_field_name="name")
    site_id = RelatedFilter(Site, field_name="site")
    site = RelatedFilter(Site, field_name="site__slug", to_field_name="slug")
    region_id = TreeFilter(Region, field_name="site__region")
    region = TreeFilter(Region, field_name="site__region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="site__group")
    site_group = TreeFilter(SiteGroup, field_name="site__group", to_field_name="slug")
    role_id = TreeFilter(DeviceRole, field_name="role")
    role = TreeFilter(DeviceRole, field_name="role", to_field_name="slug")
    platform_id = TreeFilter(Platform, field_name="platform")
    platform = TreeFilter(Platform, field_name="platform", to_field_name="slug")
    mac_address = MultiValueCharFilter(method="filter_mac_address")
    interface_count = MultiValueNumberFilter()
    virtual_disk_count = MultiValueNumberFilter()
    search_fields = ("name", "description", "comments", "serial")

    class Meta:
        model = VirtualMachine
        fields = (
            "id",
            "status",
            "start_on_boot",
            "vcpus",
            "memory",
            "disk",
            "serial",
            "description",
        )

    def filter_mac_address(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        condition = Q()
        for mac in value:
            condition |= Q(mac_address__iexact=mac)
        interfaces = VMInterface.objects.filter(
            mac_addresses__in=MACAddress.objects.filter(condition)
        ).values("virtual_machine_id")
        return queryset.filter(pk__in=interfaces)

    def search_condition(self, value: str) -> Q:
        condition = super().search_condition(value)
        network = parse_or_none(value)
        if network is not None:
            host = str(network.ip)
            condition |= Q(primary_ip4__address__net_host=host) | Q(
                primary_ip6__address__net_host=host
            )
        return condition


class VMInterfaceFilterSet(PrimaryFilterSet):
    virtual_machine_id = RelatedFilter(VirtualMachine, field_name="virtual_machine")
    virtual_machine = RelatedFilter(
        VirtualMachine, field_name="virtual_machine__name", to_field_name="name"
    )
    cluster_id = RelatedFilter(Cluster, field_name="virtual_machine__cluster")
    cluster = RelatedFilter(
        Cluster, field_name="virtual_machine__cluster__name", to_field_name="name"
    )
    parent_id = RelatedFilter(VMInterface, field_name="parent")
    bridge_id = RelatedFilter(VMInterface, field_name="bridge")
    mac_address = MultiValueCharFilter(method="filter_mac_address")
    primary_mac_address_id = MultiValueNumberFilter(field_name="primary_mac_address")
    primary_mac_address = MultiValueCharFilter(
        field_name="primary_mac_address__mac_address", lookup_expr="iexact"
    )
    vlan_id = django_filters.NumberFilter(method="filter_vlan_id")
    vlan = django_filters.NumberFilter(method="filter_vlan")
    vrf_id = RelatedFilter(VRF, field_name="vrf")
    vrf = RelatedFilter(VRF, field_name="vrf__rd", to_field_name="rd")
    search_fields = ("name", "description")

    class Meta:
        model = VMInterface
        fields = ("id", "name", "enabled", "mtu", "mode", "description")

    def filter_mac_address(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        condition = Q()
        for mac in value:
            condition |= Q(mac_address__iexact=mac)
        return queryset.filter(mac_addresses__in=MACAddress.objects.filter(condition)).distinct()

    def filter_vlan_id(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Q(untagged_vlan_id=value) | Q(tagged_vlans=value)).distinct()

    def filter_vlan(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        vlans = VLAN.objects.filter(vid=value)
        return queryset.filter(Q(untagged_vlan__in=vlans) | Q(tagged_vlans__in=vlans)).distinct()


class VirtualDiskFilterSet(PrimaryFilterSet):
    virtual_machine_id = RelatedFilter(VirtualMachine, field_name="virtual_machine")
    virtual_machine = RelatedFilter(
        VirtualMachine, field_name="virtual_machine__name", to_field_name="name"
    )
    search_fields = ("name", "description")

    class Meta:
        model = VirtualDisk
        fields = ("id", "name", "size", "description")
