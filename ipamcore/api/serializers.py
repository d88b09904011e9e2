"""The base serializer for every object type.

One class gives each model NetBox's representation rules: `id`, `url`,
`display_url`, `display`; brief and nested shapes; `?fields=` and `?omit=`;
choices as {value,label}; related objects by id or attribute dict; tags and
custom fields; and full model validation (`clean()` and constraints) on every
write, PATCH included, with Django's errors turned into field-keyed 400s.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, ClassVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from ipamcore import registry
from ipamcore.api import fields as api_fields
from ipamcore.api.customfields import CustomFieldsField
from ipamcore.api.generic import GenericRelation, preload_targets
from ipamcore.api.queries import prefetched_attr
from ipamcore.api.tags import TagListField, save_tags
from ipamcore.batch import batch_errors
from ipamcore.validators import run_custom_validators

# Write-only keys that are not model fields: saved after the row, or read by the changelog.
RELATION_KEYS = frozenset({"tags", "add_tags", "remove_tags", "changelog_message", "_built"})


def base_url(context: Mapping[str, Any]) -> str:
    """scheme://host[/BASE_PATH] of the current request, or "" outside a request."""
    cached = context.get("_base_url")
    if cached is None:
        request = context.get("request")
        cached = request.build_absolute_uri("/").rstrip("/") if request is not None else ""
        if settings.BASE_PATH:
            cached = f"{cached}/{settings.BASE_PATH}"
        api_fields.mutable_context(context)["_base_url"] = cached
    return cached


class AbsoluteURLField(serializers.Field[Any, Any, Any, Any]):
    """The object's API URL (`api=True`) or UI URL, absolute when there is a request."""

    def __init__(self, api: bool = True, **kwargs: Any) -> None:
        self.api = api
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        path = registry.api_url(value) if self.api else registry.ui_url(value)
        return base_url(self.context) + path


class BatchUniqueValidator(UniqueValidator):
    """A unique field's check that, in a list POST, consults values fetched once for the
    whole batch (BaseListSerializer) instead of one query per item, and also catches
    duplicates inside the batch."""

    def __call__(self, value: Any, serializer_field: Any) -> None:
        field_name = serializer_field.source_attrs[-1]
        known = serializer_field.context.get("_unique_values", {}).get(field_name)
        if known is None or serializer_field.parent.instance is not None:
            super().__call__(value, serializer_field)
            return
        if value in known:
            raise serializers.ValidationError(self.message, code="unique")
        known.add(value)


class BaseListSerializer(serializers.ListSerializer[Any]):
    """Saves a list of objects with bulk SQL: one INSERT for all rows."""

    def prefetch_unique_values(self, data: list[Any]) -> None:
        """One query per unique field for the whole batch."""
        child = cast(BaseModelSerializer, self.child)
        model = child.Meta.model
        known: dict[str, set[Any]] = {}
        for field in child.fields.values():
            if field.read_only or not any(
                isinstance(v, BatchUniqueValidator) for v in field.validators
            ):
                continue
            source = field.source_attrs[-1]
            values = [
                item[field.field_name].strip()
                if isinstance(item[field.field_name], str)
                else item[field.field_name]
                for item in data
                if isinstance(item, dict) and item.get(field.field_name) is not None
            ]
            existing = model._default_manager.filter(**{f"{source}__in": values})
            known[source] = set(existing.values_list(source, flat=True))
        api_fields.mutable_context(self.context)["_unique_values"] = known

    def to_internal_value(self, data: Any) -> Any:
        if self.instance is None and isinstance(data, list):
            self.prefetch_unique_values(data)
            relations = getattr(self.child, "generic_relations", ())
            preload_targets(relations, data, api_fields.mutable_context(self.context))
        try:
            items = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            # NetBox's shape: one entry per submitted item, {} for the valid ones.
            # DRF's stubs key error dicts by field name; here they are keyed by item index.
            detail: Any = exc.detail
            if isinstance(detail, dict) and all(isinstance(key, int) for key in detail):
                raise serializers.ValidationError(
                    [detail.get(index, {}) for index in range(len(data))]
                ) from exc
            raise
        if self.instance is None:
            # Each item was checked against the database; now against each other.
            errors = batch_errors(item.get("_built") for item in items)
            if any(errors):
                raise serializers.ValidationError(errors)
        return items

    def to_representation(self, data: Any) -> list[Any]:
        instances = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        custom_fields = getattr(self.child, "fields", {}).get("custom_fields")
        if isinstance(custom_fields, CustomFieldsField):
            custom_fields.preload(instances)
        return super().to_representation(instances)

    def create(self, validated_data: list[dict[str, Any]]) -> list[models.Model]:
        child: BaseModelSerializer = self.child  # type: ignore[assignment]
        built = [child.pop_relations(attrs) for attrs in validated_data]
        instances = [instance for instance, _ in built]
        model = child.Meta.model
        if child.bulk_insert:
            model._default_manager.bulk_create(instances)
        else:
            for instance in instances:
                instance.save()
        for instance, relations in built:
            child.save_relations(instance, relations)
        return instances


