"""Field helpers for the DCIM and virtualization types."""

from __future__ import annotations

from typing import Any

import strawberry_django


def choice_or_null(name: str) -> Any:
    """A choice field stored as "" when unset, read as null: the REST API's value, and
    NetBox's (whose columns hold NULL there)."""

    def resolve(root: Any) -> str | None:
        return getattr(root, name) or None

    return strawberry_django.field(resolver=resolve, only=[name], name=name)


def counted(name: str, expression: Any) -> Any:
    """A count the database computes in the row's own query (a subquery per column, not a
    query per row), e.g. `interface_count`, the same number the REST API shows."""
    attr = f"_graphql_{name}"

    def resolve(root: Any) -> int:
        return int(getattr(root, attr))

    return strawberry_django.field(resolver=resolve, annotate={attr: expression}, name=name)
