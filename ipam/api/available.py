"""The available-* endpoints (NetBox facts §10), as actions on the parent's viewset.

GET lists what is free as a plain array (`limit` as NetBox reads it). POST takes one
object or a list, validates the request items, locks the parent (per parent object,
ipam.services.locking), recomputes what is free under the lock, fills in the allocated
values and the parent-derived fields (overwriting the client's), validates and saves
the new objects with the child model's serializer, and answers 201 with one object or a
list, following the request. Not enough room: 409. An `Idempotency-Key` header makes a
retry return the first allocation (ipam.services.idempotency).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ipam import netmath
from ipam.api import writes
from ipam.api.asns import ASNSerializer
from ipam.api.ip import IPAddressSerializer, PrefixSerializer
from ipam.api.vlans import VLANSerializer
from ipam.models import ASN, RIR, VLAN, VRF, IPAddress, IPRange, Prefix, VLANGroup
from ipam.services import allocation, idempotency
from ipamcore import registry
from ipamcore.api.customfields import custom_fields_for
from ipamcore.api.exceptions import InsufficientResources
from ipamcore.api.fields import nested_serializer
from ipamcore.api.queries import optimize
from ipamcore.api.renderers import FastJSONRenderer
from ipamcore.api.viewsets import BaseViewSet

IDEMPOTENCY_HEADER = "Idempotency-Key"

# The model an available-* action creates: GET needs its view permission, POST its add.
CHILD_MODELS: dict[str, type[Model]] = {
    "available_ips": IPAddress,
    "available_prefixes": Prefix,
    "available_vlans": VLAN,
    "available_asns": ASN,
}

Chooser = Callable[[Any, list[dict[str, Any]], list[dict[str, Any]]], list[dict[str, Any]] | None]


def results_limit(request: Request) -> int:
    """?limit as NetBox reads it here: default PAGINATE_COUNT, 0 = MAX_PAGE_SIZE, capped."""
    try:
        limit = int(request.query_params.get("limit", settings.PAGINATE_COUNT))
    except (TypeError, ValueError):
        limit = settings.PAGINATE_COUNT
    if limit < 0:
        limit = settings.PAGINATE_COUNT
    maximum = settings.MAX_PAGE_SIZE
    if limit == 0:
        return maximum or 10**6
    return min(limit, maximum) if maximum else limit


# --- request items ------------------------------------------------------------------------


class RequestItemList(serializers.ListSerializer):
    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            # NetBox's shape: one entry per submitted item, {} for the valid ones.
            detail: Any = exc.detail
            if isinstance(detail, dict) and all(isinstance(k, int) for k in detail):
                errors = [detail.get(index, {}) for index in range(len(data))]
                raise serializers.ValidationError(errors) from exc
            raise


class RequestItemSerializer(serializers.Serializer):
    """A request item; a list of them reports one error dict per item ({} if valid)."""

    class Meta:
        list_serializer_class = RequestItemList


class AvailableIPRequestSerializer(RequestItemSerializer):
    prefix_length = serializers.IntegerField(required=False)

    def validate_prefix_length(self, value: int) -> int:
        parent = self.context["parent"]
        mask = allocation.parent_mask(parent)
        family = allocation.family_of(parent)
        if value < mask:
            raise serializers.ValidationError(
                f"Prefix length must be greater than or equal to the parent mask length ({mask})"
            )
        if value > netmath.bits(family):
            raise serializers.ValidationError(f"Invalid prefix length ({value}) for IPv{family}")
        return value


class PrefixLengthSerializer(RequestItemSerializer):
    """NetBox answers these errors as bare strings, not lists."""

    def to_internal_value(self, data: Any) -> dict[str, int]:
        if not isinstance(data, dict):
            kind = type(data).__name__
            raise serializers.ValidationError(
                {"non_field_errors": [f"Invalid data. Expected a dictionary, but got {kind}."]}
            )
        value = data.get("prefix_length")
        if value is None:
            raise serializers.ValidationError({"prefix_length": "this field can not be missing"})
        if not isinstance(value, int) or isinstance(value, bool):
            raise serializers.ValidationError({"prefix_length": "this field must be int type"})
        family = allocation.family_of(self.context["parent"])
        if not 0 <= value <= netmath.bits(family):
            raise serializers.ValidationError(
                {"prefix_length": f"Invalid prefix length ({value}) for IPv{family}"}
            )
        return {"prefix_length": value}


class AvailableVLANRequestSerializer(RequestItemSerializer):
    name = serializers.CharField(max_length=64)


class AnyItemSerializer(RequestItemSerializer):
    """An item that only has to be an object; the child's serializer checks the rest."""


# --- the shared flow ----------------------------------------------------------------------


