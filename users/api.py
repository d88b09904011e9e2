from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldError
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, transaction
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ipamcore import permissions as object_permissions
from ipamcore.api.fields import ContentTypeListField, JSONField, RelatedField, contains_nul
from ipamcore.api.permissions import TokenWritePermission
from ipamcore.api.serializers import BaseModelSerializer
from ipamcore.api.viewsets import BaseViewSet
from users import login
from users.models import ObjectPermission, Token, User, UserConfig, deep_merge, peppers

# How a permission's users and groups appear inside it (facts §9.42).
PERMISSION_USER_FIELDS = ("id", "url", "display_url", "display", "username")
PERMISSION_GROUP_FIELDS = ("id", "url", "display_url", "display", "name")


def permissions_field() -> serializers.ManyRelatedField:
    """A user's or group's object permissions, written as ids, read in brief shape."""
    return serializers.ManyRelatedField(
        child_relation=RelatedField(ObjectPermission),
        source="object_permissions",
        required=False,
        allow_empty=True,
    )


class UserSerializer(BaseModelSerializer):
    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"}
    )
    groups = serializers.ManyRelatedField(
        child_relation=RelatedField(Group), required=False, allow_empty=True
    )
    permissions = permissions_field()

    class Meta:
        model = User
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "username",
            "password",
            "first_name",
            "last_name",
            "email",
            "is_active",
            "date_joined",
            "last_login",
            "groups",
            "permissions",
        )
        brief_fields = ("id", "url", "display", "username")

    def validate_password(self, value: str) -> str:
        validate_password(value)
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("password"):
            raise serializers.ValidationError({"password": ["This field is required."]})
        return super().validate(attrs)

    def build_instance(self, attrs: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        password = attrs.pop("password", None)
        instance, relations = super().build_instance(attrs)
        assert isinstance(instance, User)  # Meta.model
        if password:
            instance.set_password(password)
        return instance, relations


class GroupSerializer(BaseModelSerializer):
    user_count = serializers.IntegerField(read_only=True)
    permissions = permissions_field()

    class Meta:
        model = Group
        fields = ("id", "url", "display_url", "display", "name", "permissions", "user_count")
        brief_fields = ("id", "url", "display", "name")


class ObjectPermissionSerializer(BaseModelSerializer):
    object_types = ContentTypeListField(allow_empty=False)
    actions = serializers.ListField(child=serializers.CharField(max_length=30), allow_empty=False)
    constraints = JSONField(required=False, allow_null=True)
    groups = serializers.ManyRelatedField(
        child_relation=RelatedField(Group, nested_fields=PERMISSION_GROUP_FIELDS),
        required=False,
        allow_empty=True,
    )
    users = serializers.ManyRelatedField(
        child_relation=RelatedField(User, nested_fields=PERMISSION_USER_FIELDS),
        required=False,
        allow_empty=True,
    )

    class Meta:
        model = ObjectPermission
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "description",
            "enabled",
            "object_types",
            "actions",
            "constraints",
            "groups",
            "users",
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "name",
            "description",
            "enabled",
            "object_types",
            "actions",
        )

    def validate_actions(self, value: list[str]) -> list[str]:
        actions = list(dict.fromkeys(action.strip() for action in value))
        if not all(actions):
            raise serializers.ValidationError("Actions must not be blank.")
        return actions

    def validate_constraints(self, value: Any) -> Any:
        items = value if isinstance(value, list) else [value]
        if value is not None and not all(isinstance(item, dict) for item in items):
            raise serializers.ValidationError(
                "Constraints must be an object or a list of objects (filter arguments)."
            )
        return value or None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = self.instance
        constraints = attrs.get("constraints", getattr(instance, "constraints", None))
        if "object_types" in attrs:
            types = list(attrs["object_types"])
        else:
            types = (
                list(instance.object_types.all()) if isinstance(instance, ObjectPermission) else []
            )
        if constraints:
            for content_type in types:
                check_constraints(content_type, constraints)
        return super().validate(attrs)


