"""Cables with their A/B terminations, the read-only terminations list, and MAC addresses.

A cable is written with its ends ({"object_type", "object_id"} items); saving goes
through dcim.services (create_cable/update_cable), which validate the ends, mirror
`cable`/`cable_end` onto the endpoints and retrace the paths the change touches.
"""

from __future__ import annotations

from typing import Any, cast

from django.apps import apps
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from dcim.api.cabling import label_of, prefetch_nested, render_nested
from dcim.choices import CableLengthUnitChoices, CableProfileChoices
from dcim.models import Cable, CableTermination, MACAddress
from dcim.models.cables import CABLE_TERMINATION_TYPES
from dcim.models.mac import MAC_ASSIGNMENT_TYPES
from dcim.services import create_cable, update_cable
from ipamcore.api.fields import ChoiceField, mutable_context
from ipamcore.api.generic import MAX_ID, GenericRelation
from ipamcore.api.serializers import (
    BaseListSerializer,
    BaseModelSerializer,
    PrimaryModelSerializer,
    django_error_detail,
)


class TerminationItemSerializer(serializers.Serializer):
    """One end object of a cable, written as {"object_type": "dcim.interface", "object_id": N}."""

    object_type = serializers.CharField()
    object_id = serializers.IntegerField(min_value=0, max_value=MAX_ID)

    def validate(self, attrs: dict[str, Any]) -> Any:
        label = attrs["object_type"].lower()
        if label not in CABLE_TERMINATION_TYPES:
            raise serializers.ValidationError(
                {"object_type": [f"Invalid content type: {attrs['object_type']}"]}
            )
        model = apps.get_model(label)
        obj = model._default_manager.filter(pk=attrs["object_id"]).first()
        if obj is None:
            raise serializers.ValidationError(
                {
                    "object_id": [
                        f"Related object not found using the provided value: {attrs['object_id']}."
                    ]
                }
            )
        return obj


class TerminationsField(serializers.ListField):
    """A cable end: read as items with the nested `object`, written as type/id items."""

    def __init__(self, end: str, **kwargs: Any) -> None:
        self.end = end
        kwargs.update(child=TerminationItemSerializer(), required=False, source="*")
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        return instance.terminations_at(self.end)

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        rendered = render_nested(data, mutable_context(self.context))
        return [
            {"object_type": label_of(obj), "object_id": obj.pk, "object": item}
            for obj, item in zip(data, rendered, strict=True)
        ]

    def to_internal_value(self, data: Any) -> dict[str, Any]:  # type: ignore[override]
        # source="*": the value lands under the field's own name in the attrs (DRF merges
        # a dict from a source="*" field into the attrs; the stubs expect the list itself).
        return {str(self.field_name): super().to_internal_value(data)}


class CableListSerializer(BaseListSerializer):
    """Cables are saved one by one through the cabling service."""

    def to_representation(self, data: Any) -> list[Any]:
        instances = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        ends = [row.termination for cable in instances for row in cable.terminations.all()]
        prefetch_nested(ends, mutable_context(self.context))
        return super().to_representation(instances)

    def create(self, validated_data: list[dict[str, Any]]) -> list[models.Model]:
        child = cast(BaseModelSerializer, self.child)
        return [child.create(attrs) for attrs in validated_data]


class CableSerializer(PrimaryModelSerializer):
    a_terminations = TerminationsField("A")
    b_terminations = TerminationsField("B")
    profile = ChoiceField(
        CableProfileChoices.choices, required=False, allow_blank=True, allow_null=True
    )
    length_unit = ChoiceField(
        CableLengthUnitChoices.choices, required=False, allow_blank=True, allow_null=True
    )
    # Raw strings on the wire, not {value, label}.
    type = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    color = serializers.CharField(required=False, allow_blank=True, max_length=6)

    class Meta:
        model = Cable
        list_serializer_class = CableListSerializer
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "type",
            "a_terminations",
            "b_terminations",
            "status",
            "profile",
            "tenant",
            "label",
            "color",
            "length",
            "length_unit",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "label", "description")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in ("type", "profile", "length_unit"):
            if name in attrs and attrs[name] is None:
                attrs[name] = ""
        ends = {name: attrs.pop(name, None) for name in ("a_terminations", "b_terminations")}
        attrs = super().validate(attrs)
        cable = attrs["_built"]
        try:
            cable.validate_terminations(ends["a_terminations"], ends["b_terminations"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError(django_error_detail(exc)) from exc
        attrs["_ends"] = ends
        return attrs

    def validate_type(self, value: str | None) -> str:
        choices = {str(key) for key, _ in Cable._meta.get_field("type").choices or ()}
        if value and value not in choices:
            raise serializers.ValidationError(f'"{value}" is not a valid choice.')
        return value or ""

    def create(self, validated_data: dict[str, Any]) -> Cable:
        ends = validated_data.pop("_ends")
        cable, relations = self.pop_relations(validated_data)
        try:
            create_cable(cable, ends["a_terminations"], ends["b_terminations"])  # type: ignore[arg-type]
        except DjangoValidationError as exc:
            raise serializers.ValidationError(django_error_detail(exc)) from exc
        self.save_relations(cable, relations)
        return cable  # type: ignore[return-value]

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> Cable:
        ends = validated_data.pop("_ends")
        cable, relations = self.pop_relations(validated_data)
        try:
            update_cable(cable, ends["a_terminations"], ends["b_terminations"])  # type: ignore[arg-type]
        except DjangoValidationError as exc:
            raise serializers.ValidationError(django_error_detail(exc)) from exc
        self.save_relations(cable, relations)
        return cable  # type: ignore[return-value]


class CableTerminationSerializer(BaseModelSerializer):
    cable = serializers.IntegerField(source="cable_id", read_only=True)
    cable_end = serializers.CharField(read_only=True)

    generic_relations = (GenericRelation("termination", CABLE_TERMINATION_TYPES),)

    class Meta:
        model = CableTermination
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "cable",
            "cable_end",
            "termination_type",
            "termination_id",
            "termination",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "cable", "cable_end")


class MACAddressSerializer(PrimaryModelSerializer):
    generic_relations = (GenericRelation("assigned_object", MAC_ASSIGNMENT_TYPES),)

    class Meta:
        model = MACAddress
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "mac_address",
            "assigned_object_type",
            "assigned_object_id",
            "assigned_object",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "mac_address", "description")
