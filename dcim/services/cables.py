"""Cabling: connect and disconnect cable ends, and read what is on the other side.

Every write validates the ends with Cable.validate_terminations, mirrors
`cable`/`cable_end` onto the endpoints (recorded in the changelog), and retraces the
paths the change touches, in the caller's transaction. The cable's own create or
update record is the caller's (the REST viewsets record it); deletes record all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dcim.choices import CableEndChoices
from dcim.models import Cable, CablePath, CableTermination
from dcim.services.paths import (
    load_nodes,
    node_key,
    origins_through,
    retrace,
    retrace_through,
)
from ipamcore import changelog

END_FIELDS: dict[str, str] = {"A": "a_terminations", "B": "b_terminations"}


def create_cable(
    cable: Cable, a_terminations: Sequence[Any], b_terminations: Sequence[Any]
) -> Cable:
    """Save a new cable with both ends; raises ValidationError (keyed a_terminations /
    b_terminations) when the ends break a cabling rule."""
    cable.validate_terminations(a_terminations, b_terminations)
    cable.save()
    attach(cable, CableEndChoices.A, a_terminations)
    attach(cable, CableEndChoices.B, b_terminations)
    ends = [*a_terminations, *b_terminations]
    retrace_through([node_key(term) for term in ends], ends)
    return cable


def update_cable(
    cable: Cable,
    a_terminations: Sequence[Any] | None = None,
    b_terminations: Sequence[Any] | None = None,
) -> Cable:
    """Save a cable's fields and, for each end given, replace that end's terminations.
    Paths through the cable are retraced (its status decides whether they are active)."""
    cable.validate_terminations(a_terminations, b_terminations)
    before = {end: cable.terminations_at(end) for end in END_FIELDS}
    touched = [obj for objs in before.values() for obj in objs]
    keys = [node_key(cable), *(node_key(obj) for obj in touched)]
    affected = origins_through(keys)
    cable.save()
    for end, wanted in ((CableEndChoices.A, a_terminations), (CableEndChoices.B, b_terminations)):
        if wanted is not None:
            replace_end(cable, end, before[end], list(wanted))
            touched.extend(wanted)
    retrace_through([*keys, *(node_key(obj) for obj in touched)], [*affected, *touched])
    return cable


def delete_cables(cables: Sequence[Cable], message: str = "") -> int:
    """Delete cables with their terminations; the former ends lose their cable and
    every path that ran through them is retraced."""
    cables = list(cables)
    if not cables:
        return 0
    rows = CableTermination.objects.filter(cable__in=cables)
    ends = list(
        load_nodes(
            f"{t}:{o}" for t, o in rows.values_list("termination_type_id", "termination_id")
        ).values()
    )
    keys = [*(node_key(cable) for cable in cables), *(node_key(obj) for obj in ends)]
    affected = origins_through(keys)
    changelog.update_with_changelog(ends, ("cable", "cable_end"), detach_end, message)
    deleted = changelog.delete_with_changelog(cables, message)
    survivors = load_nodes(node_key(obj) for obj in [*affected, *ends])
    retrace(survivors.values())
    return deleted


def attach(cable: Cable, end: str, terminations: Iterable[Any]) -> None:
    terminations = list(terminations)
    if not terminations:
        return
    rows = []
    for term in terminations:
        row = CableTermination(cable=cable, cable_end=end, termination=term)
        row.cache_related()
        rows.append(row)
    try:
        with transaction.atomic():
            CableTermination.objects.bulk_create(rows)
    except IntegrityError as exc:
        # Another request cabled one of these ends since validation.
        raise ValidationError({END_FIELDS[end]: "Duplicate termination found."}) from exc
    changelog.record_creates(rows)

    def connect(obj: Any) -> None:
        obj.cable, obj.cable_end = cable, end

    changelog.update_with_changelog(terminations, ("cable", "cable_end"), connect)


def replace_end(cable: Cable, end: str, current: list[Any], wanted: list[Any]) -> None:
    wanted_keys = {node_key(obj) for obj in wanted}
    current_keys = {node_key(obj) for obj in current}
    removed = [obj for obj in current if node_key(obj) not in wanted_keys]
    if removed:
        removed_keys = {node_key(obj) for obj in removed}
        doomed = [
            row
            for row in cable.terminations.all()
            if row.cable_end == end
            and f"{row.termination_type_id}:{row.termination_id}" in removed_keys
        ]
        changelog.delete_with_changelog(doomed)
        changelog.update_with_changelog(removed, ("cable", "cable_end"), detach_end)
    attach(cable, end, [obj for obj in wanted if node_key(obj) not in current_keys])


def detach_end(obj: Any) -> None:
    obj.cable, obj.cable_end = None, ""


# --- reading -------------------------------------------------------------------------


def link_peers_for(objects: Iterable[Any]) -> dict[str, list[Any]]:
    """For each cabled object (by node key), the terminations at the far end of its
    cable. One query for the terminations and one per peer type, for any number."""
    objects = [obj for obj in objects if obj.cable_id]
    rows = CableTermination.objects.filter(cable_id__in={o.cable_id for o in objects})
    ends: dict[tuple[int, str], list[str]] = defaultdict(list)
    for cable_id, end, type_id, object_id in rows.values_list(
        "cable_id", "cable_end", "termination_type_id", "termination_id"
    ):
        ends[(cable_id, end)].append(f"{type_id}:{object_id}")
    peers = load_nodes(key for keys in ends.values() for key in keys)
    result = {}
    for obj in objects:
        other = CableEndChoices.B if obj.cable_end == CableEndChoices.A else CableEndChoices.A
        keys = ends.get((obj.cable_id, other), [])
        result[node_key(obj)] = [peers[key] for key in keys if key in peers]
    return result


def connected_endpoints_for(objects: Iterable[Any]) -> dict[str, tuple[list[Any], bool]]:
    """For each path endpoint (by node key): the endpoints at the far end of its complete
    path, and whether they are reachable (every cable on the way connected)."""
    objects = [obj for obj in objects if getattr(obj, "_path_id", None)]
    paths = CablePath.objects.in_bulk({obj._path_id for obj in objects})
    nodes = load_nodes(key for path in paths.values() for key in path.destination_keys)
    result = {}
    for obj in objects:
        path = paths.get(obj._path_id)
        if path is None or not path.is_complete:
            continue
        found = [nodes[key] for key in path.destination_keys if key in nodes]
        result[node_key(obj)] = (found, path.is_active)
    return result


def trace(endpoint: Any) -> list[tuple[list[Any], Any, list[Any]]]:
    """The endpoint's path as (near ends, cable or None, far ends) triples, through every
    patch panel on the way; an unfinished last hop is padded with None and []."""
    path = CablePath.objects.filter(pk=endpoint._path_id).first() if endpoint._path_id else None
    if path is None:
        return []
    objects = load_nodes(key for step in path.path for key in step)
    steps = [[objects[key] for key in step if key in objects] for step in path.path]
    steps += [[] for _ in range(-len(steps) % 3)]
    return [
        (steps[i], steps[i + 1][0] if steps[i + 1] else None, steps[i + 2])
        for i in range(0, len(steps), 3)
    ]


def paths_through(port: Any) -> list[CablePath]:
    """The stored paths that pass through a front or rear port."""
    return list(CablePath.objects.filter(nodes__contains=[node_key(port)]).order_by("pk"))