class DisplayField(serializers.Field[Any, Any, Any, Any]):
    """`str(obj)`, without DRF's per-call signature inspection of `__str__`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return str(value)


# Field classes whose model values are already JSON-ready (the renderer formats datetimes).
PASSTHROUGH_FIELDS = (
    serializers.CharField,
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.DateTimeField,
    serializers.SlugField,
)


ReadStep = tuple[str, Any, str | None, bool, bool]


def read_plan(fields: Any) -> list[ReadStep]:
    """(name, field, attribute or None, passthrough, fallback) for each readable field.

    Serialising is the hot path of every list: plain attributes are read with one
    getattr and, for JSON-ready types, no conversion call at all. To-many relations are
    read from the list their prefetch stored (`fallback`: through the field when the
    queryset did not prefetch them).
    """
    plan = []
    for field in fields:
        single = len(field.source_attrs) == 1 and field.source != "*"
        plain = single and type(field).get_attribute is serializers.Field.get_attribute
        passthrough = type(field) in PASSTHROUGH_FIELDS and settings.TIME_ZONE == "UTC"
        attribute = field.source_attrs[0] if plain else None
        fallback = False
        if single and isinstance(field, serializers.ManyRelatedField):
            attribute, fallback = prefetched_attr(field.source_attrs[0]), True
        plan.append((field.field_name, field, attribute, passthrough, fallback))
    return plan


class BaseModelSerializer(serializers.ModelSerializer[Any]):
    url = AbsoluteURLField()
    display_url = AbsoluteURLField(api=False)
    display = DisplayField()

    serializer_choice_field = api_fields.ChoiceField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.JSONField: api_fields.JSONField,
    }
    # Models whose save() has side effects turn this off to save row by row.
    bulk_insert: ClassVar[bool] = True
    # Generic foreign keys: each adds `<x>_type`, `<x>_id` and `<x>` (see ipamcore.api.generic).
    generic_relations: ClassVar[tuple[GenericRelation, ...]] = ()

    class Meta:
        model: type[models.Model]
        fields: tuple[str, ...] = ()
        brief_fields: tuple[str, ...] = ()
        list_serializer_class = BaseListSerializer
        validators: list[Any] = []

    def __init__(
        self,
        *args: Any,
        nested: bool = False,
        nested_fields: tuple[str, ...] | None = None,
        **kwargs: Any,
    ) -> None:
        self.nested = nested
        self.nested_fields = nested_fields
        super().__init__(*args, **kwargs)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Every serializer's list form saves in bulk, without each Meta repeating it.
        if not hasattr(cls.Meta, "list_serializer_class"):
            cls.Meta.list_serializer_class = BaseListSerializer
        if not hasattr(cls.Meta, "validators"):
            cls.Meta.validators = []
        for relation in cls.generic_relations:
            for name, field in relation.build_fields().items():
                cls._declared_fields.setdefault(name, field)

    # --- reading --------------------------------------------------------------

    @cached_property
    def _read_plan(self) -> list[ReadStep]:
        return read_plan(self._readable_fields)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, field, attr, passthrough, fallback in self._read_plan:
            if attr is None:
                try:
                    value = field.get_attribute(instance)
                except serializers.SkipField:
                    continue
            else:
                try:
                    value = getattr(instance, attr)
                except AttributeError:
                    if not fallback:
                        # Not annotated on this queryset (e.g. a count inside a nested object).
                        continue
                    value = field.get_attribute(instance)
            if value is None:
                data[name] = None
            elif passthrough:
                data[name] = value
            else:
                data[name] = field.to_representation(value)
        return data

    # --- shapes -------------------------------------------------------------

    def get_field_names(self, declared_fields: Any, info: Any) -> list[str]:
        return list(self.selected_field_names())

    def selected_field_names(self) -> tuple[str, ...]:
        meta = self.Meta
        if self.nested:
            declared: tuple[str, ...] = getattr(meta, "nested_fields", meta.brief_fields)
            return self.nested_fields or declared
        if self.is_brief():
            return meta.brief_fields
        names = meta.fields
        query = self.query_params()
        if query is None or (self.parent is not None and not self.is_top_child()):
            return names
        if query.get("fields"):
            wanted = {name.strip() for name in query["fields"].split(",")}
            return tuple(name for name in names if name in wanted) or ("id",)
        if query.get("omit"):
            unwanted = {name.strip() for name in query["omit"].split(",")}
            return tuple(name for name in names if name not in unwanted)
        return names

    def query_params(self) -> Any:
        request = self.context.get("request")
        if request is None or request.method not in ("GET", "HEAD"):
            return None
        return getattr(request, "query_params", None)

    def is_top_child(self) -> bool:
        return isinstance(self.parent, serializers.ListSerializer) and self.parent.parent is None

    def is_brief(self) -> bool:
        return bool(self.context.get("brief"))

    def build_standard_field(
        self, field_name: str, model_field: Any
    ) -> tuple[type[Any], dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs["validators"] = [
            BatchUniqueValidator(v.queryset, message=v.message) if type(v) is UniqueValidator else v
            for v in kwargs.get("validators", [])
        ]
        return field_class, kwargs

    def build_relational_field(
        self, field_name: str, relation_info: Any
    ) -> tuple[type[Any], dict[str, Any]]:
        _, kwargs = super().build_relational_field(field_name, relation_info)
        kwargs.pop("queryset", None)
        kwargs.pop("view_name", None)
        if relation_info.to_many:
            kwargs.pop("many", None)
            return serializers.ManyRelatedField, {
                "child_relation": api_fields.RelatedField(relation_info.related_model),
                "required": kwargs.get("required", False),
                "read_only": kwargs.get("read_only", False),
                "allow_empty": True,
            }
        kwargs["model"] = relation_info.related_model
        return api_fields.RelatedField, kwargs

    # --- validation -----------------------------------------------------------

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        for relation in self.generic_relations:
            relation.resolve(attrs, self.instance, self.context)
        instance, _ = self.build_instance(attrs)
        self.full_clean(instance)
        attrs["_built"] = instance
        return attrs

    def build_instance(self, attrs: dict[str, Any]) -> tuple[models.Model, dict[str, Any]]:
        """The model instance as it would be saved, and the relations saved after it."""
        model = self.Meta.model
        relations = {}
        plain = {}
        many_to_many = many_to_many_names(model)
        for key, value in attrs.items():
            if key in RELATION_KEYS or key in many_to_many:
                relations[key] = value
            else:
                plain[key] = value
        instance = self.instance if self.instance is not None else model()
        for key, value in plain.items():
            setattr(instance, key, value)
        return instance, relations

    def full_clean(self, instance: models.Model) -> None:
        """The model's own validation, then the configured CUSTOM_VALIDATORS: every
        create and update (single, bulk, PATCH) passes here."""
        try:
            instance.full_clean(validate_unique=False)
            run_custom_validators(instance, self.context.get("request"))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(django_error_detail(exc)) from exc

    # --- saving -----------------------------------------------------------------

    def pop_relations(self, attrs: dict[str, Any]) -> tuple[models.Model, dict[str, Any]]:
        """The instance built during validation, and the relations to save after it."""
        instance = attrs.pop("_built", None)
        if instance is None:
            return self.build_instance(attrs)
        many_to_many = many_to_many_names(type(instance))
        relations = {
            key: value
            for key, value in attrs.items()
            if key in many_to_many or key in RELATION_KEYS
        }
        return instance, relations

    def create(self, validated_data: dict[str, Any]) -> models.Model:
        instance, relations = self.pop_relations(validated_data)
        instance.save()
        self.save_relations(instance, relations)
        return instance

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        instance, relations = self.pop_relations(validated_data)
        instance.save()
        self.save_relations(instance, relations)
        return instance

    def save_relations(self, instance: models.Model, relations: dict[str, Any]) -> None:
        many_to_many = many_to_many_names(type(instance))
        for name, value in relations.items():
            if name in many_to_many:
                getattr(instance, name).set(value)
        if any(name in relations for name in ("tags", "add_tags", "remove_tags")):
            save_tags(
                instance,
                relations.get("tags"),
                relations.get("add_tags"),
                relations.get("remove_tags"),
            )


def many_to_many_names(model: type[models.Model]) -> set[str]:
    """Names of the model's many-to-many relations, both sides (e.g. Site.asns and ASN.sites)."""
    names = {field.name for field in model._meta.many_to_many}
    names.update(
        rel.get_accessor_name()  # type: ignore[misc]
        for rel in model._meta.related_objects
        if rel.many_to_many
    )
    return names


