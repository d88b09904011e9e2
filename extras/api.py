from __future__ import annotations

from typing import Any

from rest_framework import serializers

from extras.models import CustomField, CustomFieldChoiceSet, Tag
from ipamcore.api.fields import ContentTypeField, ContentTypeListField, RelatedField
from ipamcore.api.serializers import BaseModelSerializer


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
