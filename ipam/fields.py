"""PostgreSQL `inet` and `cidr` columns as netaddr objects.

`IPNetworkField` (cidr) holds prefixes: host bits must be clear. `IPAddressField`
(inet) holds an address with its mask length, host bits kept. Both read back as
`netaddr.IPNetwork`, whose `.ip` is the address and `.prefixlen` the mask.
"""

from __future__ import annotations

from typing import Any

import netaddr
from django.core.exceptions import ValidationError
from django.db import models


def parse_network(value: Any) -> netaddr.IPNetwork | None:
    """A netaddr network from a string, netaddr or ipaddress object; None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, netaddr.IPNetwork):
        return value
    text = str(value).strip()
    if "/" in text:
        _, _, mask = text.partition("/")
        if not mask.isdigit():
            raise ValidationError(f"Invalid IP address format: {value}")
    try:
        return netaddr.IPNetwork(text)
    except (netaddr.AddrFormatError, ValueError, TypeError) as exc:
        raise ValidationError(f"Invalid IP address format: {value}") from exc


def require_network(value: Any) -> netaddr.IPNetwork:
    """parse_network() for values that must be set (stored rows, validated input)."""
    network = parse_network(value)
    if network is None:
        raise ValueError("An IP address or network is required")
    return network


class BaseIPField(models.Field):
    db_type_name = ""

    def db_type(self, connection: Any) -> str:
        return self.db_type_name

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else netaddr.IPNetwork(str(value))

    def to_python(self, value: Any) -> netaddr.IPNetwork | None:
        return parse_network(value)

    def get_prep_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        return str(self.to_python(value))

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)


class IPAddressField(BaseIPField):
    """An address with its mask length (PostgreSQL inet)."""

    db_type_name = "inet"
    description = "IP address with mask length"


class IPNetworkField(BaseIPField):
    """A network prefix (PostgreSQL cidr); host bits are cleared on the way in."""

    db_type_name = "cidr"
    description = "IP network prefix"

    def to_python(self, value: Any) -> netaddr.IPNetwork | None:
        network = parse_network(value)
        return network.cidr if network is not None else None
