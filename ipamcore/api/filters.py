"""List filtering and ordering for every object type.

FilterBackend applies the object type's filterset (bad values are 400s naming the
parameter); OrderingFilter handles `?ordering=` and gives every list a stable order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, serializers
from rest_framework.request import Request
from tree_queries.query import TreeQuery

TIE_BREAKERS = frozenset({"pk", "-pk", "id", "-id"})


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> QuerySet[Any]:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise serializers.ValidationError(
                {name: [str(e) for e in errors] for name, errors in filterset.errors.items()}
            )
        filtered: QuerySet[Any] = filterset.qs
        return filtered


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=name,-created`. A term names a readable serializer field backed by a model
    field or a queryset annotation (e.g. `site_count`, `_depth`); other terms are ignored.
    The primary key always ends the ordering, so offset pages never overlap or skip rows."""

    def filter_queryset(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> QuerySet[Any]:
        ordering = self.get_ordering(request, queryset, view)
        if ordering is None:
            return queryset
        return queryset.order_by(*ordering, *tie_breaker(ordering))

    def get_ordering(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> list[Any] | None:
        """The requested ordering, else the queryset's own; None keeps a tree's DFS order."""
        requested = self.requested_ordering(request, queryset, view)
        if requested:
            return requested
        if queryset.query.order_by:
            return list(queryset.query.order_by)
        if isinstance(queryset.query, TreeQuery):
            return None
        # Django drops Meta.ordering from GROUP BY queries (counted annotations): restate it.
        return list(queryset.model._meta.ordering)

    def requested_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> list[str]:
        raw = request.query_params.get(self.ordering_param, "")
        sources = self.orderable_fields(queryset, view)
        ordering = []
        for term in (term.strip() for term in raw.split(",")):
            name = term.removeprefix("-")
            if name in sources:
                ordering.append(f"{'-' if term.startswith('-') else ''}{sources[name]}")
        return ordering

    def orderable_fields(self, queryset: QuerySet[Any], view: Any) -> dict[str, str]:
        """Public field name -> ORM path, for the serializer's full (not brief) shape."""
        serializer = view.get_serializer_class()(context={})
        annotations = queryset.query.annotations
        sources = {}
        for name, field in serializer.fields.items():
            if field.write_only or field.source == "*":
                continue
            path = field.source.replace(".", "__")
            if path in annotations or is_orderable_field(queryset.model, path):
                sources[name] = path
        return sources

    def get_valid_fields(
        self, queryset: QuerySet[Any], view: Any, context: Mapping[str, Any] | None = None
    ) -> list[tuple[str, str]]:
        # Used by the browsable API's ordering form.
        return [(name, name) for name in self.orderable_fields(queryset, view)]


def is_orderable_field(model: type[Model], path: str) -> bool:
    """A concrete field or forward foreign key (not a to-many relation, which would repeat rows)."""
    try:
        field = model._meta.get_field(path)
    except FieldDoesNotExist:
        return False
    return bool(field.concrete) and not field.many_to_many


def tie_breaker(ordering: list[Any]) -> list[str]:
    """The primary key, running the way the last term does: an index on (field, id)
    then serves `-field` too (`?ordering=-utilization` over 100,000 prefixes: a backward
    index scan instead of sorting the table)."""
    if any(term in TIE_BREAKERS for term in ordering):
        return []
    last = ordering[-1] if ordering else None
    descending = (
        last.startswith("-") if isinstance(last, str) else getattr(last, "descending", False)
    )
    return ["-pk" if descending else "pk"]
