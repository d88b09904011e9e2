"""API of the framework's own models (NetBox's `core` app): the changelog and jobs."""

from __future__ import annotations

from rest_framework import serializers

from ipamcore.api.fields import ContentTypeField, GenericObjectField, RelatedField
from ipamcore.api.serializers import BaseModelSerializer
from ipamcore.models import Job, ObjectChange


class ObjectChangeSerializer(BaseModelSerializer):
    user = RelatedField("users.User", read_only=True)
    changed_object_type = ContentTypeField(read_only=True)
    changed_object = GenericObjectField()
    request_id = serializers.UUIDField(read_only=True)

    class Meta:
        model = ObjectChange
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "time",
            "user",
            "user_name",
            "request_id",
            "action",
            "changed_object_type",
            "changed_object_id",
            "changed_object",
            "object_repr",
            "message",
            "prechange_data",
            "postchange_data",
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "action",
            "changed_object_type",
            "changed_object_id",
            "object_repr",
            "time",
        )


class JobSerializer(BaseModelSerializer):
    object_type = ContentTypeField(read_only=True)
    object = GenericObjectField()
    user = RelatedField("users.User", read_only=True)
    job_id = serializers.UUIDField(read_only=True)

    class Meta:
        model = Job
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "object_type",
            "object_id",
            "object",
            "name",
            "status",
            "created",
            "scheduled",
            "interval",
            "started",
            "completed",
            "user",
            "data",
            "error",
            "job_id",
            "queue_name",
        )
        brief_fields = ("id", "url", "display", "name", "status", "created", "completed", "user")
