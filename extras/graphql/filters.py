from __future__ import annotations

import strawberry_django

from extras.models import Tag
from ipamcore.graphql.filters import (
    ChangeLoggedFilterMixin,
    ComparisonFilterLookup,
    StrFilterLookup,
)


@strawberry_django.filter_type(Tag, lookups=True)
class TagFilter(ChangeLoggedFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    slug: StrFilterLookup | None = strawberry_django.filter_field()
    color: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()
    weight: ComparisonFilterLookup[int] | None = strawberry_django.filter_field()
