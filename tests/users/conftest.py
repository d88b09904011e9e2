"""Helpers shared by the object-permission tests."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient

from tests.conftest import client_for, make_token
from users.models import ObjectPermission, User


def grant(
    *holders: User | Group,
    types: list[str],
    actions: list[str],
    constraints: Any = None,
    enabled: bool = True,
    name: str = "",
) -> ObjectPermission:
    """An object permission on "app.model" types, assigned to users and groups."""
    permission = ObjectPermission.objects.create(
        name=name or f"{'/'.join(actions)} {'/'.join(types)}",
        actions=actions,
        constraints=constraints,
        enabled=enabled,
    )
    for label in types:
        app_label, model = label.split(".")
        permission.object_types.add(ContentType.objects.get_by_natural_key(app_label, model))
    for holder in holders:
        if isinstance(holder, Group):
            permission.groups.add(holder)
        else:
            permission.users.add(holder)
    return permission


def plain_user(username: str) -> User:
    return User.objects.create_user(username, password="user-password-123")


def client_of(user: User) -> APIClient:
    return client_for(make_token(user))
