from __future__ import annotations

from typing import Any

from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from extras import webhooks
from extras.choices import EventTypeChoices, WebhookHttpMethodChoices
from extras.models import (
    CustomField,
    CustomFieldChoiceSet,
    EventRule,
    JournalEntry,
    Tag,
    Webhook,
    WebhookDelivery,
)
from ipamcore.api.exceptions import ConflictError
from ipamcore.api.fields import (
    ContentTypeField,
    ContentTypeListField,
    GenericObjectField,
    RelatedField,
)
from ipamcore.api.serializers import BaseModelSerializer, PrimaryModelSerializer
from ipamcore.api.viewsets import ReadOnlyViewSet
from users.models import User


class TagSerializer(BaseModelSerializer):
    object_types = ContentTypeListField(required=False)
    tagged_items = serializers.IntegerField(read_only=True)
    changelog_message = serializers.CharField(required=False, write_only=True, max_length=200)

    class Meta:
        model = Tag
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "color",
            "description",
            "weight",
            "object_types",
            "tagged_items",
            "created",
            "last_updated",
            "changelog_message",
        )
        brief_fields = ("id", "url", "display", "name", "slug", "color", "description")
        # Tags inside other objects keep display_url (facts §3.2).
        nested_fields = ("id", "url", "display_url", "display", "name", "slug", "color")


class CustomFieldChoiceSetSerializer(BaseModelSerializer):
    extra_choices = serializers.ListField(
        child=serializers.ListField(
            child=serializers.CharField(max_length=100), min_length=2, max_length=2
        ),
        required=False,
    )
    choices_count = serializers.SerializerMethodField()

    class Meta:
        model = CustomFieldChoiceSet
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "description",
            "base_choices",
            "extra_choices",
            "order_alphabetically",
            "choices_count",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "name", "description", "choices_count")

    def get_choices_count(self, obj: CustomFieldChoiceSet) -> int:
        return len(obj.extra_choices or [])


class CustomFieldSerializer(BaseModelSerializer):
    object_types = ContentTypeListField()
    related_object_type = ContentTypeField(required=False, allow_null=True)
    data_type = serializers.CharField(read_only=True)
    choice_set = RelatedField(CustomFieldChoiceSet, required=False, allow_null=True)

    class Meta:
        model = CustomField
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "object_types",
            "type",
            "related_object_type",
            "data_type",
            "name",
            "label",
            "group_name",
            "description",
            "required",
            "unique",
            "search_weight",
            "filter_logic",
            "ui_visible",
            "ui_editable",
            "is_cloneable",
            "default",
            "related_object_filter",
            "weight",
            "validation_minimum",
            "validation_maximum",
            "validation_regex",
            "choice_set",
            "comments",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "name", "description")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and "type" in attrs and attrs["type"] != self.instance.type:
            raise serializers.ValidationError(
                {"type": "Changing the type of custom fields is not supported."}
            )
        return super().validate(attrs)


# --- event rules and webhooks --------------------------------------------------------


class WebhookSerializer(PrimaryModelSerializer):
    # A plain string on the wire, not {value,label} (facts §3.4).
    http_method = serializers.ChoiceField(choices=WebhookHttpMethodChoices.choices, required=False)

    class Meta:
        model = Webhook
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "description",
            "payload_url",
            "http_method",
            "http_content_type",
            "additional_headers",
            "body_template",
            "secret",
            "ssl_verification",
            "ca_file_path",
            "custom_fields",
            "tags",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "name", "description")


class EventRuleSerializer(PrimaryModelSerializer):
    object_types = ContentTypeListField()
    # Plain strings on the wire (facts §3.4).
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EventTypeChoices.choices), allow_empty=False
    )
    conditions = serializers.JSONField(required=False, allow_null=True)
    action_object_type = ContentTypeField()
    action_object = GenericObjectField()

    class Meta:
        model = EventRule
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "object_types",
            "name",
            "enabled",
            "event_types",
            "conditions",
            "action_type",
            "action_object_type",
            "action_object_id",
            "action_object",
            "description",
            "custom_fields",
            "tags",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "name", "description")


class WebhookDeliverySerializer(BaseModelSerializer):
    object_type = ContentTypeField(read_only=True)
    webhook = RelatedField(Webhook, read_only=True)
    event_rule = RelatedField(EventRule, read_only=True)
    event_type = serializers.CharField(read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "event_id",
            "event_type",
            "object_type",
            "object_id",
            "webhook",
            "event_rule",
            "status",
            "attempts",
            "created",
            "next_attempt_at",
            "finished_at",
            "response_status",
            "last_error",
            "payload",
        )
        brief_fields = ("id", "url", "display", "event_id", "status")


class WebhookDeliveryViewSet(ReadOnlyViewSet):
    """Read-only, plus `POST {id}/replay/` and `POST replay/` (a list of {"id": N})."""

    http_method_names = ["get", "head", "options", "post"]
    # Replaying changes a delivery: the actions below set "change" (ipamcore.api.permissions).
    permission_action: str | None = None

    @action(detail=True, methods=["post"], permission_action="change")
    def replay(self, request: Request, pk: Any = None) -> Response:
        delivery = self.get_object()
        if webhooks.replay([delivery.pk]) == 0:
            raise ConflictError("Only delivered or failed deliveries can be replayed.")
        return Response(self.represent([delivery], many=False))

    @action(detail=False, methods=["post"], url_path="replay", permission_action="change")
    def replay_many(self, request: Request) -> Response:
        ids = [item["id"] for item in self.bulk_items(request)]
        visible = list(self.get_queryset().filter(pk__in=ids).values_list("pk", flat=True))
        count = webhooks.replay(visible)
        return Response({"replayed": count}, status=status.HTTP_200_OK)


# --- journal -------------------------------------------------------------------------


class JournalEntrySerializer(PrimaryModelSerializer):
    assigned_object_type = ContentTypeField()
    assigned_object = GenericObjectField()
    created_by = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = JournalEntry
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "assigned_object_type",
            "assigned_object_id",
            "assigned_object",
            "created",
            "created_by",
            "kind",
            "comments",
            "tags",
            "custom_fields",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "created")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            attrs.pop("created_by", None)  # set once, by whoever wrote the entry
        elif "created_by" not in attrs:
            request = self.context.get("request")
            user = getattr(request, "user", None)
            attrs["created_by"] = user if getattr(user, "is_authenticated", False) else None
        return super().validate(attrs)
