"""Viewsets of the IPAM models whose writes have side effects: prefixes, IP ranges,
IP addresses, VLANs, VLAN groups, ASN ranges and ASNs.

Each write here
1. takes the advisory locks of the space it touches (ipam.services.locking) before the
   framework reads or row-locks anything, from the request body and the stored rows;
2. runs the framework's write (validation, save, changelog);
3. refreshes the cached hierarchy and utilization (ipam.services.hierarchy) in the same
   transaction, a few statements whatever the batch size.
The available-* endpoints are in ipam.api.available.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import FieldError, MultipleObjectsReturned, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ipam.api import writes
from ipam.api.available import (
    AvailableASNsMixin,
    AvailableIPsMixin,
    AvailablePrefixesMixin,
    AvailableVLANsMixin,
)
from ipam.api.writes import built
from ipam.fields import parse_network
from ipam.models import VRF, ASNRange, VLANGroup
from ipam.services import hierarchy, positions
from ipam.services.hierarchy import Position
from ipam.services.locking import Claim, KeySet, LockClass, lock_space
from ipamcore.api.fields import flatten_lookup
from ipamcore.api.viewsets import BaseViewSet, record_created


class Unknown(Exception):
    """A request value the locks can not be derived from; validation will reject it."""


def related_id(model: type[Model], value: Any, cache: dict[str, int | None]) -> int | None:
    """The id a related-object reference of a request body points at, as RelatedField
    reads it: an id, a numeric string, an attribute dict, or null/""."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Unknown
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    if not isinstance(value, dict):
        raise Unknown
    key = json.dumps(value, sort_keys=True, default=str)
    if key not in cache:
        try:
            cache[key] = model._default_manager.get(**flatten_lookup(value)).pk
        except (ObjectDoesNotExist, MultipleObjectsReturned, FieldError, ValueError, TypeError):
            raise Unknown from None
    return cache[key]


class LockFirstViewSet(BaseViewSet):
    """Every write takes its advisory locks (`lock`, from the stored objects and the
    request items) before the framework reads or row-locks anything."""

    def lock(self, pairs: list[tuple[Model | None, Any]]) -> None:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        items = request.data if isinstance(request.data, list) else [request.data]
        self.lock([(None, item) for item in items])
        return super().create(request, *args, **kwargs)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.moves(request.data):
            self.lock([(self.stored(), request.data)])
        return super().update(request, *args, **kwargs)

    def moves(self, data: Any) -> bool:
        """Whether an update with `data` can change what the locks protect (subclasses
        name the fields that matter; anything else, e.g. a description, needs no lock)."""
        return True

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.lock([(self.stored(), None)])
        return super().destroy(request, *args, **kwargs)

    def bulk_update(self, request: Request, partial: bool = False) -> Response:
        items = [item for item in self.bulk_items(request) if self.moves(item)]
        if items:
            stored = self.entry.model._default_manager.in_bulk([item["id"] for item in items])
            self.lock([(stored[item["id"]], item) for item in items if item["id"] in stored])
        return super().bulk_update(request, partial=partial)

    def bulk_destroy(self, request: Request) -> Response:
        items = self.bulk_items(request)
        stored = self.entry.model._default_manager.in_bulk([item["id"] for item in items])
        self.lock([(instance, None) for instance in stored.values()])
        return super().bulk_destroy(request)

    def stored(self) -> Model | None:
        """The object as stored, read without joins (the framework 404s if it is missing)."""
        try:
            pk = int(self.kwargs.get(self.lookup_field, ""))
        except ValueError:
            return None
        return self.entry.get_queryset().filter(pk=pk).first()


