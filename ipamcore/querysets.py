"""Annotations shared by many object types: related-object counts and tree depth/counts,
each one correlated subquery, so a list page costs the same number of queries
whatever its size and counts never multiply through joins.

Counts of registered object types follow object permissions: inside `counting_for(user)`
(the REST viewsets build their querysets there) a count includes only the related objects
the user may view, so it agrees with what the user's own filtered list would show
(NetBox's counts ignore constraints: its issue 16093). Tree counts (tree_count) and
counts built outside a request (webhook payloads, the schema) count every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connection, models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from ipamcore import permissions

_counting_user: ContextVar[Any] = ContextVar("ipamcore_counting_user", default=None)


@contextmanager
def counting_for(user: Any) -> Iterator[None]:
    """Counts annotated while this is open include only what `user` may view."""
    token = _counting_user.set(user)
    try:
        yield
    finally:
        _counting_user.reset(token)


def visible_rows(queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """The counted rows, narrowed to what the counting user may view (registered object
    types only: through tables and the like have no permissions of their own)."""
    from ipamcore import registry

    user = _counting_user.get()
    if user is None or registry.find(queryset.model) is None:
        return queryset
    return permissions.restrict(queryset, user, "view")


def count_related(model: type[models.Model], field: str) -> Coalesce:
    """How many `model` rows point at the outer row through `field`."""
    counts = (
        visible_rows(model._default_manager.filter(**{field: OuterRef("pk")}))
        .order_by()
        .values(field)
        .annotate(c=Count("*"))
        .values("c")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def count_generic(
    model: type[models.Model], type_field: str, id_field: str, target: type[models.Model]
) -> Coalesce:
    """How many `model` rows point at the outer row through a generic relation, e.g.
    count_generic(IPAddress, "assigned_object_type", "assigned_object_id", Interface)."""
    # The type is matched by name inside the subquery, not resolved to an id here: building
    # the queryset must not touch the database (the OpenAPI schema is built without one).
    opts = target._meta
    rows = model._default_manager.filter(
        **{
            f"{type_field}__app_label": opts.app_label,
            f"{type_field}__model": opts.model_name,
            id_field: OuterRef("pk"),
        }
    )
    counts = visible_rows(rows).order_by().values(id_field).annotate(c=Count("*")).values("c")
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def tree_depth(tree: type[models.Model]) -> RawSQL:
    """Number of ancestors of the outer row (0 for a root)."""
    table = tree._meta.db_table
    sql = f"""(
        WITH RECURSIVE up(id, parent_id) AS (
            SELECT t.id, t.parent_id FROM {table} t WHERE t.id = "{table}"."parent_id"
            UNION ALL
            SELECT p.id, p.parent_id FROM {table} p JOIN up ON p.id = up.parent_id
        ) SELECT COUNT(*) FROM up)"""
    return RawSQL(sql, (), output_field=IntegerField())


def tree_count(tree: type[models.Model], model: type[models.Model], fk_column: str) -> RawSQL:
    """Rows of `model` attached to the outer tree node or any of its descendants."""
    table = tree._meta.db_table
    counted = model._meta.db_table
    sql = f"""(
        WITH RECURSIVE down(id) AS (
            SELECT "{table}"."id"
            UNION ALL
            SELECT c.id FROM {table} c JOIN down ON c.parent_id = down.id
        )
        SELECT COUNT(*) FROM {counted} m WHERE m.{fk_column} IN (SELECT id FROM down))"""
    return RawSQL(sql, (), output_field=IntegerField())


def ancestor_ids(tree: type[models.Model], ids: Iterable[int | None]) -> dict[int, set[int]]:
    """Each node and all its ancestors, for many nodes in one recursive query."""
    wanted = sorted({pk for pk in ids if pk is not None})
    if not wanted:
        return {}
    table = tree._meta.db_table
    sql = f"""
        WITH RECURSIVE up(node, id, parent_id) AS (
            SELECT t.id, t.id, t.parent_id FROM {table} t WHERE t.id = ANY(%s)
            UNION ALL
            SELECT up.node, p.id, p.parent_id FROM {table} p JOIN up ON p.id = up.parent_id
        ) SELECT node, id FROM up"""
    result: dict[int, set[int]] = {pk: set() for pk in wanted}
    with connection.cursor() as cursor:
        cursor.execute(sql, [wanted])
        for node, ancestor in cursor.fetchall():
            result[node].add(ancestor)
    return result
