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

from collections import defaultdict
from collections.abc import Mapping, Sequence
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

    def resolve(
        self,
        attrs: dict[str, Any],
        instance: models.Model | None,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        """Replace the written type/id pair in `attrs` by the target object (or None);
        targets preloaded for a list body (`preload_targets`) are taken from `context`."""
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
        preloaded = (context or {}).get(TARGETS_KEY, {})
        attrs[self.name] = self.target(content_type, pk, preloaded)

    def target(
        self,
        content_type: ContentType | None,
        pk: int | None,
        preloaded: dict[tuple[int, int], models.Model] | None = None,
    ) -> models.Model | None:
        if content_type is None and pk is None:
            return None
        if pk is None:
            raise serializers.ValidationError({self.fk_field: [NULL_MESSAGE]})
        if content_type is None:
            raise serializers.ValidationError({self.ct_field: [NULL_MESSAGE]})
        found = (preloaded or {}).get((content_type.pk, pk))
        if found is not None:
            return found
        model = content_type.model_class()
        obj = model._default_manager.filter(pk=pk).first() if model is not None else None
        if obj is None:
            raise serializers.ValidationError({self.fk_field: [NOT_FOUND_MESSAGE.format(pk=pk)]})
        return obj


# Where a list body's preloaded targets live in the serializer context.
TARGETS_KEY = "_generic_targets"


def preload_targets(
    relations: Sequence[GenericRelation], items: Any, context: dict[str, Any]
) -> None:
    """Load the targets a list body names (e.g. 500 IPs each assigned to an interface)
    with one query per target type, instead of one query per item in `resolve`. Items
    this cannot read (bad types, bad ids) are left to `resolve`, which reports them."""
    wanted: dict[ContentType, set[int]] = defaultdict(set)
    for relation in relations:
        for item in items if isinstance(items, list) else ():
            if not isinstance(item, dict):
                continue
            content_type = allowed_content_type(relation, item.get(relation.ct_field))
            pk = item.get(relation.fk_field)
            if content_type is not None and isinstance(pk, int) and 0 < pk <= MAX_ID:
                wanted[content_type].add(pk)
    preloaded = context.setdefault(TARGETS_KEY, {})
    for content_type, pks in wanted.items():
        model = content_type.model_class()
        if model is None:
            continue
        for pk, obj in model._default_manager.in_bulk(pks).items():
            preloaded[(content_type.pk, pk)] = obj


def allowed_content_type(relation: GenericRelation, label: Any) -> ContentType | None:
    if not isinstance(label, str) or label.lower() not in relation.allowed:
        return None
    app_label, _, model = label.lower().partition(".")
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None