class SpaceViewSet(LockFirstViewSet):
    """Writes of objects that occupy address space (prefixes, ranges, addresses)."""

    # The fields whose change moves an object in the address space or changes what the
    # engine derives from it. An update that sends none of them (a description, tags, an
    # assignment) takes no locks and skips the checks and the refresh.
    space_fields: frozenset[str] = frozenset()

    def moves(self, data: Any) -> bool:
        return not isinstance(data, dict) or not self.space_fields.isdisjoint(data)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.before: dict[Any, Position | None] = {}
        self.claimed: set[tuple[int, str]] = set()
        self.related_cache: dict[str, int | None] = {}

    # --- what each model says about its position ---------------------------------

    def position(self, instance: Model) -> Position | None:
        return positions.of_instance(instance)

    def position_of(self, data: Any, current: Model | None) -> Position | None:
        """Where the object will sit after writing `data` (None if it can't be told)."""
        raise NotImplementedError

    def claim(self, position: Position, instance: Model | None, arriving: bool) -> Claim:
        raise NotImplementedError

    def refresh(self, before: list[Position], after: list[Model]) -> None:
        raise NotImplementedError

    def vrf_of(self, data: Any, current: Model | None) -> int | None:
        if isinstance(data, dict) and "vrf" in data:
            return related_id(VRF, data["vrf"], self.related_cache)
        return current.vrf_id if current is not None else None  # type: ignore[attr-defined]

    def network_of(self, data: Any, key: str, current: Model | None) -> Any:
        if isinstance(data, dict) and key in data:
            value = data[key]
            if not isinstance(value, str):
                raise Unknown
            try:
                return parse_network(value)
            except DjangoValidationError:
                raise Unknown from None
        return getattr(current, key) if current is not None else None

    # --- locks before anything is read ----------------------------------------------

    def lock(self, pairs: list[tuple[Model | None, Any]]) -> None:
        """Lock the space of (stored object, request item) pairs: where each object is
        and where it is going."""
        claims = []
        for instance, data in pairs:
            old = self.position(instance) if instance is not None else None
            if old is not None:
                claims.append(self.claim(old, instance, arriving=False))
            try:
                new = self.position_of(data, instance)
            except Unknown:
                new = None
            if new is not None and new != old:
                claims.append(self.claim(new, None, arriving=True))
        self.claimed |= {(claim.vrf_id or 0, claim.net) for claim in claims}
        lock_space(claims)

    def lock_late(self, instances: list[Model]) -> None:
        """Positions the request body did not reveal (validation resolved them otherwise)."""
        missing = [
            position
            for position in map(self.position, instances)
            if position is not None and (position.vrf_id or 0, position.net) not in self.claimed
        ]
        if missing:
            self.claimed |= {(p.vrf_id or 0, p.net) for p in missing}
            lock_space([self.claim(p, None, arriving=True) for p in missing])

    # Where the objects were, read under the framework's row locks.
    def get_locked_object(self) -> Model:
        instance = super().get_locked_object()
        self.before[instance.pk] = self.position(instance)
        return instance

    def lock_rows(self, ids: list[int]) -> None:
        super().lock_rows(ids)
        for instance in self.entry.model._default_manager.filter(pk__in=ids):
            self.before[instance.pk] = self.position(instance)

    # --- writes, then the refresh ------------------------------------------------------

    def check(self, instances: list[Model], many: bool) -> None:
        """Rules that need other rows, for the whole batch (after the locks)."""

    def create_objects(self, serializer: serializers.BaseSerializer) -> None:
        raise NotImplementedError

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        self.lock_late(built(serializer))
        self.create_objects(serializer)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        self.perform_bulk_update([serializer], many=False)

    def perform_bulk_update(
        self, updated: list[serializers.BaseSerializer], many: bool = True
    ) -> None:
        if not any(self.moves(serializer.initial_data) for serializer in updated):
            super().perform_bulk_update(updated)  # nothing moves: a plain save
            return
        instances: list[Model] = [s.instance for s in updated]  # type: ignore[misc]
        self.lock_late(instances)
        self.check(instances, many=many)
        for serializer in updated:
            serializer.save()
        before = [self.before.get(instance.pk) for instance in instances]
        self.refresh([p for p in before if p is not None], instances)
        self.record_updates(updated)

    def perform_destroy(self, instance: Model) -> None:
        before = self.before.get(instance.pk) or self.position(instance)
        super().perform_destroy(instance)
        self.refresh([before] if before else [], [])

    def perform_bulk_destroy(self, instances: list[Model], messages: dict[Any, str]) -> None:
        before = [p for p in map(self.position, instances) if p is not None]
        super().perform_bulk_destroy(instances, messages)
        self.refresh(before, [])


