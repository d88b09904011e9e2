from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.contrib.auth.models import Group

from ipamcore.graphql.filters import (
    BaseFilterLookup,
    BaseFilterMixin,
    DatetimeFilterLookup,
    StrFilterLookup,
)
from users.models import ObjectPermission, User


@strawberry_django.filter_type(Group, lookups=True)
class GroupFilter(BaseFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry_django.filter_type(User, lookups=True)
class UserFilter(BaseFilterMixin):
    username: StrFilterLookup | None = strawberry_django.filter_field()
    first_name: StrFilterLookup | None = strawberry_django.filter_field()
    last_name: StrFilterLookup | None = strawberry_django.filter_field()
    email: StrFilterLookup | None = strawberry_django.filter_field()
    is_active: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    is_staff: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    is_superuser: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
    date_joined: DatetimeFilterLookup | None = strawberry_django.filter_field()
    last_login: DatetimeFilterLookup | None = strawberry_django.filter_field()
    groups: Annotated[GroupFilter, strawberry.lazy("users.graphql.filters")] | None = (
        strawberry_django.filter_field()
    )


@strawberry_django.filter_type(ObjectPermission, lookups=True)
class ObjectPermissionFilter(BaseFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    description: StrFilterLookup | None = strawberry_django.filter_field()
    enabled: BaseFilterLookup[bool] | None = strawberry_django.filter_field()
