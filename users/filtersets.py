from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.models import Group
from django.db.models import QuerySet

from ipamcore.filtersets import (
    BaseFilterSet,
    ContentTypeFilter,
    MultiValueCharFilter,
    MultiValueNumberFilter,
)
from users.models import ObjectPermission, Token, User


class UserFilterSet(BaseFilterSet):
    group_id = MultiValueNumberFilter(field_name="groups")
    group = MultiValueCharFilter(field_name="groups__name")
    permission_id = MultiValueNumberFilter(field_name="object_permissions")
    search_fields = ("username", "first_name", "last_name", "email")

    class Meta:
        model = User
        fields = (
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "date_joined",
            "last_login",
            "is_active",
            "is_superuser",
        )


class GroupFilterSet(BaseFilterSet):
    user_id = MultiValueNumberFilter(field_name="user")
    permission_id = MultiValueNumberFilter(field_name="object_permissions")
    search_fields = ("name",)

    class Meta:
        model = Group
        fields = ("id", "name")


class TokenFilterSet(BaseFilterSet):
    user_id = MultiValueNumberFilter(field_name="user")
    user = MultiValueCharFilter(field_name="user__username")
    search_fields = ("key", "user__username", "description")

    class Meta:
        model = Token
        fields = (
            "id",
            "version",
            "key",
            "pepper_id",
            "enabled",
            "write_enabled",
            "description",
            "created",
            "expires",
            "last_used",
        )


class ObjectPermissionFilterSet(BaseFilterSet):
    object_type_id = MultiValueNumberFilter(field_name="object_types")
    object_type = ContentTypeFilter(field_name="object_types")
    can_view = django_filters.BooleanFilter(method="filter_action", label="view")
    can_add = django_filters.BooleanFilter(method="filter_action", label="add")
    can_change = django_filters.BooleanFilter(method="filter_action", label="change")
    can_delete = django_filters.BooleanFilter(method="filter_action", label="delete")
    user_id = MultiValueNumberFilter(field_name="users")
    user = MultiValueCharFilter(field_name="users__username")
    group_id = MultiValueNumberFilter(field_name="groups")
    group = MultiValueCharFilter(field_name="groups__name")
    search_fields = ("name", "description")

    class Meta:
        model = ObjectPermission
        fields = ("id", "name", "enabled", "description")

    def filter_action(
        self, queryset: QuerySet[Any], name: str, value: bool | None
    ) -> QuerySet[Any]:
        if value is None:
            return queryset
        action = name.removeprefix("can_")
        if value:
            return queryset.filter(actions__contains=[action])
        return queryset.exclude(actions__contains=[action])
