"""`?ordering=a,-b` on list endpoints, as NetBox does it.

A term may name any readable field of the serializer that is backed by a model field
or a queryset annotation (by its source: `utilization` sorts on `_utilization`);
unknown terms are ignored. The primary key ends every ordering so pages are stable.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request

PARAM = "ordering"


def sortable_fields(view: Any, queryset: QuerySet) -> dict[str, str]:
    """API field name -> ORM path, for the fields of the view's serializer that sort."""
    serializer = view.get_serializer()
    annotations = set(queryset.query.annotations)
    sortable = {}
    for name, field in serializer.fields.items():
        if field.write_only or field.source == "*":
            continue
        path = field.source.replace(".", "__")
        if path in annotations or _is_model_path(queryset.model, path):
            sortable[name] = path
    return sortable


def _is_model_path(model: Any, path: str) -> bool:
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many or not field.concrete:
            return False
        model = field.related_model
    return True


class OrderingBackend(BaseFilterBackend):
    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        raw = request.query_params.get(PARAM, "")
        if not raw.strip() or not hasattr(view, "get_serializer"):
            return queryset
        sortable = sortable_fields(view, queryset)
        terms = []
        for term in (part.strip() for part in raw.split(",")):
            name = term.removeprefix("-")
            if name in sortable:
                terms.append(f"{'-' if term.startswith('-') else ''}{sortable[name]}")
        if not terms:
            return queryset
        # The tiebreaker runs the way the last term does, so an index on (field, id)
        # serves both directions.
        tiebreak = "-pk" if terms[-1].startswith("-") else "pk"
        return queryset.order_by(*terms, tiebreak)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": PARAM,
                "required": False,
                "in": "query",
                "description": "Fields to order by, comma-separated; prefix with - to reverse.",
                "schema": {"type": "string"},
            }
        ]
