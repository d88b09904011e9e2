from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from extras.choices import CustomFieldFilterLogicChoices, CustomFieldTypeChoices
from extras.models import (
    CustomField,
    CustomFieldChoiceSet,
    EventRule,
    JournalEntry,
    Tag,
    Webhook,
    WebhookDelivery,
)
from ipamcore.filtersets import (
    BaseFilterSet,
    ContentTypeFilter,
    MultiValueCharFilter,
    MultiValueFilter,
    MultiValueNumberFilter,
    PrimaryFilterSet,
)


class TagFilterSet(BaseFilterSet):
    object_types = ContentTypeFilter()
    content_type = django_filters.CharFilter(method="filter_content_type")
    content_type_id = MultiValueNumberFilter(method="filter_content_type_id")
    search_fields = ("name", "slug", "description")

    class Meta:
        model = Tag
        fields = ("id", "name", "slug", "color", "weight", "description")

    def filter_content_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        app_label, _, model = value.lower().partition(".")
        return queryset.filter(
            items__content_type__app_label=app_label, items__content_type__model=model
        ).distinct()

    def filter_content_type_id(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        return queryset.filter(items__content_type_id__in=value).distinct() if value else queryset


class CustomFieldChoiceSetFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = CustomFieldChoiceSet
        fields = ("id", "name", "description", "base_choices", "order_alphabetically")


class CustomFieldFilterSet(BaseFilterSet):
    object_type = ContentTypeFilter(field_name="object_types")
    object_type_id = MultiValueNumberFilter(field_name="object_types")
    related_object_type = ContentTypeFilter()
    related_object_type_id = MultiValueNumberFilter(field_name="related_object_type")
    choice_set_id = MultiValueNumberFilter(field_name="choice_set")
    choice_set = MultiValueCharFilter(field_name="choice_set__name")
    search_fields = ("name", "label", "group_name", "description", "comments")

    class Meta:
        model = CustomField
        fields = (
            "id",
            "name",
            "label",
            "group_name",
            "type",
            "required",
            "unique",
            "search_weight",
            "filter_logic",
            "ui_visible",
            "ui_editable",
            "weight",
            "is_cloneable",
            "description",
            "validation_minimum",
            "validation_maximum",
            "validation_regex",
        )


class WebhookFilterSet(PrimaryFilterSet):
    payload_url = MultiValueCharFilter(lookup_expr="icontains")
    search_fields = ("name", "description", "payload_url")

    class Meta:
        model = Webhook
        fields = (
            "id",
            "name",
            "http_method",
            "http_content_type",
            "secret",
            "ssl_verification",
            "ca_file_path",
            "description",
        )


class EventTypeFilter(MultiValueCharFilter):
    """`event_type=a&event_type=b`: rules handling any of them."""

    def filter(self, qs: QuerySet, value: list[Any]) -> QuerySet:
        if not value:
            return qs
        return qs.filter(event_types__overlap=value)


class EventRuleFilterSet(PrimaryFilterSet):
    object_type_id = MultiValueNumberFilter(field_name="object_types")
    object_type = ContentTypeFilter(field_name="object_types")
    event_type = EventTypeFilter()
    action_object_type = ContentTypeFilter()
    action_object_id = MultiValueNumberFilter()
    search_fields = ("name", "description", "comments")

    class Meta:
        model = EventRule
        fields = ("id", "name", "enabled", "action_type", "description")


class WebhookDeliveryFilterSet(BaseFilterSet):
    object_type = ContentTypeFilter()
    object_type_id = MultiValueNumberFilter(field_name="object_type")
    webhook_id = MultiValueNumberFilter(field_name="webhook")
    webhook = MultiValueCharFilter(field_name="webhook__name")
    event_rule_id = MultiValueNumberFilter(field_name="event_rule")

    class Meta:
        model = WebhookDelivery
        fields = (
            "id",
            "event_id",
            "event_type",
            "object_id",
            "status",
            "attempts",
            "created",
            "finished_at",
            "response_status",
        )


class JournalEntryFilterSet(PrimaryFilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created", lookup_expr="lte")
    assigned_object_type = ContentTypeFilter()
    assigned_object_type_id = MultiValueNumberFilter(field_name="assigned_object_type")
    created_by_id = MultiValueNumberFilter(field_name="created_by")
    created_by = MultiValueCharFilter(field_name="created_by__username")
    description = None  # type: ignore[assignment]  # journal entries have none
    search_fields = ("comments",)

    class Meta:
        model = JournalEntry
        fields = ("id", "assigned_object_id", "kind")


# --- cf_<name> filters on every model with custom fields ------------------------------


class CustomFieldValueFilter(MultiValueFilter):
    """Matches a key of custom_field_data; `null` matches a missing or null value."""

    def filter(self, qs: QuerySet, value: list[Any]) -> QuerySet:
        if not value:
            return qs
        key = self.field_name.removeprefix("custom_field_data__")
        if self.lookup_expr == "empty":
            return self.filter_empty(qs, value[0])
        condition = Q()
        for item in value:
            if item == "null":
                condition |= Q(**{f"custom_field_data__{key}__isnull": True})
            else:
                condition |= Q(**{f"{self.field_name}__{self.lookup_expr}": item})
        return qs.exclude(condition) if self.exclude else qs.filter(condition)

    def filter_empty(self, qs: QuerySet, value: Any) -> QuerySet:
        key = self.field_name.removeprefix("custom_field_data__")
        empty = Q(**{f"custom_field_data__{key}__isnull": True}) | Q(
            **{f"custom_field_data__{key}": ""}
        )
        truthy = str(value).lower() in ("true", "1")
        return qs.filter(empty) if truthy else qs.exclude(empty)


def cf_lookup(field: CustomField) -> str:
    text_types = (
        CustomFieldTypeChoices.TEXT,
        CustomFieldTypeChoices.LONGTEXT,
        CustomFieldTypeChoices.URL,
    )
    if field.type in text_types and field.filter_logic == CustomFieldFilterLogicChoices.LOOSE:
        return "icontains"
    if field.type in (CustomFieldTypeChoices.MULTISELECT, CustomFieldTypeChoices.MULTIOBJECT):
        return "contains"
    return "exact"


def cf_value(field: CustomField, raw: str) -> Any:
    """Query values arrive as strings; compare them as the JSON type the field stores."""
    if raw == "null":
        return raw
    try:
        if field.type in (CustomFieldTypeChoices.INTEGER, CustomFieldTypeChoices.OBJECT):
            return int(raw)
        if field.type == CustomFieldTypeChoices.DECIMAL:
            return float(raw)
        if field.type == CustomFieldTypeChoices.BOOLEAN:
            return raw.lower() in ("true", "1")
        if field.type == CustomFieldTypeChoices.MULTIOBJECT:
            return [int(raw)]
        if field.type == CustomFieldTypeChoices.MULTISELECT:
            return [raw]
    except ValueError:
        return raw
    return raw


def custom_field_filters(model: type[models.Model], data: Any) -> dict[str, Any]:
    """cf_<name> (and its __empty/__n/numeric variants) for the parameters in this request."""
    names = {
        key.removeprefix("cf_").split("__")[0] for key in (data or {}) if key.startswith("cf_")
    }
    if not names:
        return {}
    content_type = ContentType.objects.get_for_model(model)
    fields = CustomField.objects.filter(object_types=content_type, name__in=names).exclude(
        filter_logic=CustomFieldFilterLogicChoices.DISABLED
    )
    filters: dict[str, Any] = {}
    numeric = (
        CustomFieldTypeChoices.INTEGER,
        CustomFieldTypeChoices.DECIMAL,
        CustomFieldTypeChoices.DATE,
        CustomFieldTypeChoices.DATETIME,
    )
    for field in fields:
        path = f"custom_field_data__{field.name}"
        filters[f"cf_{field.name}"] = TypedCustomFieldFilter(field, path, cf_lookup(field))
        filters[f"cf_{field.name}__empty"] = CustomFieldValueFilter(
            field_name=path, lookup_expr="empty"
        )
        filters[f"cf_{field.name}__n"] = TypedCustomFieldFilter(field, path, "exact", exclude=True)
        if field.type in numeric:
            for suffix in ("lt", "lte", "gt", "gte"):
                filters[f"cf_{field.name}__{suffix}"] = TypedCustomFieldFilter(field, path, suffix)
    return filters


class TypedCustomFieldFilter(CustomFieldValueFilter):
    def __init__(self, field: CustomField, path: str, lookup: str, exclude: bool = False) -> None:
        self.custom_field = field
        super().__init__(field_name=path, lookup_expr=lookup, exclude=exclude)

    def filter(self, qs: QuerySet, value: list[Any]) -> QuerySet:
        return super().filter(qs, [cf_value(self.custom_field, item) for item in value or []])
