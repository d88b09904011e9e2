"""One lookup per PostgreSQL network operator, registered on the IP fields.

`prefix__net_contained="10.0.0.0/8"` → `prefix << '10.0.0.0/8'`, and so on. The
`net_host_*` lookups compare the bare host of an address (its mask ignored),
matching the expression index on `CAST(HOST(address) AS INET)`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField, Lookup, Transform

from ipam.fields import BaseIPField, IPAddressField, IPNetworkField


class NetOperator(Lookup):
    operator = ""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} {self.operator} {rhs}::inet", (*lhs_params, *rhs_params)

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        return "%s", (str(value),)


class NetContained(NetOperator):
    lookup_name = "net_contained"
    operator = "<<"


class NetContainedOrEqual(NetOperator):
    lookup_name = "net_contained_or_equal"
    operator = "<<="


class NetContains(NetOperator):
    lookup_name = "net_contains"
    operator = ">>"


class NetContainsOrEquals(NetOperator):
    lookup_name = "net_contains_or_equals"
    operator = ">>="


class NetOverlaps(NetOperator):
    lookup_name = "net_overlaps"
    operator = "&&"


class Family(Transform):
    lookup_name = "family"
    function = "FAMILY"
    output_field = IntegerField()


class MaskLength(Transform):
    lookup_name = "net_mask_length"
    function = "MASKLEN"
    output_field = IntegerField()


class Host(Transform):
    """The address without its mask, as a /32 or /128 inet."""

    lookup_name = "host"
    template = "CAST(HOST(%(expressions)s) AS INET)"
    output_field = IPAddressField()


class NetHostContained(NetOperator):
    """The address's host (mask ignored) lies inside the given network."""

    lookup_name = "net_host_contained"
    operator = "<<="

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"CAST(HOST({lhs}) AS INET) <<= {rhs}::inet", (*lhs_params, *rhs_params)


class NetHostExact(NetOperator):
    """The address's host equals the given address, whatever the masks."""

    lookup_name = "net_host"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return (
            f"CAST(HOST({lhs}) AS INET) = CAST(HOST({rhs}::inet) AS INET)",
            (*lhs_params, *rhs_params),
        )


for lookup in (NetContained, NetContainedOrEqual, NetContains, NetContainsOrEquals, NetOverlaps):
    BaseIPField.register_lookup(lookup)
for transform in (Family, MaskLength, Host):
    BaseIPField.register_lookup(transform)
IPAddressField.register_lookup(NetHostContained)
IPAddressField.register_lookup(NetHostExact)
IPNetworkField.register_lookup(NetHostContained)
