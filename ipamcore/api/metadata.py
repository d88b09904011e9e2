from __future__ import annotations

from typing import Any

from rest_framework import exceptions, serializers
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import Request, clone_request

from ipamcore.api.fields import ChoiceField


class ChoiceMetadata(SimpleMetadata):
    """DRF's OPTIONS metadata; choices as [{value, display_name}] (pynetbox `.choices()`)."""

    def determine_actions(self, request: Request, view: Any) -> dict[str, Any]:
        # A list URL describes POST (PUT there is a bulk write, not an object); a detail URL PUT.
        method = "PUT" if view.kwargs.get("pk") else "POST"
        if method not in view.allowed_methods:
            return {}
        view.request = clone_request(request, method)
        try:
            view.check_permissions(view.request)
            if method == "PUT":
                view.get_object()
        except (exceptions.APIException, exceptions.PermissionDenied):
            return {}
        finally:
            view.request = request
        return {method: self.get_serializer_info(view.get_serializer())}

    def get_field_info(self, field: serializers.Field[Any, Any, Any, Any]) -> dict[str, Any]:
        info = super().get_field_info(field)
        if isinstance(field, ChoiceField):
            info["choices"] = [
                {"value": value, "display_name": str(label)}
                for value, label in field.choices.items()
            ]
        return info
