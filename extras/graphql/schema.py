from __future__ import annotations

import strawberry
import strawberry_django

from extras.graphql.types import TagType
from ipamcore.graphql.fields import list_field


@strawberry.type(name="Query")
class ExtrasQuery:
    tag: TagType = strawberry_django.field()
    tag_list: list[TagType] = list_field()