class PrefixViewSet(AvailableIPsMixin, AvailablePrefixesMixin, SpaceViewSet):
    space_fields = frozenset({"prefix", "vrf", "status", "is_pool", "mark_utilized"})

    def position_of(self, data: Any, current: Model | None) -> Position | None:
        network = self.network_of(data, "prefix", current)
        vrf_id = self.vrf_of(data, current)
        return positions.of_prefix(vrf_id, network) if network is not None else None

    def claim(self, position: Position, instance: Model | None, arriving: bool) -> Claim:
        return positions.claim(position, new_prefix=arriving)

    def create_objects(self, serializer: serializers.BaseSerializer) -> None:
        writes.create_prefixes(serializer)

    def refresh(self, before: list[Position], after: list[Model]) -> None:
        added = [p for p in map(self.position, after) if p is not None]
        hierarchy.refresh_after_prefix_write(before, added, [obj.pk for obj in after])


class IPRangeViewSet(AvailableIPsMixin, SpaceViewSet):
    space_fields = frozenset(
        {"start_address", "end_address", "vrf", "status", "mark_populated", "mark_utilized"}
    )

    def position_of(self, data: Any, current: Model | None) -> Position | None:
        start = self.network_of(data, "start_address", current)
        end = self.network_of(data, "end_address", current)
        if start is None or end is None or start.version != end.version:
            return None
        return positions.of_range(self.vrf_of(data, current), start, end)

    def claim(self, position: Position, instance: Model | None, arriving: bool) -> Claim:
        return positions.claim(position, range_id=instance.pk if instance else None)

    def create_objects(self, serializer: serializers.BaseSerializer) -> None:
        writes.create_ranges(serializer)

    def refresh(self, before: list[Position], after: list[Model]) -> None:
        ids = [obj.pk for obj in after]
        added = [p for p in map(self.position, after) if p is not None]
        hierarchy.refresh_after_range_write(ids, [*before, *added])


class IPAddressViewSet(SpaceViewSet):
    space_fields = frozenset({"address", "vrf", "status", "role"})

    def position_of(self, data: Any, current: Model | None) -> Position | None:
        address = self.network_of(data, "address", current)
        vrf_id = self.vrf_of(data, current)
        return positions.of_address(vrf_id, address) if address is not None else None

    def claim(self, position: Position, instance: Model | None, arriving: bool) -> Claim:
        return positions.claim(position, is_address=True)

    def check(self, instances: list[Model], many: bool) -> None:
        writes.check_addresses(instances, many)

    def create_objects(self, serializer: serializers.BaseSerializer) -> None:
        writes.create_ips(serializer)

    def refresh(self, before: list[Position], after: list[Model]) -> None:
        added = [p for p in map(self.position, after) if p is not None]
        hierarchy.refresh_after_ip_write([*before, *added])


# --- VLANs, VLAN groups, ASN ranges, ASNs: locks on whole objects ----------------------------


