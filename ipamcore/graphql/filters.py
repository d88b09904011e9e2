"""Filter inputs in NetBox 4.5+'s syntax, shared by every app's `graphql/filters.py`.

Every model field is filtered through an explicit lookup object (`id: {exact: 1}`,
`name: {i_contains: "core"}`, `status: {exact: STATUS_ACTIVE}`), combined with
`AND`/`OR`/`NOT`/`DISTINCT` (strawberry-django adds those to every filter type).
The mixins below carry the fields every model of a kind has; apps add their own
fields and methods (tree ids, IP containment, custom fields, tags).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
import strawberry_django
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from strawberry import ID
from strawberry.types import Info
from strawberry_django import (
    BaseFilterLookup,
    ComparisonFilterLookup,
    DatetimeFilterLookup,
    StrFilterLookup,
)
from strawberry_django.filters import process_filters

if TYPE_CHECKING:
    from extras.graphql.filters import TagFilter

__all__ = [
    "BaseFilterLookup",
    "ComparisonFilterLookup",
    "DatetimeFilterLookup",
    "StrFilterLookup",
]

_NON_WORD = re.compile(r"[^A-Za-z0-9]+")


def choices_enum(choices: type[models.Choices], field: str, name: str = "") -> Any:
    """A GraphQL enum of a Django choice set, named as NetBox names it: the set's name
    without `Choices` plus `Enum` (PrefixStatusEnum), members `<FIELD>_<VALUE>`
    (STATUS_ACTIVE, TYPE_1000BASE_T); each member's value is the stored value."""
    enum_name = name or choices.__name__.removesuffix("Choices") + "Enum"
    members = {
        f"{field}_{_NON_WORD.sub('_', str(value))}".upper().strip("_"): value
        for value in choices.values
    }
    enum: Any = Enum(enum_name, members)  # type: ignore[misc]
    return strawberry.enum(enum, name=enum_name)


# --- tree ids -------------------------------------------------------------------------


@strawberry.enum
class TreeNodeMatch(Enum):
    EXACT = "exact"  # the node itself
    DESCENDANTS = "descendants"
    SELF_AND_DESCENDANTS = "self_and_descendants"
    CHILDREN = "children"
    SIBLINGS = "siblings"
    ANCESTORS = "ancestors"
    PARENT = "parent"


@strawberry.input(description="A node of a tree (region, site group, location, tenant group…).")
class TreeNodeFilter:
    id: ID
    match_type: TreeNodeMatch = TreeNodeMatch.EXACT


def _tree_ids(tree: type[models.Model], node_id: int, match: TreeNodeMatch) -> Any:
    """The ids of `tree` rows that `match` relates to node `node_id`, as SQL (no query now)."""
    table = tree._meta.db_table
    down = f"""WITH RECURSIVE down(id) AS (
        SELECT id FROM {table} WHERE id = %s
        UNION ALL SELECT c.id FROM {table} c JOIN down ON c.parent_id = down.id)"""
    up = f"""WITH RECURSIVE up(id, parent_id) AS (
        SELECT id, parent_id FROM {table} WHERE id = %s
        UNION ALL SELECT p.id, p.parent_id FROM {table} p JOIN up ON p.id = up.parent_id)"""
    sql, uses = {
        TreeNodeMatch.DESCENDANTS: (f"{down} SELECT id FROM down WHERE id <> %s", 2),
        TreeNodeMatch.SELF_AND_DESCENDANTS: (f"{down} SELECT id FROM down", 1),
        TreeNodeMatch.ANCESTORS: (f"{up} SELECT id FROM up WHERE id <> %s", 2),
        TreeNodeMatch.CHILDREN: (f"SELECT id FROM {table} WHERE parent_id = %s", 1),
        TreeNodeMatch.SIBLINGS: (
            f"""SELECT s.id FROM {table} s JOIN {table} n
            ON s.parent_id IS NOT DISTINCT FROM n.parent_id WHERE n.id = %s AND s.id <> %s""",
            2,
        ),
        TreeNodeMatch.PARENT: (
            f"SELECT parent_id FROM {table} WHERE id = %s AND parent_id IS NOT NULL",
            1,
        ),
    }[match]
    return RawSQL(sql, (node_id,) * uses)


