"""Generic relations on the wire (facts §3.5): a pair of writable fields,
`<x>_type` ("app_label.model") and `<x>_id`, and the read-only target `<x>` in
the nested shape of its own type.

A serializer declares each relation once and the base serializer does the rest:

    generic_relations = (GenericRelation("scope", PREFIX_SCOPE_TYPES),)

The pair is resolved during validation into the target object, which is set on
the instance through the model's GenericForeignKey, so `clean()` sees the
target without looking it up again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from rest_framework import serializers

from ipamcore.api.fields import ContentTypeField, GenericObjectField, IntegerOrNullField

# The largest value a bigint primary key can hold: anything above is a 400, not a 500.
MAX_ID = 2**63 - 1

NULL_MESSAGE = "This field cannot be null."
NOT_FOUND_MESSAGE = "Related object not found using the provided value: {pk}."


@dataclass(frozen=True)
class GenericRelation:
    """One generic foreign key of the model, named like its GenericForeignKey."""

    name: str
    allowed: tuple[str, ...]
    required: bool = False
    type_field: str = ""
    id_field: str = ""

    @property
    def ct_field(self) -> str:
        return self.type_field or f"{self.name}_type"

    @property
    def fk_field(self) -> str:
        return self.id_field or f"{self.name}_id"

    def build_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        optional = not self.required
        return {
            self.ct_field: ContentTypeField(
                allowed=self.allowed, required=self.required, allow_null=optional
            ),
            self.fk_field: IntegerOrNullField(
                required=self.required, allow_null=optional, min_value=0, max_value=MAX_ID
            ),
            self.name: GenericObjectField(allowed=self.allowed),
        }

    def resolve(self, attrs: dict[str, Any], instance: models.Model | None) -> None:
        """Replace the written type/id pair in `attrs` by the target object (or None)."""
        type_given, id_given = self.ct_field in attrs, self.fk_field in attrs
        if not type_given and not id_given:
            return
        content_type = attrs.pop(self.ct_field, None)
        pk = attrs.pop(self.fk_field, None)
        if not type_given and pk is not None and instance is not None:
            content_type = getattr(instance, self.ct_field)
        if not id_given and content_type is not None and instance is not None:
            pk = getattr(instance, self.fk_field)
        # An explicit null on one side with the other side omitted clears the relation.
        attrs[self.name] = self.target(content_type, pk)

    def target(self, content_type: ContentType | None, pk: int | None) -> models.Model | None:
        if content_type is None and pk is None:
            return None
        if pk is None:
            raise serializers.ValidationError({self.fk_field: [NULL_MESSAGE]})
        if content_type is None:
            raise serializers.ValidationError({self.ct_field: [NULL_MESSAGE]})
        model = content_type.model_class()
        obj = model._default_manager.filter(pk=pk).first() if model is not None else None
        if obj is None:
            raise serializers.ValidationError({self.fk_field: [NOT_FOUND_MESSAGE.format(pk=pk)]})
        return obj
