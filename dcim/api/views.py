"""Viewsets for components and cables: deletes go through the DCIM services (IPs kept,
paths retraced), plus the read-only `trace/` and `paths/` endpoints."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dcim.api.cabling import prefetch_nested, render_nested
from dcim.models import Cable
from dcim.services import delete_cables, delete_components, paths_through, trace
from dcim.services.paths import load_nodes
from ipamcore.api.serializers import BaseModelSerializer
from ipamcore.api.viewsets import BaseViewSet


class TraceCableSerializer(BaseModelSerializer):
    """A cable inside a trace: status and length unit are raw values here."""

    type = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    color = serializers.CharField(read_only=True)
    length_unit = serializers.CharField(read_only=True)

    class Meta:
        model = Cable
        fields = (
            "id",
            "url",
            "display_url",
            "type",
            "status",
            "label",
            "color",
            "length",
            "length_unit",
            "description",
        )
        brief_fields = fields


def grouped_messages(instances: list[Model], messages: dict[Any, str]) -> dict[str, list[Model]]:
    groups: dict[str, list[Model]] = {}
    for obj in instances:
        groups.setdefault(messages.get(obj.pk) or "", []).append(obj)
    return groups


class ComponentViewSet(BaseViewSet):
    """Deleting a component un-assigns its IPs (kept) and retraces the paths through it."""

    def perform_destroy(self, instance: Model) -> None:
        data = self.request.data
        message = data.get("changelog_message", "") if isinstance(data, dict) else ""
        delete_components([instance], str(message or ""))

    def perform_bulk_destroy(self, instances: list[Model], messages: dict[Any, str]) -> None:
        for message, group in grouped_messages(instances, messages).items():
            delete_components(group, message)


class PathEndpointViewSet(ComponentViewSet):
    @extend_schema(responses={200: {"type": "array", "items": {}}})
    @action(detail=True, methods=["get"])
    def trace(self, request: Request, pk: Any = None) -> Response:
        """The path from this endpoint: [near ends, cable, far ends] per hop."""
        endpoint = self.get_object()
        hops = trace(endpoint)
        context = self.get_serializer_context()
        prefetch_nested([obj for near, _, far in hops for obj in (*near, *far)], context)
        cable_serializer = TraceCableSerializer(context=context)
        return Response(
            [
                [
                    render_nested(near, context),
                    cable_serializer.to_representation(cable) if cable is not None else None,
                    render_nested(far, context),
                ]
                for near, cable, far in hops
            ]
        )


class PassThroughViewSet(ComponentViewSet):
    @extend_schema(responses={200: {"type": "array", "items": {"type": "object"}}})
    @action(detail=True, methods=["get"])
    def paths(self, request: Request, pk: Any = None) -> Response:
        """Every stored path through this front or rear port."""
        port = self.get_object()
        found = paths_through(port)
        nodes = load_nodes(key for path in found for step in path.path for key in step)
        context = self.get_serializer_context()
        prefetch_nested(nodes.values(), context)
        return Response(
            [
                {
                    "id": path.pk,
                    "path": [
                        render_nested([nodes[key] for key in step if key in nodes], context)
                        for step in path.path
                    ],
                    "is_active": path.is_active,
                    "is_complete": path.is_complete,
                    "is_split": path.is_split,
                }
                for path in found
            ]
        )


class CableViewSet(BaseViewSet):
    """Deleting a cable frees its ends and retraces every path that ran through it."""

    def perform_destroy(self, instance: Model) -> None:
        data = self.request.data
        message = data.get("changelog_message", "") if isinstance(data, dict) else ""
        delete_cables([instance], str(message or ""))  # type: ignore[list-item]

    def perform_bulk_destroy(self, instances: list[Model], messages: dict[Any, str]) -> None:
        for message, group in grouped_messages(instances, messages).items():
            delete_cables(group, message)  # type: ignore[arg-type]
