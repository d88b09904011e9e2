"""Viewsets for devices, virtual chassis and racks: device writes go through the DCIM
services (components from templates, deletes keeping IPs), plus the rack elevation."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Model
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dcim import services
from dcim.choices import DeviceFaceChoices
from dcim.models import Device
from ipamcore.api.fields import ChoiceField, nested_serializer
from ipamcore.api.viewsets import BaseViewSet


def created_instances(serializer: serializers.BaseSerializer) -> list[Any]:
    instance = serializer.instance
    return list(instance) if isinstance(instance, list) else [instance]


def request_message(request: Request) -> str:
    data = request.data
    return str(data.get("changelog_message") or "") if isinstance(data, dict) else ""


class DeviceViewSet(BaseViewSet):
    """Devices get their type's components on create (single and bulk) and are deleted
    through dcim.services.delete_devices (their IPs are kept, un-assigned)."""

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        super().perform_create(serializer)
        services.instantiate_components(created_instances(serializer))

    def perform_destroy(self, instance: Model) -> None:
        services.delete_devices([instance], request_message(self.request))  # type: ignore[list-item]

    def perform_bulk_destroy(self, instances: list[Model], messages: dict[Any, str]) -> None:
        plain = [obj for obj in instances if not messages.get(obj.pk)]
        services.delete_devices(plain)  # type: ignore[arg-type]
        for obj in instances:
            if messages.get(obj.pk):
                services.delete_devices([obj], messages[obj.pk])  # type: ignore[list-item]


class VirtualChassisViewSet(BaseViewSet):
    """A new chassis takes its master as a member (position 1 unless it has one)."""

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        super().perform_create(serializer)
        for chassis in created_instances(serializer):
            services.assign_chassis_master(chassis)


class RackUnitSerializer(serializers.Serializer):
    """One half unit of a rack face in the elevation."""

    id = serializers.DecimalField(max_digits=4, decimal_places=1, read_only=True)
    name = serializers.CharField(read_only=True)
    face = ChoiceField(DeviceFaceChoices.choices, read_only=True)
    device = serializers.SerializerMethodField()
    occupied = serializers.BooleanField(read_only=True)
    display = serializers.CharField(source="name", read_only=True)

    def get_device(self, unit: dict[str, Any]) -> Any:
        device = unit["device"]
        if device is None:
            return None
        context = cast(dict[str, Any], self.context)
        return nested_serializer(Device, context).to_representation(device)


class ElevationQuerySerializer(serializers.Serializer):
    """The elevation's query parameters: bad values are a 400 naming the parameter."""

    face = serializers.ChoiceField(DeviceFaceChoices.choices, default=DeviceFaceChoices.FRONT)
    render = serializers.ChoiceField(["json"], default="json")
    exclude = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    expand_devices = serializers.BooleanField(default=True)


class RackViewSet(BaseViewSet):
    @action(detail=True, methods=["get"])
    def elevation(self, request: Request, pk: Any = None) -> Response:
        rack = self.get_object()
        query = ElevationQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        params = query.validated_data
        units = services.rack_elevation(
            rack,
            face=params["face"],
            exclude=params.get("exclude"),
            expand_devices=params["expand_devices"],
        )
        page = self.paginator.paginate_queryset(units, request, view=self)  # type: ignore[union-attr]
        context = self.get_serializer_context()
        data = RackUnitSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)
