"""Serializer fields that carry NetBox's wire conventions:
choices as {value,label}, related objects written by id or attribute dict and
read as nested brief objects, content types as "app_label.model".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import (
    FieldDoesNotExist,
    FieldError,
    MultipleObjectsReturned,
    ObjectDoesNotExist,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, models, transaction
from rest_framework import serializers
from rest_framework.fields import empty

from ipamcore import permissions, registry


def mutable_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """A serializer's context as the dict it is. DRF's stubs declare `context` read-only
    (Mapping), but DRF keeps the dict its view built, and per-request caches live in it."""
    return cast(dict[str, Any], context)


def bound_model(field: serializers.Field[Any, Any, Any, Any]) -> type[models.Model]:
    """The model of the ModelSerializer a field is declared on (DRF's stubs type a
    field's parent as a bare BaseSerializer, which has no Meta)."""
    return cast(serializers.ModelSerializer[Any], field.parent).Meta.model


def nested_serializer(
    model: type[models.Model],
    context: Mapping[str, Any],
    fields: tuple[str, ...] | None = None,
    serializer_class: type | None = None,
) -> Any:
    """The nested serializer of a registered model, cached per request context.
    `fields` picks another nested shape (e.g. a tree node's `parent`); `serializer_class`
    a shape whose fields render differently (e.g. an IP's `nat_inside`)."""
    cache = mutable_context(context).setdefault("_nested_serializers", {})
    key = (model, fields, serializer_class)
    serializer = cache.get(key)
    if serializer is None:
        serializer_class = serializer_class or registry.get(model).serializer
        serializer = serializer_class(nested=True, nested_fields=fields, context=context)
        cache[key] = serializer
    return serializer


def contains_nul(value: Any) -> bool:
    """PostgreSQL's jsonb cannot hold a NUL character anywhere in a value."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False


class JSONField(serializers.JSONField):
    """A JSON value stored in jsonb: refused (400) when it holds a NUL character, which
    PostgreSQL cannot store and would answer with an error (a 500)."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if contains_nul(value):
            raise serializers.ValidationError("Null characters are not allowed.")
        return value


class ChoiceField(serializers.ChoiceField):
    """Reads as {"value": raw, "label": text}; writes the raw value."""

    def __init__(self, choices: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_blank", False)
        super().__init__(choices, **kwargs)
        self._labels = {str(key): str(label) for key, label in self.choices.items()}

    def to_representation(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        return {"value": value, "label": self._labels.get(str(value), "")}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict | list):
            raise serializers.ValidationError(
                'Value must be passed directly (e.g. "foo": 123); do not use a dictionary or list.'
            )
        if data == "" and self.allow_blank:
            return ""
        # "true"/"false" and numeric strings are matched against non-string choices.
        if isinstance(data, str) and str(data) not in self._labels:
            lowered = data.strip().lower()
            if lowered in ("true", "false"):
                data = lowered == "true"
        for key in self.choices:
            if str(key) == str(data):
                return key
        self.fail("invalid_choice", input=data)


# Where RelatedField keeps the objects it looked up by id, in the serializer context.
RELATED_BY_PK_KEY = "_related_by_pk"


class RelatedField(serializers.RelatedField[Any, Any, Any]):
    """A foreign key: written as an id or a dict of lookup attributes, read nested."""

    default_error_messages = {
        "does_not_exist": "Related object not found using the provided numeric ID: {pk}",
        "no_match": "Related object not found using the provided attributes: {params}",
        "multiple": "Multiple objects match the provided attributes: {params}",
        "bad_value": (
            "Related objects must be referenced by numeric ID or by dictionary of attributes. "
            "Received an unrecognized value: {value}"
        ),
    }

    def __init__(
        self,
        model: type[models.Model] | str,
        nested_fields: tuple[str, ...] | None = None,
        serializer: type | None = None,
        **kwargs: Any,
    ) -> None:
        if isinstance(model, str):  # "app_label.Model", for models not importable here
            from django.apps import apps

            model = apps.get_model(model)
        self.model = model
        self.nested_fields = nested_fields
        self.serializer_class = serializer
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", model._default_manager.all())
        super().__init__(**kwargs)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        # Relational fields treat "" as null (Terraform unassigns with "").
        if data == "":
            data = None
        return super().validate_empty_values(data)

    def to_internal_value(self, data: Any) -> Any:
        queryset = self.get_queryset()
        assert queryset is not None  # writable fields get one in __init__
        if isinstance(data, dict):
            # By attributes, only objects the user may view match (NetBox 4.6.6); a numeric
            # id needs no such check, as in NetBox.
            request = self.context.get("request")
            if request is not None:
                queryset = permissions.restrict(queryset, request.user, "view")
            return self.get_by_attributes(queryset, flatten_lookup(data))
        if isinstance(data, bool):
            self.fail("bad_value", value=data)
        try:
            pk = int(data)
        except (TypeError, ValueError):
            self.fail("bad_value", value=data)
        # One lookup per object and request: a list POST of 50 devices names the same
        # site, role and type 50 times.
        loaded = mutable_context(self.context).setdefault(RELATED_BY_PK_KEY, {})
        key = (queryset.model, pk)
        if key not in loaded:
            try:
                loaded[key] = queryset.get(pk=pk)
            except ObjectDoesNotExist:
                self.fail("does_not_exist", pk=pk)
        return loaded[key]

    def get_by_attributes(self, queryset: Any, params: dict[str, Any]) -> Any:
        if any("\x00" in str(value) for value in params.values()):
            raise serializers.ValidationError("Null characters are not allowed.")
        try:
            # A savepoint: a lookup the database rejects must not abort the request's transaction.
            with transaction.atomic():
                return queryset.get(**params)
        except ObjectDoesNotExist:
            self.fail("no_match", params=params)
        except MultipleObjectsReturned:
            self.fail("multiple", params=params)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(list(exc.messages)) from exc
        except (FieldError, ValueError, TypeError, DatabaseError) as exc:
            raise serializers.ValidationError(str(exc).splitlines()[0]) from exc

    def use_pk_only_optimization(self) -> bool:
        return False

    def to_representation(self, value: Any) -> Any:
        serializer = nested_serializer(
            self.model, self.context, self.nested_fields, self.serializer_class
        )
        return serializer.to_representation(value)

    def get_choices(self, cutoff: int | None = None) -> dict[Any, Any]:
        # Never enumerate a table for OPTIONS or the browsable API.
        return {}


def flatten_lookup(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"site": {"slug": "x"}, "name": "r1"} -> {"site__slug": "x", "name": "r1"}."""
    params: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}__{key}" if prefix else key
        if isinstance(value, dict):
            params.update(flatten_lookup(value, name))
        else:
            params[name] = value
    return params


class ContentTypeField(serializers.Field[Any, Any, Any, Any]):
    """A content type written and read as "app_label.model"."""

    default_error_messages = {
        "invalid": "Invalid value. Specify a content type as '<app_label>.<model_name>'.",
        "not_allowed": "Invalid content type: {value}",
    }

    def __init__(self, allowed: tuple[str, ...] | None = None, **kwargs: Any) -> None:
        self.allowed = allowed
        super().__init__(**kwargs)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data == "":
            data = None
        return super().validate_empty_values(data)

    def to_internal_value(self, data: Any) -> ContentType:
        if not isinstance(data, str) or data.count(".") != 1:
            self.fail("invalid")
        if self.allowed is not None and data.lower() not in self.allowed:
            self.fail("not_allowed", value=data)
        app_label, model = data.lower().split(".")
        try:
            content_type = ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            self.fail("not_allowed", value=data)
        # A type NetBox allows but whose model this installation does not have yet.
        if content_type.model_class() is None:
            self.fail("not_allowed", value=data)
        return content_type

    def get_attribute(self, instance: Any) -> Any:
        # Through ContentType's cache: no query (or join) per row of a list.
        try:
            attname = instance._meta.get_field(self.source).attname
        except (AttributeError, FieldDoesNotExist):
            return super().get_attribute(instance)
        pk = getattr(instance, attname)
        return None if pk is None else ContentType.objects.get_for_id(pk)

    def to_representation(self, value: ContentType) -> str:
        return f"{value.app_label}.{value.model}"


class ContentTypeListField(serializers.ListField):
    """A list of "app_label.model" strings (M2M to ContentType)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=ContentTypeField(), **kwargs)

    def to_representation(self, data: Any) -> list[str]:
        items = data.all() if hasattr(data, "all") else data
        return sorted(f"{ct.app_label}.{ct.model}" for ct in items)


class GenericObjectField(serializers.Field[Any, Any, Any, Any]):
    """A generic relation's target, read as the nested shape of its own type.
    `allowed` ("app_label.model" strings) lets list queries prefetch each type with
    the joins its nested shape needs (see ipamcore.api.queries)."""

    def __init__(self, allowed: tuple[str, ...] = (), **kwargs: Any) -> None:
        self.allowed = allowed
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        try:
            return super().get_attribute(instance)
        except (AttributeError, ObjectDoesNotExist):
            return None

    def to_representation(self, value: Any) -> Any:
        if value is None:
            return None
        return nested_serializer(type(value), self.context).to_representation(value)


class IntegerOrNullField(serializers.IntegerField):
    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data == "":
            data = None
        return super().validate_empty_values(data)

    def run_validation(self, data: Any = empty) -> Any:
        return super().run_validation(data)
