"""Field helpers for the DCIM and virtualization types."""

from __future__ import annotations

from typing import Any

import strawberry_django
from django.db.models import QuerySet


def counted(name: str, expression: Any) -> Any:
    """A count the database computes in the row's own query (a subquery per column, not a
    query per row), e.g. `interface_count`, the same number the REST API shows."""
    attr = f"_graphql_{name}"

    def resolve(root: Any) -> int:
        return int(getattr(root, attr))

    return strawberry_django.field(resolver=resolve, annotate={attr: expression}, name=name)


# --- config contexts -----------------------------------------------------------------------
# A device's config context is merged in Python from every context that matches it, and
# extras.services.config_contexts_for() does that for a whole batch in a fixed number of
# queries. The rows a queryset returns (a root list, or a nested list's prefetch) become one
# batch, merged on the first `config_context` read: nothing is done when no one asks.

BATCH_ATTR = "_graphql_config_batch"


class ConfigContextBatch:
    def __init__(self, objects: list[Any]) -> None:
        self.objects = objects
        self.contexts: dict[int, dict[str, Any]] | None = None

    def context_of(self, obj: Any) -> dict[str, Any]:
        if self.contexts is None:
            from extras.services import config_contexts_for

            self.contexts = config_contexts_for(self.objects)
        return self.contexts[obj.pk]


class ConfigContextBatchMixin:
    """A QuerySet that ties the rows it fetches together into one ConfigContextBatch."""

    _result_cache: list[Any] | None

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()  # type: ignore[misc]
        if fresh and self._result_cache:
            rows = [row for row in self._result_cache if hasattr(row, "local_context_data")]
            batch = ConfigContextBatch(rows)
            for row in rows:
                setattr(row, BATCH_ATTR, batch)


_batching_classes: dict[type, type] = {}


def batch_config_contexts(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """`queryset`, batching config contexts (its clones keep doing so)."""
    base = type(queryset)
    if issubclass(base, ConfigContextBatchMixin):
        return queryset
    if base not in _batching_classes:
        _batching_classes[base] = type(
            f"ConfigContextBatch{base.__name__}", (ConfigContextBatchMixin, base), {}
        )
    queryset.__class__ = _batching_classes[base]
    return queryset


def config_context_of(obj: Any) -> Any:
    batch = getattr(obj, BATCH_ATTR, None)
    if batch is None:  # not fetched through a batching queryset: merge it alone
        from extras.services import config_contexts_for

        return config_contexts_for([obj])[obj.pk]
    return batch.context_of(obj)  # type: ignore[no-any-return]