class ObjectLockViewSet(LockFirstViewSet):
    """Writes that conflict with allocations from a parent object (a VLAN group, an ASN
    range) take that object's lock first. Subclasses say which objects."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.related_cache: dict[str, int | None] = {}

    def lock_keys(self, instance: Model | None, data: Any, keys: KeySet) -> None:
        raise NotImplementedError

    def lock(self, pairs: list[tuple[Model | None, Any]]) -> None:
        keys = KeySet()
        for instance, data in pairs:
            try:
                self.lock_keys(instance, data, keys)
            except Unknown:
                continue
        keys.acquire()


class VLANViewSet(ObjectLockViewSet):
    def lock_keys(self, instance: Model | None, data: Any, keys: KeySet) -> None:
        for group_id in self.groups(instance, data):
            keys.add(LockClass.VLAN_GROUP, group_id, exclusive=True)

    def groups(self, instance: Model | None, data: Any) -> set[int]:
        found = {instance.group_id} if instance is not None else set()  # type: ignore[attr-defined]
        if isinstance(data, dict) and "group" in data:
            found.add(related_id(VLANGroup, data["group"], self.related_cache))
        return {group_id for group_id in found if group_id is not None}

    def get_locked_object(self) -> Model:
        instance = super().get_locked_object()
        self.old_groups = {instance.group_id}  # type: ignore[attr-defined]
        return instance

    def lock_rows(self, ids: list[int]) -> None:
        super().lock_rows(ids)
        self.old_groups = set(
            self.entry.model._default_manager.filter(pk__in=ids).values_list("group_id", flat=True)
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        writes.create_vlans(serializer)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        self.perform_bulk_update([serializer])

    def perform_bulk_update(self, updated: list[serializers.BaseSerializer]) -> None:
        for serializer in updated:
            serializer.save()
        groups = {s.instance.group_id for s in updated}  # type: ignore[union-attr]
        hierarchy.refresh_vlan_groups({*self.old_groups, *groups})
        self.record_updates(updated)

    def perform_destroy(self, instance: Model) -> None:
        super().perform_destroy(instance)
        hierarchy.refresh_vlan_groups([instance.group_id])  # type: ignore[attr-defined]

    def perform_bulk_destroy(self, instances: list[Model], messages: dict[Any, str]) -> None:
        super().perform_bulk_destroy(instances, messages)
        hierarchy.refresh_vlan_groups(vlan.group_id for vlan in instances)  # type: ignore[attr-defined]


class VLANGroupViewSet(AvailableVLANsMixin, ObjectLockViewSet):
    def lock_keys(self, instance: Model | None, data: Any, keys: KeySet) -> None:
        if instance is not None:
            keys.add(LockClass.VLAN_GROUP, instance.pk, exclusive=True)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.save()
        hierarchy.refresh_vlan_groups(group.pk for group in built(serializer))
        record_created(serializer)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        self.perform_bulk_update([serializer])

    def perform_bulk_update(self, updated: list[serializers.BaseSerializer]) -> None:
        for serializer in updated:
            serializer.save()
        hierarchy.refresh_vlan_groups(s.instance.pk for s in updated)  # type: ignore[union-attr]
        self.record_updates(updated)


class ASNRangeViewSet(AvailableASNsMixin, ObjectLockViewSet):
    def lock_keys(self, instance: Model | None, data: Any, keys: KeySet) -> None:
        if instance is not None:
            keys.add(LockClass.ASN_RANGE, instance.pk, exclusive=True)


class ASNViewSet(ObjectLockViewSet):
    """A manual ASN inside a range must not race an allocation from that range."""

    def lock_keys(self, instance: Model | None, data: Any, keys: KeySet) -> None:
        numbers = {instance.asn} if instance is not None else set()  # type: ignore[attr-defined]
        if isinstance(data, dict) and "asn" in data:
            value = data["asn"]
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise Unknown
            try:
                numbers.add(int(value))
            except ValueError:
                raise Unknown from None
        if not hasattr(self, "ranges"):  # few rows: read once per request
            self.ranges = list(ASNRange.objects.values_list("pk", "start", "end"))
        for range_id, start, end in self.ranges:
            if any(start <= number <= end for number in numbers):
                keys.add(LockClass.ASN_RANGE, range_id, exclusive=True)