def tree_q(tree: type[models.Model], path: str, value: TreeNodeFilter) -> Q:
    """Rows whose `path` (a foreign key to `tree`, or the tree's own pk) points at a
    node that `value` selects."""
    try:
        node_id = int(value.id)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"Invalid tree node id: {value.id!r}") from exc
    if value.match_type is TreeNodeMatch.EXACT:
        return Q(**{path: node_id})
    return Q(**{f"{path}__in": _tree_ids(tree, node_id, value.match_type)})


# --- custom fields ----------------------------------------------------------------


@strawberry.input(one_of=True, description="One lookup on a JSON value.")
class JSONLookup:
    string_lookup: StrFilterLookup | None = strawberry.UNSET
    int_comparison_lookup: ComparisonFilterLookup[int] | None = strawberry.UNSET
    float_comparison_lookup: ComparisonFilterLookup[float] | None = strawberry.UNSET
    boolean_lookup: BaseFilterLookup[bool] | None = strawberry.UNSET


@strawberry.input(description="A lookup on the value at `path` (a key, or keys joined by __).")
class JSONFilter:
    path: str
    lookup: JSONLookup


_JSON_PATH = re.compile(r"^[A-Za-z0-9_]+$")


def json_q(
    column: str, value: JSONFilter, queryset: QuerySet[Any], info: Info
) -> tuple[QuerySet[Any], Q]:
    if not _JSON_PATH.match(value.path) or value.path.startswith("_"):
        raise ValueError(f"Invalid JSON path: {value.path!r}")
    chosen = next(
        lookup
        for lookup in (
            value.lookup.string_lookup,
            value.lookup.int_comparison_lookup,
            value.lookup.float_comparison_lookup,
            value.lookup.boolean_lookup,
        )
        if lookup not in (None, strawberry.UNSET)
    )
    return process_filters(chosen, queryset, info, prefix=f"{column}__{value.path}__")  # type: ignore[arg-type]


# --- mixins ---------------------------------------------------------------------------


@strawberry.input
class BaseFilterMixin:
    id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()


@strawberry.input
class ChangeLoggedFilterMixin(BaseFilterMixin):
    created: DatetimeFilterLookup | None = strawberry_django.filter_field()
    last_updated: DatetimeFilterLookup | None = strawberry_django.filter_field()


def tagged_q(queryset: QuerySet[Any], prefix: str, tags: QuerySet[Any]) -> Q:
    """Rows (at `prefix`) that carry at least one of `tags`."""
    from django.contrib.contenttypes.models import ContentType

    from extras.models import TaggedItem

    model = queryset.model
    for part in filter(None, prefix.split("__")):
        model = model._meta.get_field(part).related_model
    content_type = ContentType.objects.get_for_model(model)
    items = TaggedItem.objects.filter(
        content_type=content_type, object_id=OuterRef(f"{prefix}pk"), tag__in=tags
    )
    return Q(Exists(items))


@strawberry.input
class TaggedFilterMixin(ChangeLoggedFilterMixin):
    @strawberry_django.filter_field(description="Objects with a tag matching this filter.")
    def tags(
        self,
        info: Info,
        queryset: QuerySet[Any],
        value: Annotated[TagFilter, strawberry.lazy("extras.graphql.filters")],
        prefix: str,
    ) -> tuple[QuerySet[Any], Q]:
        from extras.models import Tag

        tags = Tag.objects.all()
        tags, tag_q = process_filters(value, tags, info)  # type: ignore[arg-type]
        return queryset, tagged_q(queryset, prefix, tags.filter(tag_q))

    @strawberry_django.filter_field(
        description='Custom field values: {path: "cf_name", lookup: {string_lookup: {...}}}.'
    )
    def custom_field_data(
        self, info: Info, queryset: QuerySet[Any], value: JSONFilter, prefix: str
    ) -> tuple[QuerySet[Any], Q]:
        return json_q(f"{prefix}custom_field_data", value, queryset, info)


@strawberry.input
class PrimaryFilterMixin(TaggedFilterMixin):
    description: StrFilterLookup | None = strawberry_django.filter_field()
    comments: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry.input
