"""What a cabled component shows about its cable: the objects at the cable's far end
(`link_peers`) and at the far end of its path (`connected_endpoints`).

Both are read for a whole page at once (ComponentListSerializer.preload): one query
for the terminations, one for the paths, one per far-end type, and the joins each
far-end type's nested shape needs, whatever the page size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from django.db import models
from django.db.models import prefetch_related_objects
from rest_framework import serializers

from dcim.services import connected_endpoints_for, link_peers_for
from dcim.services.paths import node_key
from ipamcore.api.fields import mutable_context, nested_serializer
from ipamcore.api.queries import related_paths
from ipamcore.api.serializers import BaseListSerializer, BaseModelSerializer

CABLE_STATE_KEY = "_cable_state"


def label_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def prefetch_nested(objects: Iterable[Any], context: dict[str, Any]) -> None:
    """Load what the nested shapes of mixed objects read (e.g. an interface's device and
    cable): one query per relation and type instead of one per object."""
    by_type: dict[type, list[Any]] = defaultdict(list)
    for obj in objects:
        if obj is not None:
            by_type[type(obj)].append(obj)
    for model, items in by_type.items():
        selects, _ = related_paths(nested_serializer(model, context))
        if selects:
            prefetch_related_objects(items, *selects)


def render_nested(objects: Iterable[Any], context: dict[str, Any]) -> list[Any]:
    return [nested_serializer(type(obj), context).to_representation(obj) for obj in objects]


def preload_cable_state(objects: list[Any], context: dict[str, Any]) -> None:
    """Link peers and connected endpoints of every object about to be serialized."""
    peers = link_peers_for(objects)
    endpoints = connected_endpoints_for(objects)
    prefetch_nested(
        [
            *(obj for found in peers.values() for obj in found),
            *(obj for found, _ in endpoints.values() for obj in found),
        ],
        context,
    )
    state = context.setdefault(CABLE_STATE_KEY, {})
    for obj in objects:
        key = node_key(obj)
        state[key] = (peers.get(key, []), endpoints.get(key))


def cable_state(obj: Any, context: dict[str, Any]) -> tuple[list[Any], Any]:
    state = context.setdefault(CABLE_STATE_KEY, {})
    key = node_key(obj)
    if key not in state:
        preload_cable_state([obj], context)
    return state[key]  # type: ignore[no-any-return]


class ComponentListSerializer(BaseListSerializer):
    def to_representation(self, data: Any) -> list[Any]:
        instances = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        child = cast(BaseModelSerializer, self.child)
        if not child.nested and not child.is_brief():
            preload_cable_state(instances, mutable_context(self.context))
        return super().to_representation(instances)


class CableStateField(serializers.Field):
    """One read-only view of the cable state; `part` picks which."""

    def __init__(self, part: str, **kwargs: Any) -> None:
        self.part = part
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        context = mutable_context(self.context)
        peers, endpoints = cable_state(value, context)
        if self.part == "link_peers":
            return render_nested(peers, context)
        if self.part == "link_peers_type":
            return label_of(peers[0]) if peers else None
        found, reachable = endpoints if endpoints else ([], False)
        if self.part == "connected_endpoints":
            return render_nested(found, context) if found else None
        if self.part == "connected_endpoints_type":
            return label_of(found[0]) if found else None
        return bool(found) and reachable


class CableEndField(serializers.Field):
    """ "A", "B" or null (a raw value, not a choice object)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        return value or None


def link_peer_fields() -> dict[str, serializers.Field]:
    return {
        "cable_end": CableEndField(),
        "link_peers": CableStateField("link_peers"),
        "link_peers_type": CableStateField("link_peers_type"),
    }


def endpoint_fields() -> dict[str, serializers.Field]:
    return {
        "connected_endpoints": CableStateField("connected_endpoints"),
        "connected_endpoints_type": CableStateField("connected_endpoints_type"),
        "connected_endpoints_reachable": CableStateField("connected_endpoints_reachable"),
    }
