"""The read-only `config_context` of devices and virtual machines on the wire.

A list page renders every object's merged context from one batch computed by
extras.services.config_contexts_for (a constant number of queries for the page);
a single object computes its own. `?exclude=config_context` (any `exclude` value
naming it, as NetBox tests a substring) drops the field and skips the work; brief
and nested shapes never carry it.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from extras.services import config_contexts_for
from ipamcore.api.serializers import BaseListSerializer

CACHE_KEY = "_config_contexts"


def config_context_excluded(context: dict[str, Any]) -> bool:
    request = context.get("request")
    params = getattr(request, "query_params", None)
    return bool(params) and "config_context" in params.get("exclude", "")


class ConfigContextField(serializers.Field):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, Any]:
        cache = self.context.get(CACHE_KEY)
        if cache is None or value.pk not in cache:
            return config_contexts_for([value])[value.pk]
        return cache[value.pk]


class ConfigContextListSerializer(BaseListSerializer):
    """Computes the page's contexts in one batch before the rows are rendered."""

    def to_representation(self, data: Any) -> list[Any]:
        instances = list(data.all() if hasattr(data, "all") else data)
        if "config_context" in getattr(self.child, "fields", {}):
            self.context[CACHE_KEY] = config_contexts_for(instances)
        return super().to_representation(instances)


class ConfigContextMixin(serializers.Serializer):
    """For the serializers of devices and VMs: Meta.fields lists "config_context"."""

    config_context = ConfigContextField()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.Meta.list_serializer_class = ConfigContextListSerializer

    def selected_field_names(self) -> tuple[str, ...]:
        names: tuple[str, ...] = super().selected_field_names()  # type: ignore[misc]
        if config_context_excluded(self.context):
            return tuple(name for name in names if name != "config_context")
        return names