class OrganizationalFilterMixin(PrimaryFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    slug: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry.input
class NestedGroupFilterMixin(OrganizationalFilterMixin):
    """Trees: `parent_id: {id: 1, match_type: DESCENDANTS}` (the model's own tree)."""

    @strawberry_django.filter_field(description="Nodes related to this node of the same tree.")
    def parent_id(
        self, info: Info, queryset: QuerySet[Any], value: TreeNodeFilter, prefix: str
    ) -> Q:
        model = queryset.model
        for part in filter(None, prefix.split("__")):
            model = model._meta.get_field(part).related_model
        if value.match_type is TreeNodeMatch.EXACT:
            return Q(**{f"{prefix}parent_id": int(value.id)})
        return tree_q(model, f"{prefix}pk", value)


# --- IP addresses and networks ------------------------------------------------------------


@strawberry.enum(name="IPAddressFamilyEnum")
class IPAddressFamilyEnum(Enum):
    FAMILY_4 = 4
    FAMILY_6 = 6


def _family_q(
    path: str, value: BaseFilterLookup[IPAddressFamilyEnum], queryset: QuerySet[Any], info: Info
) -> tuple[QuerySet[Any], Q]:
    return process_filters(value, queryset, info, prefix=f"{path}__family__")  # type: ignore[arg-type]


def _any_of(path: str, lookup: str, values: list[str]) -> Q:
    condition = Q()
    for value in values:
        condition |= Q(**{f"{path}__{lookup}": value})
    return condition if values else Q(pk__in=[])


@strawberry.input
class NetworkFilterMixin:
    """Prefixes and aggregates (the `prefix` column): containment and family."""

    prefix: BaseFilterLookup[str] | None = strawberry_django.filter_field()

    @strawberry_django.filter_field(description="FAMILY_4 or FAMILY_6.")
    def family(
        self,
        info: Info,
        queryset: QuerySet[Any],
        value: BaseFilterLookup[IPAddressFamilyEnum],
        prefix: str,
    ) -> tuple[QuerySet[Any], Q]:
        return _family_q(f"{prefix}prefix", value, queryset, info)

    @strawberry_django.filter_field(description="Networks containing (or equal to) any of these.")
    def contains(self, value: list[str], prefix: str) -> Q:
        return _any_of(f"{prefix}prefix", "net_contains_or_equals", value)

    @strawberry_django.filter_field(description="Networks strictly inside this one.")
    def within(self, value: str, prefix: str) -> Q:
        return Q(**{f"{prefix}prefix__net_contained": value})

    @strawberry_django.filter_field(description="Networks inside or equal to this one.")
    def within_include(self, value: str, prefix: str) -> Q:
        return Q(**{f"{prefix}prefix__net_contained_or_equal": value})

    @strawberry_django.filter_field(description="The prefix length.")
    def mask_length(
        self, info: Info, queryset: QuerySet[Any], value: ComparisonFilterLookup[int], prefix: str
    ) -> tuple[QuerySet[Any], Q]:
        return process_filters(value, queryset, info, prefix=f"{prefix}prefix__net_mask_length__")  # type: ignore[arg-type]


@strawberry.input
class AddressFilterMixin:
    """IP addresses (the `address` column)."""

    @strawberry_django.filter_field(description="Addresses whose host is any of these (any mask).")
    def address(self, value: list[str], prefix: str) -> Q:
        return _any_of(f"{prefix}address", "net_host", value)

    @strawberry_django.filter_field(description="FAMILY_4 or FAMILY_6.")
    def family(
        self,
        info: Info,
        queryset: QuerySet[Any],
        value: BaseFilterLookup[IPAddressFamilyEnum],
        prefix: str,
    ) -> tuple[QuerySet[Any], Q]:
        return _family_q(f"{prefix}address", value, queryset, info)

    @strawberry_django.filter_field(description="Addresses inside any of these networks.")
    def parent(self, value: list[str], prefix: str) -> Q:
        return _any_of(f"{prefix}address", "net_host_contained", value)

    @strawberry_django.filter_field(description="The mask length.")
    def mask_length(
        self, info: Info, queryset: QuerySet[Any], value: ComparisonFilterLookup[int], prefix: str
    ) -> tuple[QuerySet[Any], Q]:
        return process_filters(value, queryset, info, prefix=f"{prefix}address__net_mask_length__")  # type: ignore[arg-type]
