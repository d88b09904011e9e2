from __future__ import annotations

import strawberry
import strawberry_django

from extras.graphql.types import (
    ConfigContextType,
    CustomFieldChoiceSetType,
    CustomFieldType,
    EventRuleType,
    JournalEntryType,
    TagType,
    WebhookDeliveryType,
    WebhookType,
)
from ipamcore.graphql.fields import list_field


@strawberry.type(name="Query")
class ExtrasQuery:
    config_context: ConfigContextType = strawberry_django.field()
    config_context_list: list[ConfigContextType] = list_field()
    custom_field: CustomFieldType = strawberry_django.field()
    custom_field_list: list[CustomFieldType] = list_field()
    custom_field_choice_set: CustomFieldChoiceSetType = strawberry_django.field()
    custom_field_choice_set_list: list[CustomFieldChoiceSetType] = list_field()
    event_rule: EventRuleType = strawberry_django.field()
    event_rule_list: list[EventRuleType] = list_field()
    journal_entry: JournalEntryType = strawberry_django.field()
    journal_entry_list: list[JournalEntryType] = list_field()
    tag: TagType = strawberry_django.field()
    tag_list: list[TagType] = list_field()
    webhook: WebhookType = strawberry_django.field()
    webhook_list: list[WebhookType] = list_field()
    webhook_delivery: WebhookDeliveryType = strawberry_django.field()
    webhook_delivery_list: list[WebhookDeliveryType] = list_field()
