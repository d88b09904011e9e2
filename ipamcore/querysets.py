"""Annotations shared by many object types: related-object counts and tree depth/counts,
each one correlated subquery, so a list page costs the same number of queries
whatever its size and counts never multiply through joins.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce


def count_related(model: type[models.Model], field: str) -> Coalesce:
    """How many `model` rows point at the outer row through `field`."""
    counts = (
        model._default_manager.filter(**{field: OuterRef("pk")})
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
    from django.contrib.contenttypes.models import ContentType

    target_type = ContentType.objects.get_for_model(target)
    counts = (
        model._default_manager.filter(**{type_field: target_type, id_field: OuterRef("pk")})
        .order_by()
        .values(id_field)
        .annotate(c=Count("*"))
        .values("c")
    )
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
