"""Mixins every GraphQL object type builds on.

Each app's `graphql/types.py` declares `@strawberry_django.type(Model, fields=[...])`
classes that inherit one of these:

- ObjectType: any registered model. `id`, `display`, `class_type`, `url`, `display_url`,
  and the `get_queryset` through
  which every row reaches a client, top level or nested (the optimizer turns each nested
  relation into a prefetch that runs it): ipamcore.permissions.restrict(..., "view").
- ChangeLoggedObjectType: plus `created`, `last_updated`.
- TaggedObjectType: plus `custom_fields` and `tags` (components: no comments).
- PrimaryObjectType: plus `description` and `comments`.
- NestedGroupObjectType: plus `_depth` (the number of ancestors) for trees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, NewType

import strawberry
import strawberry_django
from django.conf import settings
from django.db.models import Model, Prefetch, QuerySet
from strawberry.scalars import JSON
from strawberry.types import Info

from ipamcore import registry
from ipamcore.api.tags import TAG_PREFETCH_ATTR
from ipamcore.permissions import restrict
from ipamcore.querysets import tree_depth

if TYPE_CHECKING:
    from extras.graphql.types import TagType


def request_of(info: Info) -> Any:
    return info.context.request


def user_of(info: Info) -> Any:
    return getattr(request_of(info), "user", None)


def visible[M: Model](queryset: QuerySet[M], info: Info) -> QuerySet[M]:
    """The rows of `queryset` the requesting user may view."""
    return restrict(queryset, user_of(info), "view")


def absolute_url(info: Info, path: str) -> str:
    """scheme://host[/BASE_PATH]/path, like the REST API's `url` fields."""
    request = request_of(info)
    cache = request.__dict__
    base = cache.get("_graphql_base_url")
    if base is None:
        base = request.build_absolute_uri("/").rstrip("/")
        if settings.BASE_PATH:
            base = f"{base}/{settings.BASE_PATH}"
        cache["_graphql_base_url"] = base
    return f"{base}{path}"


def model_of(info: Info) -> type[Model]:
    """The model behind the type that declares the field being resolved."""
    definition = info.schema.get_type_by_name(info._raw_info.parent_type.name)
    origin: Any = getattr(definition, "origin", None)
    return origin.__strawberry_django_definition__.model  # type: ignore[no-any-return]


@strawberry.type
class ObjectType:
    id: strawberry.ID

    @classmethod
    def get_queryset(cls, queryset: QuerySet[Any], info: Info, **kwargs: Any) -> QuerySet[Any]:
        return visible(queryset, info)

    @strawberry_django.field(description="The object's name as the REST API's `display`.")
    def display(self) -> str:
        return str(self)

    @strawberry_django.field(description="The model's class name, e.g. `Interface`.")
    def class_type(self) -> str:
        return type(self).__name__

    @strawberry_django.field(description="The object's REST API URL.")
    def url(self, info: Info) -> str:
        return absolute_url(info, registry.api_url(self))  # type: ignore[arg-type]

    @strawberry_django.field(description="The object's page in the browser UI.")
    def display_url(self, info: Info) -> str:
        return absolute_url(info, registry.ui_url(self))  # type: ignore[arg-type]


@strawberry.type
class ChangeLoggedObjectType(ObjectType):
    created: Any = strawberry_django.field()
    last_updated: Any = strawberry_django.field()


def custom_fields_of(info: Info, model: type[Model]) -> list[Any]:
    """The model's custom fields, fetched once per request."""
    from django.contrib.contenttypes.models import ContentType

    from extras.models import CustomField

    cache = request_of(info).__dict__.setdefault("_graphql_custom_fields", {})
    if model not in cache:
        content_type = ContentType.objects.get_for_model(model)
        cache[model] = list(
            CustomField.objects.filter(object_types=content_type).order_by(
                "group_name", "weight", "name"
            )
        )
    return cache[model]  # type: ignore[no-any-return]


def content_type_label(content_type_id: int | None) -> str | None:
    """ "app_label.model" of a content type, as the REST API names object types (cached:
    no query per row)."""
    if content_type_id is None:
        return None
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def tag_prefetch(info: Info) -> Prefetch[Any, Any, Any]:
    """The tags of every object in one query, limited to tags the user may view."""
    from extras.models import Tag, TaggedItem

    items = TaggedItem.objects.select_related("tag").order_by("tag__weight", "tag__name")
    tags = visible(Tag.objects.all(), info)
    if tags.query.is_empty() or tags.query.where:
        items = items.filter(tag__in=tags)
    return Prefetch("tagged_items", queryset=items, to_attr=TAG_PREFETCH_ATTR)


@strawberry.type
class TaggedObjectType(ChangeLoggedObjectType):
    @strawberry_django.field(
        description="Every custom field defined for the model, by name (stored values).",
        only=["custom_field_data"],
    )
    def custom_fields(self, info: Info) -> JSON:
        data = getattr(self, "custom_field_data", None) or {}
        model: Any = type(self)
        values: Any = {field.name: data.get(field.name) for field in custom_fields_of(info, model)}
        return values  # type: ignore[no-any-return]

    @strawberry_django.field(prefetch_related=[tag_prefetch])
    def tags(self, info: Info) -> list[Annotated[TagType, strawberry.lazy("extras.graphql.types")]]:
        items = getattr(self, TAG_PREFETCH_ATTR, None)
        if items is None:
            # Not prefetched (a resolver that built the object itself): one query, same rule.
            items = tag_prefetch(info).queryset.filter(  # type: ignore[union-attr]
                content_type__app_label=self._meta.app_label,  # type: ignore[attr-defined]
                content_type__model=self._meta.model_name,  # type: ignore[attr-defined]
                object_id=self.pk,  # type: ignore[attr-defined]
            )
        return [item.tag for item in items]


@strawberry.type
class PrimaryObjectType(TaggedObjectType):
    description: str = strawberry_django.field()
    comments: str = strawberry_django.field()


def depth_annotation(info: Info) -> Any:
    return tree_depth(model_of(info))


@strawberry.type
class NestedGroupObjectType(PrimaryObjectType):
    @strawberry_django.field(name="_depth", annotate={"_graphql_depth": depth_annotation})
    def depth(self) -> int:
        """How many ancestors the node has (0 for a root)."""
        return getattr(self, "_graphql_depth", 0)


# Counters, ASNs and speeds pass 2**31 but GraphQL's Int is 32-bit: annotate such fields
# `BigInt` (a JSON number of any size, NetBox's name); schema.py maps it to its scalar.
BigInt = NewType("BigInt", int)
