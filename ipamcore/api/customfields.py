"""The `custom_fields` object: every custom field defined for the model, by name."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from ipamcore.api.fields import nested_serializer


def custom_fields_for(model: type[models.Model], context: dict[str, Any]) -> list[Any]:
    """The model's custom fields, fetched once per request."""
    from extras.models import CustomField

    cache = context.setdefault("_custom_fields", {})
    if model not in cache:
        content_type = ContentType.objects.get_for_model(model)
        cache[model] = list(
            CustomField.objects.filter(object_types=content_type)
            .select_related("choice_set", "related_object_type")
            .order_by("group_name", "weight", "name")
        )
    return cache[model]


class CustomFieldsField(serializers.Field):
    default_error_messages = {
        "not_dict": (
            "Invalid data format. Custom field data must be passed as a dictionary mapping "
            "field names to their values."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("source", "custom_field_data")
        super().__init__(**kwargs)

    def model(self) -> type[models.Model]:
        return self.parent.Meta.model

    def to_representation(self, data: dict[str, Any]) -> dict[str, Any]:
        data = data or {}
        return {
            field.name: self.represent_value(field, data.get(field.name))
            for field in custom_fields_for(self.model(), self.context)
        }

    def represent_value(self, field: Any, value: Any) -> Any:
        if value is None or field.type not in ("object", "multiobject"):
            return value
        model = field.related_object_type.model_class()
        ids = value if isinstance(value, list) else [value]
        objects = {obj.pk: obj for obj in model._default_manager.filter(pk__in=ids)}
        serializer = nested_serializer(model, self.context)
        shapes = [serializer.to_representation(objects[pk]) for pk in ids if pk in objects]
        return shapes if field.type == "multiobject" else (shapes[0] if shapes else None)

    def get_default(self) -> Any:
        # On create, omitted custom fields take their configured default.
        if self.root.instance is not None:
            raise serializers.SkipField()
        return {}

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is serializers.empty and self.root.instance is None:
            return False, {}
        return super().validate_empty_values(data)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail("not_dict")
        fields = {field.name: field for field in custom_fields_for(self.model(), self.context)}
        errors = {}
        for name in data:
            if name not in fields:
                errors[name] = [f"Custom field '{name}' does not exist for this object type."]
        instance = self.parent.instance
        merged = dict(instance.custom_field_data) if instance is not None else {}
        for name, field in fields.items():
            if name in data:
                merged[name] = normalize(field, data[name])
            elif instance is None:
                merged[name] = field.default
            try:
                field.validate(merged.get(name))
            except DjangoValidationError as exc:
                errors[name] = list(exc.messages)
        if errors:
            raise serializers.ValidationError(errors)
        return merged


def normalize(field: Any, value: Any) -> Any:
    """Object references given as dicts become ids; dates become ISO strings."""
    if value in ("", None):
        return None
    if field.type == "object" and isinstance(value, dict):
        return value.get("id", value)
    if field.type == "multiobject" and isinstance(value, list):
        return [item.get("id", item) if isinstance(item, dict) else item for item in value]
    if field.type == "decimal" and isinstance(value, str):
        try:
            return float(decimal.Decimal(value))
        except decimal.InvalidOperation:
            return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
