"""Serializer fields for IP values: networks (`prefix`) and addresses with mask
(`address`, `start_address`), written and read as CIDR strings; VLAN ID ranges
as inclusive [lower, upper] pairs."""

from __future__ import annotations

from typing import Any

import netaddr
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.backends.postgresql.psycopg_any import NumericRange
from rest_framework import serializers

from ipam.fields import parse_network
from ipam.netmath import percent_text


class IPAddressField(serializers.CharField):
    """An address with its mask length ("192.0.2.1/24"); host bits are kept."""

    def to_internal_value(self, data: Any) -> netaddr.IPNetwork:
        if not isinstance(data, str):
            raise serializers.ValidationError(f"Invalid IP address format: {data}")
        value = super().to_internal_value(data)
        try:
            network = parse_network(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        if network is None:
            self.fail("blank")
        return network

    def to_representation(self, value: Any) -> str:
        return str(value)


class IPNetworkField(IPAddressField):
    """A network prefix ("10.0.0.0/8"); host bits are cleared, not rejected."""

    def to_internal_value(self, data: Any) -> netaddr.IPNetwork:
        return super().to_internal_value(data).cidr


class UtilizationField(serializers.DecimalField):
    """The cached utilization percent (kept by ipam.services.hierarchy), as a number."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(source="_utilization", read_only=True, coerce_to_string=False)
        super().__init__(max_digits=5, decimal_places=2, **kwargs)


class UtilizationTextField(serializers.Field):
    """VLAN groups give their utilization as text, as NetBox does: "12.5"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(source="_utilization", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return percent_text(value)


class VIDRangeListField(serializers.ListField):
    """`[[1, 100], [200, 300]]`: inclusive pairs on the wire, half-open ranges in PostgreSQL."""

    default_error_messages = {
        "form": "Ranges must be specified in the form (lower, upper).",
        "integers": "Range boundaries must be defined as integers.",
    }

    def to_internal_value(self, data: Any) -> list[NumericRange]:
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return [self.to_range(item) for item in data]

    def to_range(self, item: Any) -> NumericRange:
        if not isinstance(item, list | tuple) or len(item) != 2:
            self.fail("form")
        if not all(isinstance(bound, int) and not isinstance(bound, bool) for bound in item):
            self.fail("integers")
        return NumericRange(item[0], item[1] + 1)

    def to_representation(self, data: Any) -> list[list[int]]:
        return [[r.lower, r.upper - 1] for r in data or []]