class AvailableMixin(BaseViewSet):
    """The shared flow; each endpoint is a mixin below, combined into a model's viewset."""

    def get_permission_model(self) -> type[Model]:
        return CHILD_MODELS.get(self.action or "") or super().get_permission_model()

    def get_queryset(self) -> QuerySet:
        if self.action in CHILD_MODELS:
            # The parent is not serialised here: none of the list's joins and prefetches.
            # It must be one the user may view (else 404), whatever the method.
            return self.restricted(self.entry.get_queryset(), "view")
        return super().get_queryset()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The query parameters (`limit`) are the endpoint's, not filters of the parent:
        # `?start=` on an ASN range's available-asns must not look for the range.
        if self.action in CHILD_MODELS:
            return queryset
        return super().filter_queryset(queryset)

    def nested(self, model: type[Model], obj: Model | None) -> Any:
        if obj is None:
            return None
        return nested_serializer(model, self.get_serializer_context()).to_representation(obj)

    def allocate(
        self,
        parent: Model,
        checker_class: type[serializers.Serializer],
        choose: Chooser,
        child_model: type[Model],
        create: Callable[[serializers.BaseSerializer], None],
    ) -> Response:
        request = self.request
        many = isinstance(request.data, list)
        data: Any = request.data
        items: list[Any] = data if many else [data]
        checker = checker_class(data=items, many=True, context={"parent": parent})
        if not checker.is_valid():
            return Response(checker.errors, status=status.HTTP_400_BAD_REQUEST)
        key = self.idempotency_key(request)
        # Allocations from one parent run one at a time: what can be read before the lock
        # (the child model's custom fields, read once per request) is read before it.
        custom_fields_for(child_model, self.get_serializer_context())
        allocation.lock_parent(parent)
        parent.refresh_from_db()  # as it is now that nobody else allocates from it
        if key is not None and (replayed := self.replay(key)) is not None:
            return replayed  # type: ignore[return-value]
        bodies = choose(parent, [dict(item) for item in items], list(checker.validated_data))
        if bodies is None:
            raise InsufficientResources()
        entry = registry.get(child_model)
        context = self.get_serializer_context()
        data = bodies if many else bodies[0]
        serializer = entry.serializer(data=data, many=many, context=context)
        serializer.is_valid(raise_exception=True)
        create(serializer)
        created = writes.built(serializer)
        # The new objects must be ones the user may add (checked before the response; a
        # 403 rolls the allocation back with the request's transaction).
        self.check_permitted(created, "add")
        response = Response(self.represent_created(entry, created, many), status.HTTP_201_CREATED)
        if key is not None:
            body = FastJSONRenderer().render(response.data).decode()
            idempotency.remember(key, response.status_code, body)
        return response

    def represent_created(self, entry: Any, created: list[Model], many: bool) -> Any:
        context = self.get_serializer_context()
        serializer = entry.serializer(context=context)
        rows = optimize(entry.get_queryset(), serializer).in_bulk([obj.pk for obj in created])
        data = entry.serializer([rows[obj.pk] for obj in created], many=True, context=context).data
        return data if many else data[0]

    def idempotency_key(self, request: Request) -> idempotency.Request | None:
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        if not key:
            return None
        if len(key) > idempotency.MAX_KEY_LENGTH:
            raise serializers.ValidationError(
                {IDEMPOTENCY_HEADER: [f"Must be at most {idempotency.MAX_KEY_LENGTH} characters."]}
            )
        user_id = request.user.pk if request.user.is_authenticated else None
        return idempotency.describe(user_id, key, request.path, request.data)

    def replay(self, key: idempotency.Request) -> HttpResponse | None:
        try:
            record = idempotency.replay(key)
        except idempotency.KeyReused:
            detail = f"{IDEMPOTENCY_HEADER} {key.key!r} was already used for another request."
            return Response({"detail": detail}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        if record is None:
            return None
        return HttpResponse(
            record.response, status=record.status_code, content_type="application/json"
        )


# --- per endpoint ---------------------------------------------------------------------------

# Shapes of the GET items, for the OpenAPI document.
NESTED = serializers.DictField
AVAILABLE_IP = inline_serializer(
    "AvailableIP",
    {
        "family": serializers.IntegerField(),
        "address": serializers.CharField(),
        "vrf": NESTED(allow_null=True),
    },
    many=True,
)
AVAILABLE_PREFIX = inline_serializer(
    "AvailablePrefix",
    {
        "family": serializers.IntegerField(),
        "prefix": serializers.CharField(),
        "vrf": NESTED(allow_null=True),
    },
    many=True,
)
AVAILABLE_VLAN = inline_serializer(
    "AvailableVLAN", {"vid": serializers.IntegerField(), "group": NESTED()}, many=True
)
AVAILABLE_ASN = inline_serializer(
    "AvailableASN", {"rir": NESTED(), "asn": serializers.IntegerField()}, many=True
)


class AvailableIPsMixin(AvailableMixin):
    @extend_schema(methods=["get"], responses={200: AVAILABLE_IP}, filters=False)
    @extend_schema(
        methods=["post"], request=AvailableIPRequestSerializer, responses={201: IPAddressSerializer}
    )
    @action(detail=True, methods=["get", "post"], url_path="available-ips")
    def available_ips(self, request: Request, pk: Any = None) -> Response:
        parent = self.get_object()
        if request.method == "POST":
            return self.allocate(
                parent, AvailableIPRequestSerializer, choose_ips, IPAddress, writes.create_ips
            )
        mask, family = allocation.parent_mask(parent), allocation.family_of(parent)
        vrf = self.nested(VRF, parent.vrf)
        return Response(
            [
                {"family": family, "address": f"{netmath.to_text(ip, family)}/{mask}", "vrf": vrf}
                for ip in allocation.free_ips(parent, results_limit(request))
            ]
        )


def choose_ips(
    parent: Prefix | IPRange, items: list[dict[str, Any]], checked: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    hosts = allocation.free_ips(parent, len(items))
    if len(hosts) < len(items):
        return None
    family, mask = allocation.family_of(parent), allocation.parent_mask(parent)
    for item, request, host in zip(items, checked, hosts, strict=True):
        length = request.get("prefix_length", mask)
        item.update(address=f"{netmath.to_text(host, family)}/{length}", vrf=parent.vrf_id)
    return items


class AvailablePrefixesMixin(AvailableMixin):
    @extend_schema(methods=["get"], responses={200: AVAILABLE_PREFIX}, filters=False)
    @extend_schema(
        methods=["post"], request=PrefixLengthSerializer, responses={201: PrefixSerializer}
    )
    @action(detail=True, methods=["get", "post"], url_path="available-prefixes")
    def available_prefixes(self, request: Request, pk: Any = None) -> Response:
        parent = self.get_object()
        if request.method == "POST":
            return self.allocate(
                parent, PrefixLengthSerializer, choose_prefixes, Prefix, writes.create_prefixes
            )
        vrf = self.nested(VRF, parent.vrf)
        family = allocation.family_of(parent)
        return Response(
            [
                {"family": family, "prefix": str(network), "vrf": vrf}
                for network in allocation.free_prefixes(parent)
            ]
        )


def choose_prefixes(
    parent: Prefix, items: list[dict[str, Any]], checked: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    networks = allocation.pick_prefixes(parent, [item["prefix_length"] for item in checked])
    if networks is None:
        return None
    for item, network in zip(items, networks, strict=True):
        item.update(prefix=str(network), vrf=parent.vrf_id)
    return items


class AvailableVLANsMixin(AvailableMixin):
    @extend_schema(methods=["get"], responses={200: AVAILABLE_VLAN}, filters=False)
    @extend_schema(
        methods=["post"], request=AvailableVLANRequestSerializer, responses={201: VLANSerializer}
    )
    @action(detail=True, methods=["get", "post"], url_path="available-vlans")
    def available_vlans(self, request: Request, pk: Any = None) -> Response:
        group = self.get_object()
        if request.method == "POST":
            return self.allocate(
                group, AvailableVLANRequestSerializer, choose_vids, VLAN, writes.create_vlans
            )
        nested = self.nested(VLANGroup, group)
        vids = allocation.free_vids(group, results_limit(request))
        return Response([{"vid": vid, "group": nested} for vid in vids])


def choose_vids(
    group: VLANGroup, items: list[dict[str, Any]], checked: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    vids = allocation.free_vids(group, len(items))
    if len(vids) < len(items):
        return None
    for item, vid in zip(items, vids, strict=True):
        item.update(vid=vid, group=group.pk)
    return items


class AvailableASNsMixin(AvailableMixin):
    @extend_schema(methods=["get"], responses={200: AVAILABLE_ASN}, filters=False)
    @extend_schema(methods=["post"], request=AnyItemSerializer, responses={201: ASNSerializer})
    @action(detail=True, methods=["get", "post"], url_path="available-asns")
    def available_asns(self, request: Request, pk: Any = None) -> Response:
        asn_range = self.get_object()
        if request.method == "POST":
            return self.allocate(
                asn_range, AnyItemSerializer, choose_asns, ASN, writes.create_plain
            )
        rir = self.nested(RIR, asn_range.rir)
        numbers = allocation.free_asns(asn_range, results_limit(request))
        return Response([{"rir": rir, "asn": number} for number in numbers])


def choose_asns(
    asn_range: Any, items: list[dict[str, Any]], checked: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    numbers = allocation.free_asns(asn_range, len(items))
    if len(numbers) < len(items):
        return None
    for item, number in zip(items, numbers, strict=True):
        item.update(asn=number, rir=asn_range.rir_id)
    return items
