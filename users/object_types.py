from django.contrib.auth.models import Group
from django.db.models import Count

from ipamcore.registry import ObjectType
from users.api import (
    GroupSerializer,
    ObjectPermissionSerializer,
    TokenSerializer,
    TokenViewSet,
    UserSerializer,
)
from users.filtersets import (
    GroupFilterSet,
    ObjectPermissionFilterSet,
    TokenFilterSet,
    UserFilterSet,
)
from users.models import ObjectPermission, Token, User

OBJECT_TYPES = [
    ObjectType(
        model=User,
        path="users",
        serializer=UserSerializer,
        filterset=UserFilterSet,
        examples=lambda n: {"username": f"user{n}", "password": f"Secret-{n}-password"},
    ),
    ObjectType(
        model=Group,
        path="groups",
        api_app="users",
        serializer=GroupSerializer,
        filterset=GroupFilterSet,
        queryset=lambda: Group.objects.annotate(user_count=Count("user")).order_by("name"),
        examples=lambda n: {"name": f"Group {n}"},
    ),
    ObjectType(
        model=Token,
        path="tokens",
        serializer=TokenSerializer,
        filterset=TokenFilterSet,
        viewset=TokenViewSet,
        examples=lambda n: {"description": f"Token {n}"},
    ),
    ObjectType(
        model=ObjectPermission,
        path="permissions",
        serializer=ObjectPermissionSerializer,
        filterset=ObjectPermissionFilterSet,
        queryset=lambda: ObjectPermission.objects.prefetch_related("object_types"),
        examples=lambda n: {
            "name": f"Permission {n}",
            "object_types": ["dcim.site", "ipam.prefix"],
            "actions": ["view", "change"],
            "constraints": [{"status": "active"}, {"tenant__slug": f"tenant-{n}"}],
        },
    ),
]