def django_error_detail(exc: DjangoValidationError) -> dict[str, Any]:
    """Django's ValidationError as NetBox's body: field keys, "__all__" for the rest."""
    if hasattr(exc, "error_dict"):
        return {key: [str(m) for m in errors] for key, errors in exc.message_dict.items()}
    return {"__all__": list(exc.messages)}


class PrimaryModelSerializer(BaseModelSerializer):
    """Adds the writable tags and custom fields every primary model has."""

    tags = TagListField(required=False)
    add_tags = TagListField(required=False, write_only=True)
    remove_tags = TagListField(required=False, write_only=True)
    custom_fields = CustomFieldsField(required=False)
    changelog_message = serializers.CharField(
        required=False, write_only=True, max_length=200, allow_blank=True
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "tags" in attrs and ("add_tags" in attrs or "remove_tags" in attrs):
            raise serializers.ValidationError(
                {"tags": "Cannot specify tags together with add_tags or remove_tags."}
            )
        if "remove_tags" in attrs and self.instance is None:
            raise serializers.ValidationError(
                {"remove_tags": "remove_tags cannot be used when creating an object."}
            )
        added = {tag.pk for tag in attrs.get("add_tags", [])}
        if added & {tag.pk for tag in attrs.get("remove_tags", [])}:
            raise serializers.ValidationError(
                {"remove_tags": "A tag cannot be both added and removed."}
            )
        return super().validate(attrs)

    def get_field_names(self, declared_fields: Any, info: Any) -> list[str]:
        names = super().get_field_names(declared_fields, info)
        if self.nested or self.is_brief():
            return names
        # Write-only helpers are accepted on every primary model.
        return [
            *names,
            *(n for n in ("add_tags", "remove_tags", "changelog_message") if n not in names),
        ]


# The shape of a tree node's `parent`.
TREE_PARENT_FIELDS = ("id", "url", "display_url", "display", "name", "slug", "_depth")


class NestedGroupSerializer(PrimaryModelSerializer):
    """Trees: `_depth` from the queryset's annotation (see ipamcore.querysets.tree_depth)."""

    _depth = serializers.IntegerField(read_only=True, source="depth")

    def to_representation(self, instance: models.Model) -> dict[str, Any]:
        data = super().to_representation(instance)
        parent = data.get("parent")
        depth = getattr(instance, "depth", None)
        # The parent sits one level up: its depth needs no query of its own (only for
        # trees whose parent shape has a depth; device roles' and platforms' has none).
        parent_field = self.fields.get("parent")
        shape = getattr(parent_field, "nested_fields", None) or ()
        if parent and depth is not None and "_depth" in shape:
            parent["_depth"] = depth - 1
        return data
