"""How our serializer fields, filters and token authentication look in the OpenAPI
schema: drf-spectacular extensions, registered when this module is imported (by
ipamcore.api.schema, the schema class named in settings)."""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.plumbing import build_object_type, build_parameter_type
from drf_spectacular.utils import OpenApiParameter

from ipamcore import registry
from ipamcore.filtersets import (
    MultiValueDateField,
    MultiValueDateTimeField,
    MultiValueDecimalField,
    MultiValueFilter,
    MultiValueIntegerField,
    TagFilter,
)

RELATED_REQUEST = {"oneOf": [{"type": "integer"}, {"type": "object", "additionalProperties": True}]}


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
        schema = {
            "type": "object",
            "properties": {
                "value": {"type": value_type, "enum": values},
                "label": {"type": "string"},
            },
            "required": ["value", "label"],
        }
        # An unset (null or blank) choice reads as null.
        if field.allow_null or field.allow_blank:
            schema["nullable"] = True
        return schema


class RelatedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.fields.RelatedField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        field = self.target
        if direction == "request":
            schema: dict[str, Any] = dict(RELATED_REQUEST)
            if field.allow_null:
                schema["nullable"] = True
            return schema
        entry = registry.find(field.model)
        if entry is None:
            return {"type": "object", "additionalProperties": True}
        serializer_class = field.serializer_class or entry.serializer
        nested = serializer_class(nested=True, nested_fields=field.nested_fields)
        ref = auto_schema.resolve_serializer(nested, direction).ref
        return {"allOf": [ref], "nullable": True} if field.allow_null else ref  # type: ignore[no-any-return]


class ContentTypeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "ipamcore.api.fields.ContentTypeField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": r"^[a-z_]+\.[a-z0-9_]+$"}
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
            return {"type": "array", "items": RELATED_REQUEST}
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


class TokenAuthenticationExtension(OpenApiAuthenticationExtension):
    target_class = "users.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "`Bearer nbt_<key>.<token>` (v2 token) or `Token <token>` (v1 token); "
                "either keyword works for either version."
            ),
        }


# --- filters -------------------------------------------------------------------------

ITEM_SCHEMAS: dict[type, dict[str, Any]] = {
    MultiValueIntegerField: {"type": "integer"},
    MultiValueDecimalField: {"type": "number"},
    MultiValueDateField: {"type": "string", "format": "date"},
    MultiValueDateTimeField: {"type": "string", "format": "date-time"},
}


class FilterExtension(DjangoFilterExtension):
    """Every filterset parameter, typed as the values it takes: our multi-value filters are
    arrays (a repeated parameter ORs), relation filters take ids or slugs/names."""

    target_class = "ipamcore.api.filters.FilterBackend"
    priority = 1

    def resolve_filter_field(
        self,
        auto_schema: Any,
        model: Any,
        filterset_class: Any,
        field_name: str,
        filter_field: Any,
    ) -> list[dict[str, Any]]:
        schema = filter_schema(filter_field)
        if schema is None:
            return super().resolve_filter_field(  # type: ignore[no-any-return]
                auto_schema, model, filterset_class, field_name, filter_field
            )
        parameter = build_parameter_type(
            name=field_name,
            location=OpenApiParameter.QUERY,
            schema=schema,
            description=filter_description(filter_field),
            explode=True,
            style="form",
        )
        return [parameter]


def filter_schema(filter_field: Any) -> dict[str, Any] | None:
    """An array schema for multi-value and relation filters; None for the rest (spectacular
    types those from the filter class and model field)."""
    if filter_field.method is not None:
        return None
    if isinstance(filter_field, MultiValueFilter):
        item = ITEM_SCHEMAS.get(filter_field.field_class, {"type": "string"})
        return {"type": "array", "items": dict(item)}
    if isinstance(filter_field, django_filters.ModelMultipleChoiceFilter):
        by_id = filter_field.extra.get("to_field_name") in (None, "pk", "id")
        return {"type": "array", "items": {"type": "integer" if by_id else "string"}}
    return None


def filter_description(filter_field: Any) -> str | None:
    if isinstance(filter_field, TagFilter):
        return "Repeat to require every tag given (`__any`: at least one; `__n`: none)."
    if isinstance(filter_field, django_filters.ModelMultipleChoiceFilter):
        return "Repeat to match any of several; `null` matches objects without one."
    return None
