"""Tags on any primary model: written as ids or attribute dicts, read nested."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from rest_framework import serializers

from ipamcore.api.exceptions import AbortRequest
from ipamcore.api.fields import RelatedField, nested_serializer

TAG_PREFETCH_ATTR = "prefetched_tag_items"


class TagListField(serializers.ListField):
    def __init__(self, **kwargs: Any) -> None:
        from extras.models import Tag

        kwargs.setdefault("child", RelatedField(Tag))
        super().__init__(**kwargs)

    def get_attribute(self, instance: models.Model) -> list[Any]:
        # Served from the prefetch the viewset sets up (ipamcore.api.queries): no query
        # per object. It lands in a plain attribute because Django builds a related
        # manager per object for a cached generic relation, which costs more than the read.
        items = getattr(instance, TAG_PREFETCH_ATTR, None)
        if items is None:
            items = instance.tagged_items.select_related("tag")
        return [item.tag for item in items]

    def to_representation(self, data: list[Any]) -> list[dict[str, Any]]:
        from extras.models import Tag

        serializer = nested_serializer(Tag, self.context)
        return [serializer.to_representation(tag) for tag in data]

    def to_internal_value(self, data: Any) -> list[Any]:
        tags = super().to_internal_value(data)
        model = self.parent.Meta.model
        content_type = ContentType.objects.get_for_model(model)
        for tag in tags:
            allowed = list(tag.object_types.all())
            if allowed and content_type not in allowed:
                # NetBox refuses the whole request here (400 {"detail": ...}), not the field.
                raise AbortRequest(
                    f"Tag {tag} cannot be assigned to {model._meta.model_name} objects."
                )
        return list({tag.pk: tag for tag in tags}.values())


def save_tags(
    instance: models.Model,
    tags: list[Any] | None,
    add: list[Any] | None,
    remove: list[Any] | None,
) -> None:
    """Replace (tags) or adjust (add/remove) the tag set of one saved object."""
    from extras.models import TaggedItem

    content_type = ContentType.objects.get_for_model(type(instance))
    items = TaggedItem.objects.filter(content_type=content_type, object_id=instance.pk)
    current = set(items.values_list("tag_id", flat=True))
    if tags is not None:
        wanted = {tag.pk for tag in tags}
    else:
        wanted = (current | {tag.pk for tag in add or []}) - {tag.pk for tag in remove or []}
    if current - wanted:
        items.filter(tag_id__in=current - wanted).delete()
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(tag_id=pk, content_type=content_type, object_id=instance.pk)
            for pk in wanted - current
        ]
    )
    # Drop the stale prefetch so the response shows the new set.
    instance.__dict__.pop(TAG_PREFETCH_ATTR, None)
