"""The object-type registry: one explicit entry per model, read from each app's
`object_types.py` (a module-level list named OBJECT_TYPES). URLs, API routes,
the OpenAPI schema and the conformance tests all come from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from ipamcore.api.serializers import BaseModelSerializer
    from ipamcore.filtersets import BaseFilterSet


@dataclass(frozen=True)
class ObjectType:
    """Everything the framework needs to serve one model."""

    model: type[models.Model]
    path: str  # plural kebab-case API path segment, e.g. "ip-addresses"
    serializer: type[BaseModelSerializer]
    filterset: type[BaseFilterSet]
    # Extra queryset work beyond what the serializer implies (annotations, ordering).
    queryset: Any = None
    # A hand-written viewset when the model has extra endpoints.
    viewset: type | None = None
    # Test data for the conformance module: a callable returning create payloads.
    examples: Any = None
    # The API app the path lives under when it differs from the model's app
    # (NetBox serves auth groups under /api/users/).
    api_app: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def app_label(self) -> str:
        return self.api_app or self.model._meta.app_label

    @property
    def label(self) -> str:
        """The content-type string clients send, e.g. "ipam.prefix"."""
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    def get_queryset(self) -> models.QuerySet[Any]:
        if self.queryset is not None:
            queryset: models.QuerySet[Any] = (
                self.queryset() if callable(self.queryset) else self.queryset.all()
            )
            return queryset
        return self.model._default_manager.all()


_by_model: dict[type[models.Model], ObjectType] = {}


def load() -> None:
    """Collect OBJECT_TYPES from every installed app that has an object_types module."""
    _by_model.clear()
    for app_config in apps.get_app_configs():
        try:
            module = import_module(f"{app_config.name}.object_types")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.object_types":
                raise
            continue
        for entry in module.OBJECT_TYPES:
            _by_model[entry.model] = entry
            # Models build their own URLs from this, without a registry lookup per row.
            entry.model.api_path = entry.path
            entry.model.api_app = entry.app_label


def api_url(obj: models.Model) -> str:
    """The object's API path, e.g. /api/ipam/prefixes/5/ (the app and path come from load())."""
    model = type(obj)
    return f"/api/{model.api_app}/{model.api_path}/{obj.pk}/"  # type: ignore[attr-defined]


def ui_url(obj: models.Model) -> str:
    model = type(obj)
    return f"/{model.api_app}/{model.api_path}/{obj.pk}/"  # type: ignore[attr-defined]


def get(model: type[models.Model]) -> ObjectType:
    return _by_model[model]


def find(model: type[models.Model]) -> ObjectType | None:
    return _by_model.get(model)


def all_types() -> Iterator[ObjectType]:
    return iter(sorted(_by_model.values(), key=lambda entry: entry.label))


def for_app(app_label: str) -> list[ObjectType]:
    return sorted(
        (entry for entry in _by_model.values() if entry.app_label == app_label),
        key=lambda entry: entry.path,
    )
