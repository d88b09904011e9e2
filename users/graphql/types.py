"""Users, groups and object permissions. No secrets: password hashes and API tokens are
not in the schema at all (tokens are managed through the REST API, which shows a token's
plaintext once)."""

from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from django.contrib.auth.models import Group
from strawberry.scalars import JSON

from ipamcore.graphql.types import ObjectType
from users.graphql.filters import GroupFilter, ObjectPermissionFilter, UserFilter
from users.models import ObjectPermission, User

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


@strawberry_django.type(
    ObjectPermission,
    fields=["name", "description", "enabled", "actions"],
    filters=ObjectPermissionFilter,
    pagination=True,
)
class ObjectPermissionType(ObjectType):
    constraints: JSON | None
    users: list[UserType]
    groups: list[GroupType]

    @strawberry_django.field(prefetch_related=["object_types"])
    def object_types(self, root: ObjectPermission) -> list[str]:
        return sorted(f"{ct.app_label}.{ct.model}" for ct in root.object_types.all())
