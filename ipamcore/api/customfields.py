"""The `custom_fields` object: every custom field defined for the model, by name."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from ipamcore import registry
from ipamcore.api.fields import RelatedField, bound_model, contains_nul, nested_serializer

OBJECT_TYPES = ("object", "multiobject")


def custom_fields_for(model: type[models.Model], context: Any) -> list[Any]:
    """The model's custom fields, fetched once per request (every serializer of the
    request, the one that validates and the one that answers, shares the request)."""
    from extras.models import CustomField

    holder = context.get("request") or context
    cache: dict[type[models.Model], list[Any]] | None = getattr(holder, "_custom_fields", None)
    if isinstance(holder, dict):
        cache = holder.setdefault("_custom_fields", {})
    elif cache is None:
        cache = {}
        holder._custom_fields = cache
    if model not in cache:
        content_type = ContentType.objects.get_for_model(model)
        cache[model] = list(
            CustomField.objects.filter(object_types=content_type)
            .select_related("choice_set", "related_object_type")
            .order_by("group_name", "weight", "name")
        )
    return cache[model]


def referenced_ids(value: Any) -> list[int]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, int) and not isinstance(item, bool)]


class CustomFieldsField(serializers.Field[Any, Any, Any, Any]):
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
        return bound_model(self)

    # --- reading ------------------------------------------------------------------

    def to_representation(self, data: dict[str, Any]) -> dict[str, Any]:
        data = data or {}
        return {
            field.name: self.represent_value(field, data.get(field.name))
            for field in custom_fields_for(self.model(), self.context)
        }

    def preload(self, instances: Iterable[models.Model]) -> None:
        """Fetch the objects that object-type fields of a whole page refer to, one query per
        related model, so a list costs the same number of queries whatever its length."""
        wanted: dict[Any, set[int]] = {}
        for field in custom_fields_for(self.model(), self.context):
            if field.type in OBJECT_TYPES:
                ids = wanted.setdefault(field.related_object_type.model_class(), set())
                for instance in instances:
                    data = getattr(instance, "custom_field_data", None) or {}
                    ids.update(referenced_ids(data.get(field.name)))
        for model, ids in wanted.items():
            self.related_objects(model, ids)

    def related_objects(self, model: Any, ids: Iterable[int]) -> dict[int, models.Model]:
        context: Any = self.context
        cache = context.setdefault("_custom_field_objects", {}).setdefault(model, {})
        missing = set(ids) - set(cache)
        if missing and model is not None:
            found = model._default_manager.in_bulk(missing)
            # Remember misses too (deleted objects), so they are not looked up row by row.
            cache.update({pk: found.get(pk) for pk in missing})
        return cache  # type: ignore[no-any-return]

    def represent_value(self, field: Any, value: Any) -> Any:
        if value is None or field.type not in OBJECT_TYPES:
            return value
        ids = referenced_ids(value)
        objects = self.related_objects(field.related_object_type.model_class(), ids)
        shapes = [self.represent_object(obj) for pk in ids if (obj := objects.get(pk))]
        return shapes if field.type == "multiobject" else (shapes[0] if shapes else None)

    def represent_object(self, obj: models.Model) -> dict[str, Any]:
        if registry.find(type(obj)) is None:
            return {"id": obj.pk, "display": str(obj)}
        return nested_serializer(type(obj), self.context).to_representation(obj)  # type: ignore[no-any-return]

    # --- writing ------------------------------------------------------------------

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
        errors: dict[str, Any] = {
            name: [f"Custom field '{name}' does not exist for this object type."]
            for name in data
            if name not in fields
        }
        instance = self.parent.instance
        merged = dict(instance.custom_field_data) if instance is not None else {}
        for name, field in fields.items():
            try:
                if name in data:
                    merged[name] = self.clean_value(field, data[name])
                elif instance is None:
                    merged[name] = field.default
                field.validate(merged.get(name))
                self.check_unique(field, merged.get(name), instance)
            except DjangoValidationError as exc:
                errors[name] = list(exc.messages)
            except serializers.ValidationError as exc:
                errors[name] = exc.detail
        if errors:
            raise serializers.ValidationError(errors)
        return merged

    def clean_value(self, field: Any, value: Any) -> Any:
        """The value as stored: object references become ids, dates ISO strings."""
        if value is None or value == "":
            return None
        if contains_nul(value):
            raise DjangoValidationError("Null characters are not allowed.")
        if field.type == "object":
            return self.related_pk(field, value)
        if field.type == "multiobject" and isinstance(value, list):
            return [self.related_pk(field, item) for item in value]
        return normalize(field, value)

    def related_pk(self, field: Any, value: Any) -> Any:
        """An id or attribute dict, resolved like any related object (400 if it matches none)."""
        model = field.related_object_type.model_class()
        if model is None:
            raise DjangoValidationError("The related object type of this field no longer exists.")
        return RelatedField(model).to_internal_value(value).pk

    def check_unique(self, field: Any, value: Any, instance: models.Model | None) -> None:
        if not field.unique or value is None:
            return
        others = self.model()._default_manager.filter(**{f"custom_field_data__{field.name}": value})
        if instance is not None:
            others = others.exclude(pk=instance.pk)
        if others.exists():
            raise DjangoValidationError(f"Custom field '{field.name}' must have a unique value.")


def normalize(field: Any, value: Any) -> Any:
    """Decimals given as strings become numbers, dates and datetimes ISO strings, 0/1 booleans."""
    if field.type == "decimal" and isinstance(value, str):
        try:
            number = decimal.Decimal(value)
        except decimal.InvalidOperation:
            return value
        return float(number) if number.is_finite() else value
    if field.type == "boolean" and value in (0, 1) and not isinstance(value, float):
        return bool(value)
    parsers = {"date": datetime.date.fromisoformat, "datetime": datetime.datetime.fromisoformat}
    if field.type in parsers and isinstance(value, str):
        try:
            return parsers[field.type](value).isoformat()
        except ValueError:
            return value
    return value
