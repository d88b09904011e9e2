"""Cable paths: tracing from endpoints across cables and patch panels.

A trace walks, for a whole batch of origins at once, one hop per round: the cables of
the current near ends and their far terminations (one query, plus one per far-end
type), then through front/rear port pairs (one query per port kind). A batch costs a
number of queries proportional to the longest path, never to the number of origins.

Front to rear: the front port's `rear_port_position` is pushed when the rear port has
several positions. Rear to front: a one-position rear port leads to its front port(s);
a multi-position one pops the position pushed on the way in, and without one the path
is split (it fans out to every position) and stops there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from dcim.choices import CableEndChoices, LinkStatusChoices
from dcim.models import CablePath, CableTermination, FrontPort, PowerFeed, RearPort
from dcim.models.device_components import PATH_ENDPOINT_MODELS

ENDPOINT_MODELS: tuple[type[models.Model], ...] = (*PATH_ENDPOINT_MODELS, PowerFeed)
# A guard against cabling loops; real paths are a handful of hops.
MAX_HOPS = 64


# --- node keys -----------------------------------------------------------------------


def node_key(obj: models.Model) -> str:
    """ "<content type id>:<pk>", the form paths store their nodes in."""
    return f"{ContentType.objects.get_for_model(type(obj)).pk}:{obj.pk}"


def split_key(key: str) -> tuple[int, int]:
    type_id, pk = key.split(":")
    return int(type_id), int(pk)


def load_nodes(keys: Iterable[str]) -> dict[str, models.Model]:
    """The objects behind node keys: one query per type."""
    ids: dict[int, set[int]] = defaultdict(set)
    for key in keys:
        type_id, pk = split_key(key)
        ids[type_id].add(pk)
    found: dict[str, models.Model] = {}
    for type_id, pks in ids.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for pk, obj in model._default_manager.in_bulk(pks).items():
            found[f"{type_id}:{pk}"] = obj
    return found


def is_endpoint(obj: models.Model) -> bool:
    return isinstance(obj, ENDPOINT_MODELS)


# --- tracing -------------------------------------------------------------------------


@dataclass
class Walk:
    """One origin's trace in progress."""

    origin: models.Model
    near: list[Any]
    path: list[list[str]] = field(default_factory=list)
    cables: set[int] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)
    far: list[Any] = field(default_factory=list)
    active: bool = True
    done: bool = False
    complete: bool = False
    split: bool = False

    def finish(self, complete: bool = False, split: bool = False) -> None:
        self.done, self.complete, self.split = True, complete, split


def trace_many(origins: Sequence[models.Model]) -> list[Walk]:
    walks = [Walk(origin=origin, near=[origin], path=[[node_key(origin)]]) for origin in origins]
    for _ in range(MAX_HOPS):
        live = [walk for walk in walks if not walk.done]
        if not live:
            break
        cross_cables(live)
        onward = [walk for walk in live if not walk.done]
        if onward:
            pass_through(onward)
    for walk in walks:
        walk.done = True
    return walks


def cross_cables(walks: list[Walk]) -> None:
    """Each walk's near ends -> their cable(s) -> the terminations at the other end."""
    cable_ids = {n.cable_id for walk in walks for n in walk.near if n.cable_id}
    rows = CableTermination.objects.filter(cable_id__in=cable_ids).values_list(
        "cable_id", "cable_end", "termination_type_id", "termination_id", "cable__status"
    )
    ends: dict[tuple[int, str], list[str]] = defaultdict(list)
    status: dict[int, str] = {}
    for cable_id, end, type_id, object_id, cable_status in rows:
        ends[(cable_id, end)].append(f"{type_id}:{object_id}")
        status[cable_id] = cable_status
    far_keys = {walk_id: far_ends(walk, ends) for walk_id, walk in enumerate(walks)}
    objects = load_nodes(key for keys in far_keys.values() for key in keys)
    cable_type = ContentType.objects.get_by_natural_key("dcim", "cable").pk
    for walk_id, walk in enumerate(walks):
        cables = sorted({n.cable_id for n in walk.near if n.cable_id})
        if not cables or walk.cables & set(cables):
            walk.finish()
            continue
        walk.cables.update(cables)
        walk.active = walk.active and all(
            status.get(c) == LinkStatusChoices.CONNECTED for c in cables
        )
        walk.path.append([f"{cable_type}:{c}" for c in cables])
        keys = far_keys[walk_id]
        walk.far = [objects[key] for key in keys if key in objects]
        walk.path.append([node_key(obj) for obj in walk.far])
        if not walk.far:
            walk.finish()
        elif all(is_endpoint(obj) for obj in walk.far):
            walk.finish(complete=True)


def far_ends(walk: Walk, ends: dict[tuple[int, str], list[str]]) -> list[str]:
    keys: list[str] = []
    for near in walk.near:
        if near.cable_id:
            other = CableEndChoices.B if near.cable_end == CableEndChoices.A else CableEndChoices.A
            keys.extend(k for k in ends.get((near.cable_id, other), []) if k not in keys)
    return keys


