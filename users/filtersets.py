from __future__ import annotations

from django.contrib.auth.models import Group

from ipamcore.filtersets import BaseFilterSet, MultiValueCharFilter, MultiValueNumberFilter
from users.models import Token, User


class UserFilterSet(BaseFilterSet):
    group_id = MultiValueNumberFilter(field_name="groups")
    group = MultiValueCharFilter(field_name="groups__name")
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
