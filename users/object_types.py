from django.contrib.auth.models import Group
from django.db.models import Count

from ipamcore.registry import ObjectType
from users.api import GroupSerializer, TokenSerializer, TokenViewSet, UserSerializer
from users.filtersets import GroupFilterSet, TokenFilterSet, UserFilterSet
from users.models import Token, User

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
]
