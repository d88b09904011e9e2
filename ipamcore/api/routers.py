"""API routes built from the object-type registry."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from rest_framework.routers import DefaultRouter, Route

from ipamcore import registry
from ipamcore.api.viewsets import BaseViewSet
from ipamcore.registry import ObjectType


class BulkRouter(DefaultRouter):
    """DRF's router, plus PUT/PATCH/DELETE on list URLs for bulk writes."""

    include_root_view = False
    include_format_suffixes = False

    def __init__(self) -> None:
        super().__init__()
        list_route = self.routes[0]
        assert isinstance(list_route, Route)
        self.routes[0] = list_route._replace(
            mapping={
                "get": "list",
                "post": "create",
                "put": "bulk_update",
                "patch": "bulk_partial_update",
                "delete": "bulk_destroy",
            }
        )

    def get_method_map(self, viewset: Any, method_map: dict[str, str]) -> dict[str, str]:
        # A viewset switches an inherited action off by setting it to None.
        return {
            method: action
            for method, action in method_map.items()
            if callable(getattr(viewset, action, None))
        }


def viewset_for(entry: ObjectType) -> type[BaseViewSet]:
    """The entry's own viewset, or the generic one bound to it."""
    base = entry.viewset or BaseViewSet
    attrs: dict[str, Any] = {
        "entry": entry,
        "queryset": entry.model._default_manager.all(),
        "serializer_class": entry.serializer,
        "filterset_class": entry.filterset,
        "__module__": entry.model.__module__,
    }
    return type(f"{entry.model.__name__}ViewSet", (base,), attrs)


def app_urlpatterns(app_label: str) -> list[Any]:
    router = BulkRouter()
    for entry in registry.for_app(app_label):
        router.register(entry.path, viewset_for(entry), basename=entry.model._meta.model_name)
    return router.urls


def app_root(app_label: str, extra: dict[str, str] | None = None) -> URLPattern:
    from ipamcore.api.views import AppRootView

    return path(
        "",
        AppRootView.as_view(app_label=app_label, extra=extra or {}),
        name=f"{app_label}-api-root",
    )
