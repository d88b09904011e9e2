from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import Q
from strawberry import ID

from extras.choices import (
    CustomFieldFilterLogicChoices,
    CustomFieldTypeChoices,
    DeliveryStatusChoices,
    EventRuleActionChoices,
    JournalEntryKindChoices,
    WebhookHttpMethodChoices,
)
from extras.models import (
    ConfigContext,
    CustomField,
    CustomFieldChoiceSet,
    EventRule,
    JournalEntry,
    Tag,
    Webhook,
    WebhookDelivery,
)
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    BaseFilterMixin,
    ChangeLoggedFilterMixin,
    ComparisonFilterLookup,
    DatetimeFilterLookup,
    PrimaryFilterMixin,
    StrFilterLookup,
    choices_enum,
)

CustomFieldTypeEnum = choices_enum(CustomFieldTypeChoices, "type")
CustomFieldFilterLogicEnum = choices_enum(CustomFieldFilterLogicChoices, "filter_logic")
WebhookHttpMethodEnum = choices_enum(WebhookHttpMethodChoices, "http_method")
EventRuleActionEnum = choices_enum(EventRuleActionChoices, "action_type")
JournalEntryKindEnum = choices_enum(JournalEntryKindChoices, "kind")
DeliveryStatusEnum = choices_enum(DeliveryStatusChoices, "status")


def object_type_q(path: str, value: str) -> Q:
    """`value` is "app_label.model", as the REST API names object types."""
    app_label, _, model = value.partition(".")
    return Q(**{f"{path}__app_label": app_label, f"{path}__model": model})


@strawberry_django.filter_type(Tag, lookups=True)
class TagFilter(ChangeLoggedFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    slug: StrFilterLookup | None = strawberry_django.filter_field()
    color: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()
    weight: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description='Tags allowed on this object type ("dcim.site").')
    def for_object_type(self, value: str, prefix: str) -> Q:
        return object_type_q(f"{prefix}object_types", value) | Q(
            **{f"{prefix}object_types__isnull": True}
        )


@strawberry_django.filter_type(CustomFieldChoiceSet, lookups=True)
class CustomFieldChoiceSetFilter(ChangeLoggedFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()
    order_alphabetically: BaseFilterLookup[bool] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(CustomField, lookups=True)
class CustomFieldFilter(ChangeLoggedFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    label: StrFilterLookup | None = strawberry_django.filter_field()
    group_name: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()
    type: BaseFilterLookup[CustomFieldTypeEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    filter_logic: BaseFilterLookup[CustomFieldFilterLogicEnum] | None = (  # type: ignore[valid-type]
        strawberry_django.filter_field()
    )
    required: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    weight: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()
    choice_set: (
        Annotated[CustomFieldChoiceSetFilter, strawberry.lazy("extras.graphql.filters")] | None
    ) = strawberry_django.filter_field()

    @strawberry_django.filter_field(
        description='Fields defined for this object type ("dcim.site").'
    )
    def object_type(self, value: str, prefix: str) -> Q:
        return object_type_q(f"{prefix}object_types", value)


@strawberry_django.filter_type(Webhook, lookups=True)
class WebhookFilter(PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    payload_url: StrFilterLookup | None = strawberry_django.filter_field()
    http_method: BaseFilterLookup[WebhookHttpMethodEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    ssl_verification: BaseFilterLookup[bool] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(EventRule, lookups=True)
class EventRuleFilter(PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    enabled: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    action_type: BaseFilterLookup[EventRuleActionEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    action_object_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description='Rules for this object type ("dcim.site").')
    def object_type(self, value: str, prefix: str) -> Q:
        return object_type_q(f"{prefix}object_types", value)


@strawberry_django.filter_type(WebhookDelivery, lookups=True)
class WebhookDeliveryFilter(BaseFilterMixin):
    status: BaseFilterLookup[DeliveryStatusEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    event_type: StrFilterLookup | None = strawberry_django.filter_field()
    webhook_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    event_rule_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    object_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    created: DatetimeFilterLookup | None = strawberry_django.filter_field()
    attempts: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(JournalEntry, lookups=True)
class JournalEntryFilter(ChangeLoggedFilterMixin):
    kind: BaseFilterLookup[JournalEntryKindEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    comments: StrFilterLookup | None = strawberry_django.filter_field()
    assigned_object_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    created_by_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description='Entries on objects of this type ("dcim.site").')
    def assigned_object_type(self, value: str, prefix: str) -> Q:
        return object_type_q(f"{prefix}assigned_object_type", value)


@strawberry_django.filter_type(ConfigContext, lookups=True)
class ConfigContextFilter(ChangeLoggedFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()
    is_active: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    weight: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()