def pass_through(walks: list[Walk]) -> None:
    """Front ports lead to their rear port; rear ports lead to the front port(s) mapped
    to them (by position)."""
    rear_ids = {p.rear_port_id for walk in walks for p in walk.far if isinstance(p, FrontPort)}
    rears = RearPort.objects.in_bulk(rear_ids)
    reached = [p.pk for walk in walks for p in walk.far if isinstance(p, RearPort)]
    fronts: dict[int, list[FrontPort]] = defaultdict(list)
    for front in FrontPort.objects.filter(rear_port_id__in=reached).order_by("rear_port_position"):
        fronts[front.rear_port_id].append(front)
    for walk in walks:
        if isinstance(walk.far[0], FrontPort):
            walk.near = front_to_rear(walk, rears)
        else:
            walk.near = rear_to_front(walk, fronts)
        if walk.done:
            continue
        walk.path.append([node_key(obj) for obj in walk.near])
        if not walk.near:
            walk.finish()


def front_to_rear(walk: Walk, rears: dict[int, RearPort]) -> list[Any]:
    found = [rears[p.rear_port_id] for p in walk.far if p.rear_port_id in rears]
    unique = list({rear.pk: rear for rear in found}.values())
    if len(walk.far) == 1 and unique and unique[0].positions > 1:
        walk.positions.append(walk.far[0].rear_port_position)
    return unique


def rear_to_front(walk: Walk, fronts: dict[int, list[FrontPort]]) -> list[Any]:
    result: list[Any] = []
    for rear in walk.far:
        mapped = fronts.get(rear.pk, [])
        if rear.positions == 1:
            result.extend(mapped)
            continue
        if not walk.positions:
            walk.finish(split=True)
            return []
        position = walk.positions.pop()
        result.extend(p for p in mapped if p.rear_port_position == position)
    return result


# --- storing -------------------------------------------------------------------------


def save_paths(walks: list[Walk]) -> None:
    """Store each walk as its origin's CablePath (none when the origin has no cable)."""
    existing = existing_paths([walk.origin for walk in walks])
    to_create, to_update, stale = [], [], []
    for walk in walks:
        path = existing.get(node_key(walk.origin))
        if len(walk.path) == 1:
            if path is not None:
                stale.append(path.pk)
            setattr(walk.origin, "_path", None)  # noqa: B010 - any endpoint model
            continue
        if path is None:
            path = CablePath(origin=walk.origin)
            to_create.append(path)
        else:
            to_update.append(path)
        fill_path(path, walk)
        setattr(walk.origin, "_path", path)  # noqa: B010 - any endpoint model
    CablePath.objects.bulk_create(to_create)
    CablePath.objects.bulk_update(
        to_update, ["path", "nodes", "is_active", "is_complete", "is_split"]
    )
    link_origins([walk.origin for walk in walks])
    CablePath.objects.filter(pk__in=stale).delete()


def fill_path(path: CablePath, walk: Walk) -> None:
    path.path = walk.path
    path.nodes = [key for step in walk.path for key in step]
    path.is_complete = walk.complete
    path.is_active = walk.active
    path.is_split = walk.split


def existing_paths(origins: list[models.Model]) -> dict[str, CablePath]:
    by_type: dict[int, list[int]] = defaultdict(list)
    for origin in origins:
        by_type[ContentType.objects.get_for_model(type(origin)).pk].append(origin.pk)
    found: dict[str, CablePath] = {}
    for type_id, ids in by_type.items():
        for path in CablePath.objects.filter(origin_type_id=type_id, origin_id__in=ids):
            found[f"{type_id}:{path.origin_id}"] = path
    return found


def link_origins(origins: list[models.Model]) -> None:
    by_model: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    for origin in origins:
        by_model[type(origin)].append(origin)
    for model, objects in by_model.items():
        model._default_manager.bulk_update(objects, ["_path"])


def retrace(origins: Iterable[models.Model]) -> None:
    """Trace and store the paths of these endpoints."""
    endpoints = [origin for origin in origins if is_endpoint(origin)]
    if endpoints:
        save_paths(trace_many(endpoints))


def origins_through(keys: Iterable[str]) -> list[models.Model]:
    """The endpoints whose stored path passes through any of these nodes."""
    keys = list(keys)
    if not keys:
        return []
    paths = CablePath.objects.filter(nodes__overlap=keys).values_list("origin_type_id", "origin_id")
    return list(load_nodes(f"{type_id}:{pk}" for type_id, pk in paths).values())


def retrace_through(keys: Iterable[str], origins: Iterable[models.Model] = ()) -> None:
    """Retrace the given endpoints and every path passing through `keys` (call after the
    change; for deletions collect `origins_through` before deleting and pass them here)."""
    affected = {node_key(obj): obj for obj in [*origins, *origins_through(keys)]}
    fresh = load_nodes(affected)  # re-read: cable fields may have changed since
    retrace(fresh.values())
