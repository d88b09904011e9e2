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
