"""Users and groups. No secrets: password hashes and API tokens are not in the schema at
all (tokens are managed through the REST API, which shows a token's plaintext once)."""

from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.contrib.auth.models import Group

from ipamcore.graphql.types import ObjectType
from users.graphql.filters import GroupFilter, UserFilter
from users.models import User

USERS = strawberry.lazy("users.graphql.types")


@strawberry_django.type(
    User,
    fields=[
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
    ],
    filters=UserFilter,
    pagination=True,
)
class UserType(ObjectType):
    groups: list[Annotated[GroupType, USERS]]


@strawberry_django.type(Group, fields=["name"], filters=GroupFilter, pagination=True)
class GroupType(ObjectType):
    # Defined after UserType: an explicit field resolves its type while the class is built.
    users: list[UserType] = strawberry_django.field(field_name="user_set")
