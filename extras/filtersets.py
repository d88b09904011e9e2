from __future__ import annotations

import datetime
import decimal
from typing import Any

import django_filters
from django import forms
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
    NUMBER_LOOKUPS,
    STRING_LOOKUPS,
    BaseFilterSet,
    ContentTypeFilter,
    MultiValueCharFilter,
    MultiValueNumberFilter,
    PrimaryFilterSet,
    RegexField,
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

NULL = object()  # the literal `null`: no value (key missing or JSON null)
STRING_TYPES = (
    CustomFieldTypeChoices.TEXT,
    CustomFieldTypeChoices.LONGTEXT,
    CustomFieldTypeChoices.URL,
    CustomFieldTypeChoices.SELECT,
)
NUMERIC_TYPES = (
    CustomFieldTypeChoices.INTEGER,
    CustomFieldTypeChoices.DECIMAL,
    CustomFieldTypeChoices.DATE,
    CustomFieldTypeChoices.DATETIME,
)
LIST_TYPES = (CustomFieldTypeChoices.MULTISELECT, CustomFieldTypeChoices.MULTIOBJECT)
# How a query value is parsed per type: a bad value is a 400 naming the parameter.
FORM_FIELDS: dict[str, type[forms.Field]] = {
    CustomFieldTypeChoices.INTEGER: forms.IntegerField,
    CustomFieldTypeChoices.DECIMAL: forms.DecimalField,
    CustomFieldTypeChoices.DATE: forms.DateField,
    CustomFieldTypeChoices.DATETIME: forms.DateTimeField,
    CustomFieldTypeChoices.BOOLEAN: forms.NullBooleanField,
    CustomFieldTypeChoices.OBJECT: forms.IntegerField,
    CustomFieldTypeChoices.MULTIOBJECT: forms.IntegerField,
}


class CustomFieldValuesField(forms.Field):
    """Every value of a repeated cf_ parameter, each parsed by `base_field`; `null` kept."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *args: Any, base_field: type[forms.Field], **kwargs: Any) -> None:
        self.base_field = base_field
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list[Any]:
        field = self.base_field(required=False)
        values = [item for item in (value or []) if item not in ("", None)]
        cleaned = [NULL if item == "null" else field.clean(item) for item in values]
        return [item for item in cleaned if item is not None]


class CustomFieldFilter(django_filters.Filter):
    """`cf_<name>[__<lookup>]`: matches one key of custom_field_data, as the JSON type the
    field stores. Repeated values OR; `null` matches objects without a value."""

    field_class = CustomFieldValuesField

    def __init__(self, custom_field: CustomField, lookup: str, exclude: bool = False) -> None:
        self.custom_field = custom_field
        if lookup == "empty":
            base: type[forms.Field] = forms.NullBooleanField
        elif lookup in ("regex", "iregex"):
            base = RegexField
        else:
            base = FORM_FIELDS.get(custom_field.type, forms.CharField)
        super().__init__(
            field_name=f"custom_field_data__{custom_field.name}",
            lookup_expr=lookup,
            exclude=exclude,
            base_field=base,
        )

    def filter(self, qs: QuerySet, value: list[Any]) -> QuerySet:
        if not value:
            return qs
        if self.lookup_expr == "empty":
            return qs.filter(self.no_value()) if value[0] else qs.exclude(self.no_value())
        condition = Q()
        for item in value:
            if item is not NULL:
                condition |= Q(**{f"{self.field_name}__{self.lookup_expr}": self.as_json(item)})
        if self.exclude and condition:
            # Objects without the key have no value to compare: a negation keeps them.
            condition &= Q(**{f"{self.field_name}__isnull": False})
        if NULL in value:
            condition |= self.no_value()
        return qs.exclude(condition) if self.exclude else qs.filter(condition)

    def no_value(self) -> Q:
        return (
            Q(**{f"{self.field_name}__isnull": True})
            | Q(**{self.field_name: None})
            | Q(**{self.field_name: ""})
        )

    def as_json(self, value: Any) -> Any:
        if isinstance(value, decimal.Decimal):
            return float(value)
        if isinstance(value, datetime.date):  # also datetimes: stored as ISO strings
            return value.isoformat()
        if self.custom_field.type in LIST_TYPES and self.lookup_expr == "contains":
            return [value]
        return value


def base_lookup(field: CustomField) -> str:
    if field.type in LIST_TYPES:
        return "contains"
    loose = field.filter_logic == CustomFieldFilterLogicChoices.LOOSE
    if loose and field.type in STRING_TYPES and field.type != CustomFieldTypeChoices.SELECT:
        return "icontains"
    return "exact"


def lookups_for(field: CustomField) -> dict[str, str]:
    """The suffixes a custom field's filter gets, like the model field of the same kind."""
    if field.type in STRING_TYPES:
        return STRING_LOOKUPS
    if field.type in NUMERIC_TYPES:
        return NUMBER_LOOKUPS
    return {"n": base_lookup(field), "empty": "empty"}


def custom_field_filters(model: type[models.Model], data: Any) -> dict[str, Any]:
    """cf_<name> and its suffixed variants, for the custom fields named in this request."""
    names = {
        key.removeprefix("cf_").split("__")[0] for key in (data or {}) if key.startswith("cf_")
    }
    if not names:
        return {}
    content_type = ContentType.objects.get_for_model(model)
    fields = (
        CustomField.objects.filter(object_types=content_type, name__in=names)
        .exclude(filter_logic=CustomFieldFilterLogicChoices.DISABLED)
        .exclude(type=CustomFieldTypeChoices.JSON)
    )
    filters: dict[str, Any] = {}
    for field in fields:
        filters[f"cf_{field.name}"] = CustomFieldFilter(field, base_lookup(field))
        for suffix, lookup in lookups_for(field).items():
            negated = suffix.startswith("n") and lookup != "empty"
            filters[f"cf_{field.name}__{suffix}"] = CustomFieldFilter(field, lookup, negated)
    return filters
