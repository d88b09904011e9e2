"""OpenAPI schema generation: our wire conventions described to drf-spectacular,
so clients (and schemathesis) see what the API really sends and accepts."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import build_basic_type, build_object_type
from drf_spectacular.types import OpenApiTypes

from ipamcore import registry

NULLABLE_INT = {"type": "integer", "nullable": True}


class AutoSchema(SpectacularAutoSchema):
    def _get_serializer_name(
        self, serializer: Any, direction: str, bypass_extensions: bool = False
    ) -> str:
        name = super()._get_serializer_name(serializer, direction, bypass_extensions)
        if getattr(serializer, "nested", False):
            fields = getattr(serializer, "nested_fields", None)
            suffix = "" if not fields else "".join(part.strip("_").title() for part in fields)[:40]
            return f"Brief{name}{suffix}"
        return name


class ChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.fields.ChoiceField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        field = self.target
        values = list(field.choices)
        value_type = "integer" if values and all(isinstance(v, int) for v in values) else "string"
        if direction == "request":
            schema: dict[str, Any] = {"type": value_type, "enum": values}
            if field.allow_blank:
                schema["enum"] = [*values, ""]
            if field.allow_null:
                schema["nullable"] = True
            return schema
        return {
            "type": "object",
            "nullable": True,
            "properties": {
                "value": {"type": value_type, "enum": values},
                "label": {"type": "string"},
            },
        }


class RelatedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.fields.RelatedField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        field = self.target
        if direction == "request":
            schema: dict[str, Any] = {
                "oneOf": [{"type": "integer"}, {"type": "object", "additionalProperties": True}]
            }
            if field.allow_null:
                schema["nullable"] = True
            return schema
        entry = registry.find(field.model)
        if entry is None:
            return build_basic_type(OpenApiTypes.OBJECT)  # type: ignore[return-value]
        serializer_class = field.serializer_class or entry.serializer
        nested = serializer_class(nested=True, nested_fields=field.nested_fields)
        component = auto_schema.resolve_serializer(nested, direction)
        ref = component.ref
        if field.allow_null:
            return {"allOf": [ref], "nullable": True}
        return ref


class ContentTypeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.fields.ContentTypeField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.target.allow_null:
            schema["nullable"] = True
        return schema


class GenericObjectFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.fields.GenericObjectField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return {"type": "object", "nullable": True, "additionalProperties": True}


class TagListFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.tags.TagListField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        if direction == "request":
            item = {
                "oneOf": [{"type": "integer"}, {"type": "object", "additionalProperties": True}]
            }
            return {"type": "array", "items": item}
        from extras.models import Tag

        nested = registry.get(Tag).serializer(nested=True)
        return {"type": "array", "items": auto_schema.resolve_serializer(nested, direction).ref}


class CustomFieldsFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.customfields.CustomFieldsField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return build_object_type(additionalProperties=True)  # type: ignore[no-any-return]


class AbsoluteURLFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.serializers.AbsoluteURLField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "readOnly": True}
