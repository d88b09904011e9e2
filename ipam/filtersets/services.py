"""Filters for services, FHRP groups and FHRP group assignments."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from dcim.models import Device, Interface
from ipam.models import FHRPGroup, FHRPGroupAssignment, IPAddress, Service
from ipamcore.filtersets import (
    BaseFilterSet,
    MultiValueCharFilter,
    MultiValueDateTimeFilter,
    MultiValueNumberFilter,
    ObjectTypeFilter,
    PrimaryFilterSet,
    RelatedFilter,
)
from virtualization.models import VirtualMachine, VMInterface


class ServiceFilterSet(PrimaryFilterSet):
    parent_object_type = ObjectTypeFilter()
    device_id = RelatedFilter(Device, field_name="device")
    device = RelatedFilter(Device, field_name="device__name", to_field_name="name")
    virtual_machine_id = RelatedFilter(VirtualMachine, field_name="virtual_machine")
    virtual_machine = RelatedFilter(
        VirtualMachine, field_name="virtual_machine__name", to_field_name="name"
    )
    fhrpgroup_id = RelatedFilter(FHRPGroup, field_name="fhrpgroup")
    fhrpgroup = RelatedFilter(FHRPGroup, field_name="fhrpgroup__name", to_field_name="name")
    ip_address_id = RelatedFilter(IPAddress, field_name="ipaddresses")
    ip_address = MultiValueCharFilter(method="filter_ip_address")
    port = MultiValueNumberFilter(method="filter_port")
    search_fields = ("name", "description")

    class Meta:
        model = Service
        fields = ("id", "name", "protocol", "description", "parent_object_id")

    def filter_port(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        condition = Q()
        for port in value:
            condition |= Q(ports__contains=[port])
        return queryset.filter(condition)

    def filter_ip_address(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        condition = Q()
        for address in value:
            condition |= Q(ipaddresses__address__net_host=address.split("/")[0])
        return queryset.filter(condition).distinct()


class FHRPGroupFilterSet(PrimaryFilterSet):
    related_ip = django_filters.CharFilter(method="filter_related_ip")
    search_fields = ("name", "description")

    class Meta:
        model = FHRPGroup
        fields = ("id", "name", "protocol", "group_id", "auth_type", "description")

    def filter_related_ip(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(ip_addresses__address__net_host=str(value).split("/")[0])


def interfaces_of(model: type[Model], parent_field: str, lookup: str, values: list[Any]) -> Q:
    """Assignments to interfaces (of `model`) whose parent matches."""
    content_type = ContentType.objects.get_for_model(model)
    ids = model._default_manager.filter(**{f"{parent_field}__{lookup}__in": values}).values("pk")
    return Q(interface_type=content_type, interface_id__in=ids)


class FHRPGroupAssignmentFilterSet(BaseFilterSet):
    created = MultiValueDateTimeFilter()
    last_updated = MultiValueDateTimeFilter()
    group_id = RelatedFilter(FHRPGroup, field_name="group")
    interface_type = ObjectTypeFilter()
    device_id = MultiValueNumberFilter(method="filter_device")
    device = MultiValueCharFilter(method="filter_device")
    virtual_machine_id = MultiValueNumberFilter(method="filter_virtual_machine")
    virtual_machine = MultiValueCharFilter(method="filter_virtual_machine")

    class Meta:
        model = FHRPGroupAssignment
        fields = ("id", "interface_id", "priority")

    def filter_device(self, queryset: QuerySet, name: str, value: list[Any]) -> QuerySet:
        lookup = "pk" if name.endswith("_id") else "name"
        return queryset.filter(interfaces_of(Interface, "device", lookup, value))

    def filter_virtual_machine(self, queryset: QuerySet, name: str, value: list[Any]) -> QuerySet:
        lookup = "pk" if name.endswith("_id") else "name"
        return queryset.filter(interfaces_of(VMInterface, "virtual_machine", lookup, value))
