"""The changelog: every create, update and delete of a change-logged model records
an ObjectChange row in the transaction of the change, attributed to the user and
the request id. Recording is set-based: one snapshot query per relation and one
INSERT per batch, whatever the batch size.

Every write path calls these functions (REST viewsets, and later the UI, GraphQL,
imports and jobs); commands and jobs wrap their writes in `change_context()`.
Next to each batch of changelog rows, the events subscribed by event rules go into
the webhook outbox (extras.events), in the same transaction; deletes first pass the
configured PROTECTION_RULES.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.backends.postgresql.psycopg_any import Range
from django.db.models.deletion import Collector
from django.utils import timezone

from ipamcore.models import ChangeLoggedModel, ObjectChange
from ipamcore.validators import check_protection_rules

# Not part of a snapshot: it changes on every save, and would make no-op updates look real.
SNAPSHOT_EXCLUDE = frozenset({"last_updated", "custom_field_data"})


@dataclass
class ChangeContext:
    user: Any = None
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    # The HTTP request making the changes, if any (validators and event payloads read it).
    request: Any = None


_context: contextvars.ContextVar[ChangeContext | None] = contextvars.ContextVar(
    "change_context", default=None
)


@contextmanager
def change_context(
    user: Any = None, request_id: uuid.UUID | None = None
) -> Iterator[ChangeContext]:
    """Attribute the changes made inside to a user and one request id."""
    context = ChangeContext(user=user, request_id=request_id or uuid.uuid4())
    token = _context.set(context)
    try:
        yield context
    finally:
        _context.reset(token)


def current_context() -> ChangeContext:
    return _context.get() or ChangeContext()


def is_logged(model: type[models.Model]) -> bool:
    return issubclass(model, ChangeLoggedModel)


# --- snapshots ---------------------------------------------------------------------


def json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: json_value(item) for key, item in value.items()}
    if isinstance(value, Range):
        return range_value(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def range_value(value: Range) -> list[Any]:
    """A PostgreSQL range as the API writes it: [lower, upper], integer bounds inclusive."""
    upper = value.upper
    if isinstance(upper, int) and not value.upper_inc:
        upper -= 1
    return [value.lower, upper]


def snapshot_many(instances: Sequence[models.Model]) -> dict[Any, dict[str, Any]]:
    """Flat snapshots of database fields keyed by pk: FKs as ids, M2M as sorted id lists,
    tags as sorted names, custom fields as stored. A fixed number of queries."""
    if not instances:
        return {}
    model = type(instances[0])
    meta = model._meta
    snapshots: dict[Any, dict[str, Any]] = {}
    for instance in instances:
        data = {
            f.name: json_value(getattr(instance, f.attname))
            for f in meta.concrete_fields
            if not f.primary_key and f.name not in SNAPSHOT_EXCLUDE
        }
        if hasattr(instance, "custom_field_data"):
            data["custom_fields"] = instance.custom_field_data
        snapshots[instance.pk] = data
    pks = list(snapshots)
    for m2m in meta.many_to_many:
        values: dict[Any, list[Any]] = defaultdict(list)
        through: type[models.Model] = m2m.remote_field.through  # type: ignore[assignment]
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        rows = through._default_manager.filter(**{f"{source}__in": pks}).values_list(
            f"{source}_id", f"{target}_id"
        )
        for pk, related in rows:
            values[pk].append(related)
        for pk in pks:
            snapshots[pk][m2m.name] = sorted(values[pk])
    if any(f.name == "tagged_items" for f in meta.private_fields):
        add_tag_names(model, snapshots)
    return snapshots


def add_tag_names(model: type[models.Model], snapshots: dict[Any, dict[str, Any]]) -> None:
    from extras.models import TaggedItem

    names: dict[Any, list[str]] = defaultdict(list)
    rows = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(snapshots)
    ).values_list("object_id", "tag__name")
    for pk, name in rows:
        names[pk].append(name)
    for pk, snapshot in snapshots.items():
        snapshot["tags"] = sorted(names[pk])


# --- recording ---------------------------------------------------------------------


def related_object(instance: models.Model) -> models.Model | None:
    """The parent a change belongs to (e.g. an interface's device), if the model names one."""
    name = getattr(type(instance), "changelog_parent", None)
    return getattr(instance, name, None) if name else None


def build_change(
    action: str,
    instance: models.Model,
    pre: dict[str, Any] | None,
    post: dict[str, Any] | None,
    message: str,
    context: ChangeContext,
) -> ObjectChange:
    parent = related_object(instance)
    user = context.user if getattr(context.user, "is_authenticated", False) else None
    return ObjectChange(
        user=user,
        user_name=user.get_username() if user is not None else "",
        request_id=context.request_id,
        action=action,
        changed_object_type=ContentType.objects.get_for_model(type(instance)),
        changed_object_id=instance.pk,
        related_object_type=(
            ContentType.objects.get_for_model(type(parent)) if parent is not None else None
        ),
        related_object_id=parent.pk if parent is not None else None,
        object_repr=str(instance)[:200],
        message=(message or "")[:200],
        prechange_data=pre,
        postchange_data=post,
    )


def record_creates(
    instances: Sequence[models.Model], messages: Iterable[str] | None = None
) -> None:
    if not instances or not is_logged(type(instances[0])):
        return
    context = current_context()
    posts = snapshot_many(instances)
    texts = list(messages) if messages is not None else [""] * len(instances)
    ObjectChange.objects.bulk_create(
        build_change("create", obj, None, posts[obj.pk], text, context)
        for obj, text in zip(instances, texts, strict=True)
    )
    record_events("object_created", instances, {}, posts)


def record_updates(
    instances: Sequence[models.Model],
    prechange: dict[Any, dict[str, Any]],
    messages: Iterable[str] | None = None,
) -> None:
    """Record updates whose snapshot changed; a no-op update leaves no row."""
    if not instances or not is_logged(type(instances[0])):
        return
    context = current_context()
    posts = snapshot_many(instances)
    texts = list(messages) if messages is not None else [""] * len(instances)
    changed = [obj for obj in instances if prechange.get(obj.pk) != posts[obj.pk]]
    ObjectChange.objects.bulk_create(
        build_change("update", obj, prechange.get(obj.pk), posts[obj.pk], text, context)
        for obj, text in zip(instances, texts, strict=True)
        if prechange.get(obj.pk) != posts[obj.pk]
    )
    record_events("object_updated", changed, prechange, posts)


def record_events(
    event_type: str,
    instances: list[models.Model],
    prechange: dict[Any, Any],
    postchange: dict[Any, Any],
) -> None:
    from extras import events

    events.record(event_type, instances, prechange, postchange)


def delete_with_changelog(instances: Sequence[models.Model], message: str = "") -> int:
    """Delete the objects and everything that cascades from them, recording one
    delete per change-logged object, in one collector pass."""
    if not instances:
        return 0
    collector = Collector(using="default", origin=instances[0])
    collector.collect(list(instances))
    doomed: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    for model, objects in collector.data.items():
        if is_logged(model):
            doomed[model].extend(objects)
    for queryset in collector.fast_deletes:
        if is_logged(queryset.model):
            doomed[queryset.model].extend(queryset)
    context = current_context()
    # The objects asked for and every change-logged object that cascades from them.
    checked = {(type(obj), obj.pk): obj for obj in instances}
    checked.update({(model, obj.pk): obj for model, objs in doomed.items() for obj in objs})
    check_protection_rules(checked.values(), context.request)
    changes: list[ObjectChange] = []
    for objects in doomed.values():
        pres = snapshot_many(objects)
        changes.extend(
            build_change("delete", obj, pres[obj.pk], None, message, context) for obj in objects
        )
        # Before the rows go: the payload carries the object as it was.
        record_events("object_deleted", objects, pres, {})
    ObjectChange.objects.bulk_create(changes)
    deleted, _ = collector.delete()
    return deleted


def update_with_changelog[M: models.Model](
    instances: Iterable[M],
    fields: tuple[str, ...],
    change: Callable[[M], None],
    message: str = "",
) -> None:
    """Side-effect updates (e.g. un-assigning the IPs of a deleted device): snapshot,
    `change` each instance in memory, save `fields` in one UPDATE per model, and record
    the updates that changed something."""
    by_model: dict[type[M], list[M]] = defaultdict(list)
    for instance in instances:
        by_model[type(instance)].append(instance)
    for model, objects in by_model.items():
        pre = snapshot_many(objects)
        for obj in objects:
            change(obj)
        saved = list(fields)
        if any(f.name == "last_updated" for f in model._meta.concrete_fields):
            now = timezone.now()
            for obj in objects:
                obj.last_updated = now  # type: ignore[attr-defined]
            saved.append("last_updated")
        model._default_manager.bulk_update(objects, saved)
        record_updates(objects, pre, [message] * len(objects))
