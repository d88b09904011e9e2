"""Config contexts on the wire: the ConfigContext object itself, and the merged
`config_context` a device or virtual machine shows (computed for a whole page at once)."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from extras.models import ConfigContext, Tag
from extras.services import config_contexts_for
from ipamcore.api.serializers import BaseListSerializer, BaseModelSerializer

# Where a serializer keeps the page's merged contexts, keyed by object pk.
CACHE_KEY = "_config_contexts"


@extend_schema_field(OpenApiTypes.OBJECT)
class RenderedConfigContextField(serializers.Field):
    """The object's merged config context (read-only). Inside a list, the list serializer
    has already computed the page's contexts; alone, the object's own are computed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, Any]:
        context = cast(dict[str, Any], self.context)
        cache = context.setdefault(CACHE_KEY, {})
        if value.pk not in cache:
            cache.update(config_contexts_for([value]))
        return cache[value.pk]  # type: ignore[no-any-return]


class ConfigContextListSerializer(BaseListSerializer):
    """Merges the config contexts of the whole page in a fixed number of queries."""

    def to_representation(self, data: Any) -> list[Any]:
        instances = list(data.all() if hasattr(data, "all") else data)
        child = cast(BaseModelSerializer, self.child)
        if "config_context" in child.fields:
            context = cast(dict[str, Any], child.context)
            context.setdefault(CACHE_KEY, {}).update(config_contexts_for(instances))
        return super().to_representation(instances)


class ConfigContextExclusionMixin:
    """`?exclude=config_context` drops the field, and with it the merge work."""

    def selected_field_names(self) -> tuple[str, ...]:
        names: tuple[str, ...] = super().selected_field_names()  # type: ignore[misc]
        query = self.query_params()  # type: ignore[attr-defined]
        if query is not None and "config_context" in query.get("exclude", ""):
            names = tuple(name for name in names if name != "config_context")
        return names


class TagSlugField(serializers.SlugRelatedField):
    """A config context's tags: a list of slugs, not tag objects (NetBox's shape)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="slug", queryset=Tag.objects.all(), **kwargs)


ASSIGNMENT_MODELS = {
    "regions": "dcim.Region",
    "site_groups": "dcim.SiteGroup",
    "sites": "dcim.Site",
    "locations": "dcim.Location",
    "device_types": "dcim.DeviceType",
    "roles": "dcim.DeviceRole",
    "platforms": "dcim.Platform",
    "cluster_types": "virtualization.ClusterType",
    "cluster_groups": "virtualization.ClusterGroup",
    "clusters": "virtualization.Cluster",
    "tenant_groups": "tenancy.TenantGroup",
    "tenants": "tenancy.Tenant",
}


class ConfigContextSerializer(BaseModelSerializer):
    tags = TagSlugField(many=True, required=False)

    class Meta:
        model = ConfigContext
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "weight",
            "description",
            "is_active",
            *ASSIGNMENT_MODELS,
            "tags",
            "data",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "name", "description")

    def save_relations(self, instance: Any, relations: dict[str, Any]) -> None:
        # `tags` here is the model's own many-to-many, not the tagging of tagged models.
        for name, value in relations.items():
            if name in ("tags", *ASSIGNMENT_MODELS):
                getattr(instance, name).set(value)
