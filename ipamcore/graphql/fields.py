"""Field helpers that keep the two promises of the API: every row passes the type's
`get_queryset` (permissions), and a query's SQL count depends on its shape, not on
the number of rows (the optimizer).

- `list_field()`: a `<model>_list` root field. Without `pagination` it returns at most
  MAX_PAGE_SIZE rows, like the REST API's `limit=0`.
- `generic_prefetch("assigned_object")`: the prefetch hint for a field that resolves a
  generic foreign key to a union of types. It prefetches each member type's rows
  through that type's `get_queryset`, optimized for what the query selects under that
  member (`... on InterfaceType { device { name } }`), so nested selections cost one
  query per level and type, and rows a user may not view resolve to null.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
import strawberry_django
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import QuerySet
from graphql import GraphQLUnionType, get_named_type
from strawberry.types import Info
from strawberry_django.fields.field import StrawberryDjangoField
from strawberry_django.optimizer import DjangoOptimizerExtension, optimizer
from strawberry_django.pagination import OffsetPaginationInput


class ListField(StrawberryDjangoField):
    """A root list field whose page defaults to (and is capped at) the configured maximum."""

    def apply_pagination[Q: QuerySet[Any]](
        self,
        queryset: Q,
        pagination: object | None = None,
        *,
        related_field_id: str | None = None,
    ) -> Q:
        if pagination in (None, strawberry.UNSET) and related_field_id is None:
            pagination = OffsetPaginationInput()
        return super().apply_pagination(queryset, pagination, related_field_id=related_field_id)


def list_field(**kwargs: Any) -> Any:
    return strawberry_django.field(field_cls=ListField, **kwargs)


def member_types(info: Info) -> list[Any]:
    """The strawberry-django classes of the union the field being resolved returns."""
    named = get_named_type(info._raw_info.return_type)
    members = named.types if isinstance(named, GraphQLUnionType) else [named]
    classes = []
    for member in members:
        definition: Any = info.schema.get_type_by_name(member.name)
        classes.append(definition.origin)
    return classes


def generic_prefetch(field_name: str) -> Callable[[Info], GenericPrefetch[Any]]:
    def build(info: Info) -> GenericPrefetch[Any]:
        extension: DjangoOptimizerExtension | None = optimizer.get()
        querysets = []
        for member in member_types(info):
            model = member.__strawberry_django_definition__.model
            queryset = member.get_queryset(model._default_manager.all(), info)
            if extension is not None:
                queryset = extension.optimize(queryset, info)
            querysets.append(queryset)
        return GenericPrefetch(field_name, querysets)

    return build
