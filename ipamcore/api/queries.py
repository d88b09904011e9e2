"""Derives select_related/prefetch_related from a serializer's shape, so a list
page costs a fixed number of queries whatever its size, without each model
listing its joins by hand.

Walking a shape builds every nested serializer's fields, which costs more than the
queries it plans, so a shape's plan is kept for the life of the process. What a plan
keeps for its prefetches are builders, called anew for every request: their querysets
come from the registry and carry counts that follow the requesting user's object
permissions (ipamcore.querysets), so no queryset is shared between requests or users.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from ipamcore.api.fields import GenericObjectField, RelatedField
from ipamcore.api.tags import TAG_PREFETCH_ATTR, TagListField

# A prefetch lookup: a plain path, or a builder of a Prefetch for the current request.
Lookup = str | Callable[[], Any]


def related_paths(
    serializer: Any, prefix: str = "", depth: int = 0
) -> tuple[list[str], list[Lookup]]:
    """(select_related paths, prefetch lookups) for what serializer reads."""
    selects: list[str] = []
    prefetches: list[Lookup] = []
    for field in serializer.fields.values():
        if field.write_only or field.source == "*":
            continue
        path = f"{prefix}{field.source.replace('.', '__')}"
        if isinstance(field, RelatedField):
            nested = _nested_serializer(field)
            if nested is not None and not prefix and needs_annotations(nested):
                prefetches.append(annotated_prefetch(path, field, nested))
                continue
            selects.append(path)
            if depth < 2 and nested is not None:
                sub_selects, _ = related_paths(nested, f"{path}__", depth + 1)
                selects.extend(sub_selects)
        elif isinstance(field, serializers.ManyRelatedField) and not prefix:
            prefetches.append(many_prefetch(path, field.child_relation))
        elif isinstance(field, TagListField) and not prefix:
            prefetches.append(tags_prefetch)
        elif isinstance(field, GenericObjectField) and not prefix:
            prefetches.append(generic_prefetch(path, field.allowed))
    return selects, prefetches


def tags_prefetch() -> Prefetch[Any, Any, Any]:
    from extras.models import TaggedItem

    return Prefetch(
        "tagged_items",
        queryset=TaggedItem.objects.select_related("tag"),
        to_attr=TAG_PREFETCH_ATTR,
    )


def needs_annotations(serializer: Any) -> bool:
    """Whether the (nested) serializer reads values only its registry queryset annotates,
    such as a region's `site_count` and `_depth`."""
    model = serializer.Meta.model
    return any(
        not field.write_only
        and field.source != "*"
        and not hasattr(model, field.source.split(".")[0])
        and not isinstance(field, serializers.SerializerMethodField)
        for field in serializer.fields.values()
    )


def annotated_prefetch(path: str, field: RelatedField, nested: Any) -> Callable[[], Any]:
    """A foreign key fetched through its own registry queryset (one query for the page), so
    nested objects carry the same counts and depth as their own endpoint shows."""
    from ipamcore import registry

    selects, _ = related_paths(nested, depth=1)
    entry = registry.get(field.model)

    def build() -> Prefetch[Any, Any, Any]:
        queryset = entry.get_queryset()
        return Prefetch(path, queryset=queryset.select_related(*selects) if selects else queryset)

    return build


def _nested_serializer(field: RelatedField) -> Any:
    from ipamcore import registry

    serializer_class = field.serializer_class
    if serializer_class is None:
        entry = registry.find(field.model)
        if entry is None:
            return None
        serializer_class = entry.serializer
    return serializer_class(nested=True, nested_fields=field.nested_fields, context={})


def prefetched_attr(source: str) -> str:
    """Where a to-many relation's prefetched rows are stored as a plain list: reading a
    list costs nothing, where Django's prefetch cache builds a manager and a queryset per
    row to hand the rows back."""
    return f"_prefetched_{source}"


def many_prefetch(path: str, child: Any) -> Callable[[], Any]:
    """Prefetch a to-many relation with the joins (and tags) its items' shape needs."""
    nested = _nested_serializer(child) if isinstance(child, RelatedField) else None

    def build() -> Prefetch[Any, Any, Any]:
        queryset = None
        if nested is not None:
            queryset = optimize(child.model._default_manager.all(), nested)
        return Prefetch(path, queryset=queryset, to_attr=prefetched_attr(path))

    return build


def generic_prefetch(path: str, allowed: tuple[str, ...]) -> Lookup:
    """Prefetch a generic relation with one query per target type, each through its
    registry queryset (annotations such as a tree's depth) joined for its nested shape."""
    from ipamcore import registry

    targets = []
    for label in allowed:
        try:
            model = apps.get_model(label)
        except LookupError:  # an allowed type this installation does not have yet
            continue
        entry = registry.find(model)
        if entry is None:
            continue
        selects, _ = related_paths(entry.serializer(nested=True, context={}))
        targets.append((entry, selects))
    if not targets:
        return path

    def build() -> GenericPrefetch[Any, Any, Any]:
        querysets = [
            entry.get_queryset().select_related(*selects) if selects else entry.get_queryset()
            for entry, selects in targets
        ]
        return GenericPrefetch(path, querysets)

    return build


# Bounded, because `?fields=` lets clients ask for any number of shapes.
_plans: dict[tuple[Any, ...], tuple[list[str], list[Lookup]]] = {}
MAX_PLANS = 1024


def plan_key(serializer: Any) -> tuple[Any, ...] | None:
    selected = getattr(serializer, "selected_field_names", None)
    if selected is None:
        return None
    return (type(serializer), selected(), serializer.nested, serializer.nested_fields)


def query_plan(serializer: Any) -> tuple[list[str], list[Any]]:
    """The select_related paths and this request's prefetch lookups for the shape."""
    key = plan_key(serializer)
    plan = _plans.get(key) if key is not None else None
    if plan is None:
        plan = related_paths(serializer)
        if key is not None and len(_plans) < MAX_PLANS:
            _plans[key] = plan
    selects, lookups = plan
    return selects, [lookup() if callable(lookup) else lookup for lookup in lookups]


def optimize(queryset: QuerySet[Any], serializer: Any) -> QuerySet[Any]:
    selects, prefetches = query_plan(serializer)
    if selects:
        queryset = queryset.select_related(*selects)
    if prefetches:
        queryset = queryset.prefetch_related(*prefetches)
    return queryset
