from __future__ import annotations

import strawberry
import strawberry_django

from ipamcore.graphql.fields import list_field
from users.graphql.types import GroupType, ObjectPermissionType, UserType


@strawberry.type(name="Query")
class UsersQuery:
    group: GroupType = strawberry_django.field()
    group_list: list[GroupType] = list_field()
    object_permission: ObjectPermissionType = strawberry_django.field()
    object_permission_list: list[ObjectPermissionType] = list_field()
    user: UserType = strawberry_django.field()
    user_list: list[UserType] = list_field()
