from __future__ import annotations

import ipaddress

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from dcim.models import (
    Device,
    DeviceRole,
    DeviceType,
    Interface,
    Location,
    MACAddress,
    Manufacturer,
    Platform,
    Rack,
    Region,
    Site,
    SiteGroup,
    VirtualChassis,
)
from ipam.models import IPAddress
from ipamcore.filtersets import (
    MultiValueCharFilter,
    MultiValueNumberFilter,
    NestedGroupFilterSet,
    PrimaryFilterSet,
    RelatedFilter,
    TreeFilter,
)
from tenancy.filtersets import TenancyFilterSet
from virtualization.models import Cluster, ClusterGroup


class DeviceRoleFilterSet(NestedGroupFilterSet):
    class Meta:
        model = DeviceRole
        fields = ("id", "name", "slug", "color", "vm_role", "description")


class PlatformFilterSet(NestedGroupFilterSet):
    manufacturer_id = RelatedFilter(Manufacturer, field_name="manufacturer")
    manufacturer = RelatedFilter(
        Manufacturer, field_name="manufacturer__slug", to_field_name="slug"
    )
    available_for_device_type = django_filters.ModelChoiceFilter(
        queryset=DeviceType.objects.all(), method="filter_available_for_device_type"
    )

    class Meta:
        model = Platform
        fields = ("id", "name", "slug", "description")

    def filter_available_for_device_type(
        self, queryset: QuerySet, name: str, value: DeviceType | None
    ) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(
            Q(manufacturer__isnull=True) | Q(manufacturer_id=value.manufacturer_id)
        )


# Boolean "has at least one component of this kind" filters: parameter -> related name.
COMPONENT_PRESENCE = {
    "console_ports": "consoleports",
    "console_server_ports": "consoleserverports",
    "power_ports": "powerports",
    "power_outlets": "poweroutlets",
    "interfaces": "interfaces",
}


