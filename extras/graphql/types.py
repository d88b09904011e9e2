from __future__ import annotations

import strawberry_django

from extras.graphql.filters import TagFilter
from extras.models import Tag
from ipamcore.graphql.types import ChangeLoggedObjectType


@strawberry_django.type(
    Tag,
    fields=["name", "slug", "color", "description", "weight"],
    filters=TagFilter,
    pagination=True,
)
class TagType(ChangeLoggedObjectType):
    pass
