"""Filters for RIRs, roles, route targets, VRFs and aggregates."""

from __future__ import annotations

from django.db.models import Q

from ipam.filtersets.filters import FamilyFilter, NetworkFilter, parse_or_none, text_contains
from ipam.models import RIR, VRF, Aggregate, Role, RouteTarget
from ipamcore.filtersets import PrimaryFilterSet, RelatedFilter
from tenancy.filtersets import TenancyFilterSet

ORGANIZATIONAL_SEARCH = ("name", "slug", "description")


class RIRFilterSet(PrimaryFilterSet):
    search_fields = ORGANIZATIONAL_SEARCH

    class Meta:
        model = RIR
        fields = ("id", "name", "slug", "is_private", "description")


class RoleFilterSet(PrimaryFilterSet):
    search_fields = ORGANIZATIONAL_SEARCH

    class Meta:
        model = Role
        fields = ("id", "name", "slug", "description", "weight")


class RouteTargetFilterSet(TenancyFilterSet):
    importing_vrf_id = RelatedFilter(VRF, field_name="importing_vrfs")
    importing_vrf = RelatedFilter(VRF, field_name="importing_vrfs__rd", to_field_name="rd")
    exporting_vrf_id = RelatedFilter(VRF, field_name="exporting_vrfs")
    exporting_vrf = RelatedFilter(VRF, field_name="exporting_vrfs__rd", to_field_name="rd")
    search_fields = ("name", "description")

    class Meta:
        model = RouteTarget
        fields = ("id", "name", "description")


class VRFFilterSet(TenancyFilterSet):
    import_target_id = RelatedFilter(RouteTarget, field_name="import_targets")
    import_target = RelatedFilter(
        RouteTarget, field_name="import_targets__name", to_field_name="name"
    )
    export_target_id = RelatedFilter(RouteTarget, field_name="export_targets")
    export_target = RelatedFilter(
        RouteTarget, field_name="export_targets__name", to_field_name="name"
    )
    search_fields = ("name", "rd", "description")

    class Meta:
        model = VRF
        fields = ("id", "name", "rd", "enforce_unique", "description")


class AggregateFilterSet(TenancyFilterSet):
    family = FamilyFilter(field_name="prefix")
    prefix = NetworkFilter(field_name="prefix")
    rir_id = RelatedFilter(RIR, field_name="rir")
    rir = RelatedFilter(RIR, field_name="rir__slug", to_field_name="slug")

    class Meta:
        model = Aggregate
        fields = ("id", "date_added", "description")

    def search_condition(self, value: str) -> Q:
        condition = Q(description__icontains=value) | text_contains("prefix", value)
        network = parse_or_none(value)
        if network is not None:
            condition |= Q(prefix__net_contains_or_equals=str(network.cidr))
        return condition