def check_constraints(content_type: ContentType, constraints: Any) -> None:
    """Constraints must be valid filter arguments of each object type: run them once (in a
    savepoint, as the user with id 0 for $user) and answer 400 on `constraints` if not."""
    model = content_type.model_class()
    if model is None:
        return
    condition = object_permissions.as_q(object_permissions.normalize(constraints, 0))
    try:
        with transaction.atomic():
            model._default_manager.filter(condition).exists()
    except (FieldError, DjangoValidationError, ValueError, TypeError, DatabaseError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise serializers.ValidationError(
            {
                "constraints": [
                    f"Invalid filter for {content_type.app_label}.{content_type.model}: {message}"
                ]
            }
        ) from exc


class TokenSerializer(BaseModelSerializer):
    user = RelatedField(User, required=False)
    version = serializers.ChoiceField(choices=(1, 2), default=2)
    key = serializers.CharField(read_only=True)
    # The plaintext: known only while the object that created it is alive, so it appears
    # in the create (or provision) response and is null on every later read.
    token = serializers.CharField(
        source="plaintext", required=False, min_length=40, max_length=40, allow_null=True
    )
    allowed_ips = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = Token
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "version",
            "key",
            "user",
            "description",
            "created",
            "expires",
            "last_used",
            "enabled",
            "write_enabled",
            "pepper_id",
            "allowed_ips",
            "token",
        )
        brief_fields = (
            "id",
            "url",
            "display",
            "version",
            "key",
            "enabled",
            "write_enabled",
            "description",
        )

    bulk_insert = False  # save() derives the digest from the plaintext

    def validate_pepper_id(self, value: int | None) -> int | None:
        # Checked here, not only in Token.clean(): the digest is computed before clean() runs.
        if value is not None and value not in peppers():
            raise serializers.ValidationError(f"Unknown pepper ID: {value}")
        return value

    def validate_allowed_ips(self, value: list[str]) -> list[str]:
        import netaddr

        for item in value:
            try:
                netaddr.IPNetwork(item)
            except (netaddr.AddrFormatError, ValueError) as exc:
                raise serializers.ValidationError(f"{item} is not a valid network.") from exc
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context.get("request")
        if self.instance is not None:
            attrs.pop("user", None)  # a token's owner never changes
            attrs.pop("version", None)
            attrs.pop("plaintext", None)
        elif "user" not in attrs:
            attrs["user"] = request.user if request else None
        elif (
            request
            and attrs["user"] != request.user
            and not request.user.has_perm("users.grant_token")
        ):
            raise serializers.ValidationError({"user": "You may only create tokens for yourself."})
        return super().validate(attrs)

    def build_instance(self, attrs: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        plaintext = attrs.pop("plaintext", None)
        instance, relations = super().build_instance(attrs)
        assert isinstance(instance, Token)  # Meta.model
        if instance.pk is None:
            instance.set_plaintext(plaintext)
        return instance, relations


class TokenViewSet(BaseViewSet):
    def get_queryset(self) -> Any:
        queryset = super().get_queryset()
        user = self.request.user
        if not user.is_superuser and not user.has_perm("users.view_token"):
            queryset = queryset.filter(user=user)
        return queryset

    def represent(self, instances: Sequence[Any], many: bool) -> Any:
        # Serialize the saved instances themselves: a reload would lose the one-time plaintext.
        serializer = self.get_serializer(instances, many=True)
        return serializer.data if many else serializer.data[0]


class ProvisionSerializer(serializers.Serializer):
    """Describes the request body for the schema; the view reads it leniently."""

    username = serializers.CharField()
    password = serializers.CharField()


class TokenProvisionView(APIView):
    """Exchange a username and password for a new token (no auth header needed)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    serializer_class = ProvisionSerializer

    @extend_schema(
        operation_id="users_tokens_provision_create",
        request=ProvisionSerializer,
        responses={201: TokenSerializer},
    )
    def post(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise serializers.ValidationError(
                {"non_field_errors": ["Expected an object with a username and password."]}
            )
        fields = dict(request.data)
        username, password = fields.pop("username", None), fields.pop("password", None)
        if not settings.LOCAL_LOGIN_ENABLED:
            raise AuthenticationFailed("Password authentication is disabled.")
        # Missing or odd credentials fail like wrong ones: 403, as NetBox does.
        user = None
        if isinstance(username, str) and isinstance(password, str):
            wait = login.seconds_blocked(request._request, username)
            if wait:
                raise Throttled(wait, detail=login.TOO_MANY_ATTEMPTS)
            user = authenticate(request._request, username=username, password=password)
        if user is None:
            raise AuthenticationFailed("Invalid username/password")
        request.user = user
        serializer = TokenSerializer(data={**fields, "user": user.pk}, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token = serializer.save()
        return Response(
            TokenSerializer(token, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class AuthenticationCheckView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="authentication_check_retrieve", responses={200: UserSerializer})
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request.user, context={"request": request}).data)


def caller(request: Request) -> User:
    """The authenticated user (the view's permission classes have made sure of that)."""
    assert isinstance(request.user, User)
    return request.user


class UserConfigView(APIView):
    """The caller's preferences: GET reads them, PATCH deep-merges a JSON object into them."""

    permission_classes = [IsAuthenticated, TokenWritePermission]

    @extend_schema(operation_id="users_config_retrieve", responses={200: dict[str, Any]})
    def get(self, request: Request) -> Response:
        config = UserConfig.objects.filter(user=caller(request)).first()
        return Response(config.data if config else {})

    @extend_schema(
        operation_id="users_config_partial_update",
        request=dict[str, Any],
        responses={200: dict[str, Any]},
    )
    def patch(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise serializers.ValidationError(
                {"non_field_errors": ["Expected a JSON object of preferences."]}
            )
        if contains_nul(request.data):
            raise serializers.ValidationError(
                {"non_field_errors": ["Null characters are not allowed."]}
            )
        with transaction.atomic():
            config, _ = UserConfig.objects.select_for_update().get_or_create(user=caller(request))
            config.data = deep_merge(config.data, request.data)
            config.save()
        return Response(config.data)


unlisted_urlpatterns = [path("config/", UserConfigView.as_view(), name="userconfig")]

extra_urlpatterns = [
    path("tokens/provision/", TokenProvisionView.as_view(), name="token_provision"),
]