class PrimaryIPFilterSet(django_filters.FilterSet):
    """`primary_ip4_id`, `primary_ip4` (address), and the same for IPv6 (devices and VMs)."""

    primary_ip4_id = RelatedFilter(IPAddress, field_name="primary_ip4")
    primary_ip4 = MultiValueCharFilter(method="filter_primary_address")
    primary_ip6_id = RelatedFilter(IPAddress, field_name="primary_ip6")
    primary_ip6 = MultiValueCharFilter(method="filter_primary_address")

    def filter_primary_address(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        condition = Q()
        for item in value:
            try:
                interface = ipaddress.ip_interface(item.strip())
            except ValueError:
                continue
            host = str(interface.ip)
            if "/" in item:
                condition |= Q(**{f"{name}__address": str(interface)})
            else:
                condition |= Q(**{f"{name}__address__net_host": host})
        return queryset.filter(condition) if condition else queryset.none()


class LocalContextFilterSet(django_filters.FilterSet):
    local_context_data = django_filters.BooleanFilter(method="filter_local_context_data")

    def filter_local_context_data(
        self, queryset: QuerySet, name: str, value: bool | None
    ) -> QuerySet:
        if value is None:
            return queryset
        return queryset.exclude(local_context_data__isnull=value)


class DeviceFilterSet(TenancyFilterSet, PrimaryIPFilterSet, LocalContextFilterSet):
    name = MultiValueCharFilter(lookup_expr="iexact")
    serial = MultiValueCharFilter(lookup_expr="iexact")
    manufacturer_id = RelatedFilter(Manufacturer, field_name="device_type__manufacturer")
    manufacturer = RelatedFilter(
        Manufacturer, field_name="device_type__manufacturer__slug", to_field_name="slug"
    )
    device_type_id = RelatedFilter(DeviceType, field_name="device_type")
    device_type = RelatedFilter(DeviceType, field_name="device_type__slug", to_field_name="slug")
    model = RelatedFilter(DeviceType, field_name="device_type__slug", to_field_name="slug")
    role_id = TreeFilter(DeviceRole, field_name="role")
    role = TreeFilter(DeviceRole, field_name="role", to_field_name="slug")
    platform_id = TreeFilter(Platform, field_name="platform")
    platform = TreeFilter(Platform, field_name="platform", to_field_name="slug")
    region_id = TreeFilter(Region, field_name="site__region")
    region = TreeFilter(Region, field_name="site__region", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="site__group")
    site_group = TreeFilter(SiteGroup, field_name="site__group", to_field_name="slug")
    site_id = RelatedFilter(Site, field_name="site")
    site = RelatedFilter(Site, field_name="site__slug", to_field_name="slug")
    location_id = TreeFilter(Location, field_name="location")
    location = TreeFilter(Location, field_name="location", to_field_name="slug")
    rack_id = RelatedFilter(Rack, field_name="rack")
    cluster_id = RelatedFilter(Cluster, field_name="cluster")
    cluster_group_id = RelatedFilter(ClusterGroup, field_name="cluster__group")
    cluster_group = RelatedFilter(
        ClusterGroup, field_name="cluster__group__slug", to_field_name="slug"
    )
    is_full_depth = django_filters.BooleanFilter(field_name="device_type__is_full_depth")
    mac_address = MultiValueCharFilter(method="filter_mac_address")
    has_primary_ip = django_filters.BooleanFilter(method="filter_has_primary_ip")
    has_oob_ip = django_filters.BooleanFilter(method="filter_has_oob_ip")
    oob_ip_id = RelatedFilter(IPAddress, field_name="oob_ip")
    virtual_chassis_id = RelatedFilter(VirtualChassis, field_name="virtual_chassis")
    virtual_chassis = RelatedFilter(
        VirtualChassis, field_name="virtual_chassis__name", to_field_name="name"
    )
    virtual_chassis_member = django_filters.BooleanFilter(method="filter_vc_member")
    console_ports = django_filters.BooleanFilter(method="filter_has")
    console_server_ports = django_filters.BooleanFilter(method="filter_has")
    power_ports = django_filters.BooleanFilter(method="filter_has")
    power_outlets = django_filters.BooleanFilter(method="filter_has")
    interfaces = django_filters.BooleanFilter(method="filter_has")
    pass_through_ports = django_filters.BooleanFilter(method="filter_pass_through_ports")
    # Component counts: annotations of the registry queryset (columns in NetBox).
    console_port_count = MultiValueNumberFilter()
    console_server_port_count = MultiValueNumberFilter()
    power_port_count = MultiValueNumberFilter()
    power_outlet_count = MultiValueNumberFilter()
    interface_count = MultiValueNumberFilter()
    front_port_count = MultiValueNumberFilter()
    rear_port_count = MultiValueNumberFilter()

    class Meta:
        model = Device
        fields = (
            "id",
            "asset_tag",
            "status",
            "face",
            "position",
            "latitude",
            "longitude",
            "airflow",
            "vc_position",
            "vc_priority",
            "description",
        )

    def search_condition(self, value: str) -> Q:
        condition = (
            Q(name__icontains=value)
            | Q(virtual_chassis__name__icontains=value)
            | Q(serial__icontains=value.strip())
            | Q(asset_tag__icontains=value)
            | Q(description__icontains=value)
            | Q(comments__icontains=value)
        )
        try:
            host = str(ipaddress.ip_interface(value).ip)
        except ValueError:
            return condition
        return (
            condition
            | Q(primary_ip4__address__net_host=host)
            | Q(primary_ip6__address__net_host=host)
        )

    def filter_has(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        related = COMPONENT_PRESENCE[name]
        return queryset.exclude(**{f"{related}__isnull": value}).distinct()

    def filter_pass_through_ports(
        self, queryset: QuerySet, name: str, value: bool | None
    ) -> QuerySet:
        if value is None:
            return queryset
        ids = Device.objects.filter(
            Q(frontports__isnull=False) | Q(rearports__isnull=False)
        ).values("pk")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)

    def filter_mac_address(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        wanted = Q()
        for item in value:
            wanted |= Q(mac_address__iexact=item.strip())
        macs = MACAddress.objects.filter(wanted).filter(
            assigned_object_type=ContentType.objects.get_for_model(Interface)
        )
        interfaces = Interface.objects.filter(pk__in=macs.values("assigned_object_id"))
        return queryset.filter(pk__in=interfaces.values("device_id"))

    def filter_has_primary_ip(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        has = Q(primary_ip4__isnull=False) | Q(primary_ip6__isnull=False)
        return queryset.filter(has) if value else queryset.exclude(has)

    def filter_has_oob_ip(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.exclude(oob_ip__isnull=value)

    def filter_vc_member(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.exclude(virtual_chassis__isnull=value)


class VirtualChassisFilterSet(PrimaryFilterSet):
    master_id = RelatedFilter(Device, field_name="master")
    master = RelatedFilter(Device, field_name="master__name", to_field_name="name")
    site_id = RelatedFilter(Site, field_name="members__site", distinct=True)
    site = RelatedFilter(
        Site, field_name="members__site__slug", to_field_name="slug", distinct=True
    )
    search_fields = ("name", "domain", "description", "comments")

    class Meta:
        model = VirtualChassis
        fields = ("id", "name", "domain", "description")
