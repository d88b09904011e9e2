"""Uniqueness inside one batch of new objects (a list POST, a bulk import).

Each item is validated against the database on its own, so two items of the same
batch that clash with each other would both pass and reach the database: as an
IntegrityError for a unique constraint, or not at all for rules a model checks in
clean() (a duplicate prefix in an enforce-unique VRF). Here each object names the
keys it occupies and the keys it may not meet; a clash is reported on the later item.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class BatchKey:
    """One uniqueness rule for an object of a batch."""

    occupies: Hashable
    conflicts: tuple[Hashable, ...]
    field: str
    message: str

    @classmethod
    def exclusive(cls, key: Hashable, field: str, message: str) -> BatchKey:
        """The common case: the key may appear once per batch."""
        return cls(key, (key,), field, message)


def constraint_keys(instance: models.Model) -> list[BatchKey]:
    """Keys of the model's unconditional multi-field unique constraints (NULLs never clash)."""
    keys = []
    meta = instance._meta
    for constraint in meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint):
            continue
        if constraint.condition is not None or not constraint.fields:
            continue
        values = tuple(getattr(instance, column(meta, name)) for name in constraint.fields)
        if any(value is None for value in values):
            continue
        message = constraint.violation_error_message or f"{constraint.name} is violated."
        keys.append(BatchKey.exclusive((constraint.name, values), "__all__", str(message)))
    return keys


def column(meta: Any, name: str) -> str:
    """The attribute holding a field's stored value (`group_id` for `group`)."""
    field = meta.get_field(name)
    return str(getattr(field, "attname", name))


def batch_keys(instance: models.Model) -> list[BatchKey]:
    """The constraint keys, plus those the model declares in a `batch_keys()` method."""
    own = getattr(instance, "batch_keys", None)
    return [*constraint_keys(instance), *(own() if own is not None else [])]


def batch_errors(instances: Iterable[Any]) -> list[dict[str, list[str]]]:
    """One error dict per object ({} when fine), in order."""
    taken: set[Hashable] = set()
    errors: list[dict[str, list[str]]] = []
    for instance in instances:
        error: dict[str, list[str]] = {}
        keys = batch_keys(instance) if instance is not None else []
        for key in keys:
            if any(conflict in taken for conflict in key.conflicts):
                error.setdefault(key.field, []).append(key.message)
        taken.update(key.occupies for key in keys)
        errors.append(error)
    return errors
