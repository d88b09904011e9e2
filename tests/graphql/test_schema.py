"""The committed schema.graphql is the schema the code builds (`make graphql-schema`)."""

from __future__ import annotations

from pathlib import Path

from ipamcore.management.commands.graphql_schema import schema_text

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == schema_text(), (
        "schema.graphql is out of date: run `make graphql-schema` and commit it"
    )


def test_schema_keeps_netbox_names() -> None:
    text = schema_text()
    assert "tenant_list(filters: TenantFilter, pagination: OffsetPaginationInput)" in text
    assert "tenant(id: ID!): TenantType!" in text
