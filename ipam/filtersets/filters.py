"""Filters over IP columns, shared by the IPAM filtersets.

Each takes repeated values (OR-ed) and matches with the network lookups of
ipam/lookups.py. A value that is not an IP or network matches nothing, as in
NetBox (no 400): `?within=foo` is an empty page, not an error.
"""

from __future__ import annotations

from typing import Any

import django_filters
import netaddr
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import IContains, IStartsWith

from ipam.fields import parse_network
from ipam.models import VRF
from ipamcore.filtersets import MultiValueCharFilter, MultiValueNumberFilter


def parse_or_none(value: str) -> netaddr.IPNetwork | None:
    try:
        return parse_network(value)
    except ValidationError:
        return None


def text_contains(field: str, value: str) -> Q:
    """The column's text form ("10.0.0.0/24") contains value, case-insensitively."""
    return Q(IContains(Cast(field, output_field=TextField()), value))


def text_startswith(field: str, value: str) -> Q:
    return Q(IStartsWith(Cast(field, output_field=TextField()), value))


class NetworkFilter(MultiValueCharFilter):
    """Rows whose `field_name` relates to any given network through `lookup`
    (e.g. `within`: net_contained; `parent` of addresses: net_host_contained)."""

    lookup_kind = None

    def __init__(self, *args: Any, lookup: str = "exact", **kwargs: Any) -> None:
        self.network_lookup = lookup
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: list[str]) -> QuerySet:
        if not value:
            return qs
        condition = Q()
        for item in value:
            network = parse_or_none(item)
            if network is not None:
                condition |= self.condition(network, has_mask="/" in item)
        return qs.filter(condition) if condition else qs.none()

    def condition(self, network: netaddr.IPNetwork, has_mask: bool) -> Q:
        return Q(**{f"{self.field_name}__{self.network_lookup}": str(network.cidr)})


class ContainsFilter(NetworkFilter):
    """Prefixes containing a network (`>>=`), or an address given without a mask (`>>`)."""

    def condition(self, network: netaddr.IPNetwork, has_mask: bool) -> Q:
        if has_mask:
            return Q(**{f"{self.field_name}__net_contains_or_equals": str(network.cidr)})
        return Q(**{f"{self.field_name}__net_contains": str(network.ip)})


class AddressFilter(NetworkFilter):
    """An address with a mask matches exactly (address and mask); without one, any
    address with that host, whatever its mask."""

    def condition(self, network: netaddr.IPNetwork, has_mask: bool) -> Q:
        if has_mask:
            return Q(**{self.field_name: str(network)})
        return Q(**{f"{self.field_name}__net_host": str(network.ip)})


class RangeContainsFilter(NetworkFilter):
    """IP ranges holding the given address, or every address of the given network."""

    def condition(self, network: netaddr.IPNetwork, has_mask: bool) -> Q:
        first, last = network.ip, network.ip
        if has_mask:
            first = netaddr.IPAddress(network.first, network.version)
            last = netaddr.IPAddress(network.last, network.version)
        return Q(start_address__host__lte=str(first), end_address__host__gte=str(last))


class RangeParentFilter(NetworkFilter):
    """IP ranges lying entirely inside one of the given prefixes."""

    def condition(self, network: netaddr.IPNetwork, has_mask: bool) -> Q:
        cidr = str(network.cidr)
        return Q(start_address__net_host_contained=cidr, end_address__net_host_contained=cidr)


class MaskLengthFilter(MultiValueNumberFilter):
    """`mask_length=24`, and the explicit `mask_length__gte`/`__lte` NetBox offers."""

    lookup_kind = None

    def __init__(self, *args: Any, comparison: str = "in", **kwargs: Any) -> None:
        self.comparison = comparison
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: list[int]) -> QuerySet:
        if not value:
            return qs
        lookup = f"{self.field_name}__net_mask_length__{self.comparison}"
        if self.comparison == "in":
            return qs.filter(**{lookup: value})
        bound = max(value) if self.comparison == "gte" else min(value)
        return qs.filter(**{lookup: bound})


class FamilyFilter(MultiValueNumberFilter):
    """4 or 6."""

    lookup_kind = None

    def filter(self, qs: QuerySet, value: list[int]) -> QuerySet:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__family__in": value})


class PresentInVRFFilter(django_filters.ModelChoiceFilter):
    """Rows in the VRF, or in any VRF exporting a route target the VRF imports."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", VRF.objects.all())
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: VRF | None) -> QuerySet:
        if value is None:
            return qs
        exporting = VRF.objects.filter(export_targets__in=value.import_targets.all())
        return qs.filter(Q(vrf=value) | Q(vrf__in=exporting.values("pk")))
