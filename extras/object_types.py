from typing import Any

from django.db.models import Count

from dcim.models import Site
from extras.api import (
    CustomFieldChoiceSetSerializer,
    CustomFieldSerializer,
    EventRuleSerializer,
    JournalEntrySerializer,
    TagSerializer,
    WebhookDeliverySerializer,
    WebhookDeliveryViewSet,
    WebhookSerializer,
)
from extras.api_contexts import ConfigContextSerializer
from extras.filtersets import (
    CustomFieldChoiceSetFilterSet,
    CustomFieldFilterSet,
    EventRuleFilterSet,
    JournalEntryFilterSet,
    TagFilterSet,
    WebhookDeliveryFilterSet,
    WebhookFilterSet,
)
from extras.filtersets_contexts import ConfigContextFilterSet
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
from ipamcore.registry import ObjectType


def event_rule_example(n: int) -> dict[str, Any]:
    webhook = Webhook.objects.get(name="Conformance webhook")
    return {
        "name": f"Rule {n}",
        "object_types": ["dcim.site"],
        "event_types": ["object_created", "object_updated"],
        "conditions": {"and": [{"attr": "status.value", "value": "active"}]},
        "action_type": "webhook",
        "action_object_type": "extras.webhook",
        "action_object_id": webhook.pk,
    }


def journal_entry_example(n: int) -> dict[str, Any]:
    site = Site.objects.get(slug="conformance-site")
    return {
        "assigned_object_type": "dcim.site",
        "assigned_object_id": site.pk,
        "kind": "warning",
        "comments": f"Entry {n}",
    }


OBJECT_TYPES = [
    ObjectType(
        model=Tag,
        path="tags",
        serializer=TagSerializer,
        filterset=TagFilterSet,
        queryset=lambda: Tag.objects.annotate(tagged_items=Count("items")).prefetch_related(
            "object_types"
        ),
        examples=lambda n: {"name": f"Tag {n}", "slug": f"tag-{n}"},
    ),
    ObjectType(
        model=CustomFieldChoiceSet,
        path="custom-field-choice-sets",
        serializer=CustomFieldChoiceSetSerializer,
        filterset=CustomFieldChoiceSetFilterSet,
        examples=lambda n: {"name": f"Choices {n}", "extra_choices": [["a", "A"], ["b", "B"]]},
    ),
    ObjectType(
        model=CustomField,
        path="custom-fields",
        serializer=CustomFieldSerializer,
        filterset=CustomFieldFilterSet,
        queryset=lambda: CustomField.objects.prefetch_related("object_types"),
        examples=lambda n: {"name": f"field_{n}", "object_types": ["dcim.site"], "type": "text"},
    ),
    ObjectType(
        model=Webhook,
        path="webhooks",
        serializer=WebhookSerializer,
        filterset=WebhookFilterSet,
        examples=lambda n: {
            "name": f"Webhook {n}",
            "payload_url": f"https://hooks.example.com/{n}",
            "http_method": "PUT",
            "body_template": '{"name": "{{ data.name }}"}',
            "secret": "s3cret",
        },
    ),
    ObjectType(
        model=EventRule,
        path="event-rules",
        serializer=EventRuleSerializer,
        filterset=EventRuleFilterSet,
        queryset=lambda: EventRule.objects.prefetch_related("object_types"),
        examples=event_rule_example,
    ),
    ObjectType(
        model=WebhookDelivery,
        path="webhook-deliveries",
        serializer=WebhookDeliverySerializer,
        filterset=WebhookDeliveryFilterSet,
        viewset=WebhookDeliveryViewSet,
    ),
    ObjectType(
        model=JournalEntry,
        path="journal-entries",
        serializer=JournalEntrySerializer,
        filterset=JournalEntryFilterSet,
        examples=journal_entry_example,
    ),
    ObjectType(
        model=ConfigContext,
        path="config-contexts",
        serializer=ConfigContextSerializer,
        filterset=ConfigContextFilterSet,
        examples=lambda n: {
            "name": f"Context {n}",
            "weight": 500 + n,
            "sites": [Site.objects.get(slug="conformance-site").pk],
            "data": {"ntp": [f"192.0.2.{n}"]},
        },
    ),
]
