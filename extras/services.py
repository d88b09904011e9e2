"""Config contexts: the merged `config_context` of devices and virtual machines.

`config_contexts_for(objects)` serves a whole list page in a constant number of
queries: the active contexts with their assignment lists (one query), then only the
facts the contexts ask about — sites, clusters, tenants, tags (one query each) and
the ancestry of regions, site groups, locations, roles and platforms (one recursive
query per tree). Matching and merging happen in memory.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import ManyToManyField, Model, OuterRef

from extras.models import ConfigContext, TaggedItem
from ipamcore.querysets import ancestor_ids

# Assignment list -> the object fact it is matched against.
ASSIGNMENTS = (
    "regions",
    "site_groups",
    "sites",
    "locations",
    "device_types",
    "roles",
    "platforms",
    "cluster_types",
    "cluster_groups",
    "clusters",
    "tenant_groups",
    "tenants",
    "tags",
)


def active_contexts() -> list[ConfigContext]:
    """Active contexts in merge order, each with `<assignment>_ids` lists."""
    lists = {}
    for name in ASSIGNMENTS:
        m2m = cast(ManyToManyField, ConfigContext._meta.get_field(name))
        through = cast(type[Model], m2m.remote_field.through)
        target = m2m.m2m_reverse_field_name()
        lists[f"{name}_ids"] = ArraySubquery(
            through._default_manager.filter(configcontext_id=OuterRef("pk")).values(f"{target}_id")
        )
    return list(
        ConfigContext.objects.filter(is_active=True).annotate(**lists).order_by("weight", "name")
    )


def deep_merge(base: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """`update` merged into `base`: nested dicts merge key by key, anything else replaces."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            deep_merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def config_contexts_for(objects: Sequence[Model]) -> dict[int, dict[str, Any]]:
    """The rendered config context of each device or VM (same model), keyed by pk:
    matching contexts by weight then name, deep-merged, local_context_data last."""
    objects = list(objects)
    contexts = active_contexts() if objects else []
    needed = {
        name for context in contexts for name in ASSIGNMENTS if getattr(context, f"{name}_ids")
    }
    facts = ObjectFacts(objects, needed)
    result = {}
    for obj in objects:
        merged: dict[str, Any] = {}
        mine = facts.of(obj)
        for context in contexts:
            if matches(context, mine) and isinstance(context.data, dict):
                deep_merge(merged, context.data)
        local = getattr(obj, "local_context_data", None)
        if isinstance(local, dict):
            deep_merge(merged, local)
        result[obj.pk] = merged
    return result


def matches(context: ConfigContext, facts: dict[str, set[int]]) -> bool:
    """Every non-empty assignment list shares an id with the object's facts."""
    for name in ASSIGNMENTS:
        wanted = getattr(context, f"{name}_ids")
        if wanted and not facts.get(name, set()).intersection(wanted):
            return False
    return True


class ObjectFacts:
    """What each object is (site, role, tags, ...), fetched once for the whole batch and
    only for the dimensions some context constrains."""

    def __init__(self, objects: list[Model], needed: set[str]) -> None:
        self.needed = needed
        self.sites = self.rows(
            "dcim",
            "Site",
            objects,
            "site_id",
            ("region_id", "group_id"),
            {"regions", "site_groups"},
        )
        self.clusters = self.rows(
            "virtualization",
            "Cluster",
            objects,
            "cluster_id",
            ("type_id", "group_id"),
            {"cluster_types", "cluster_groups"},
        )
        self.tenants = self.rows(
            "tenancy", "Tenant", objects, "tenant_id", ("group_id",), {"tenant_groups"}
        )
        self.trees = self.ancestry(objects)
        self.tags = self.tag_ids(objects) if "tags" in needed else {}

    def rows(
        self,
        app: str,
        model: str,
        objects: list[Model],
        fk: str,
        columns: tuple[str, ...],
        uses: set[str],
    ) -> dict[int, tuple[Any, ...]]:
        if not uses & self.needed:
            return {}
        from django.apps import apps

        ids = {getattr(obj, fk, None) for obj in objects} - {None}
        queryset = apps.get_model(app, model)._default_manager.filter(pk__in=ids)
        return {row[0]: row[1:] for row in queryset.values_list("pk", *columns)}

    def ancestry(self, objects: list[Model]) -> dict[str, dict[int, set[int]]]:
        from dcim.models import DeviceRole, Location, Platform, Region, SiteGroup

        sources = {
            "regions": (Region, [row[0] for row in self.sites.values()]),
            "site_groups": (SiteGroup, [row[1] for row in self.sites.values()]),
            "locations": (Location, [getattr(obj, "location_id", None) for obj in objects]),
            "roles": (DeviceRole, [getattr(obj, "role_id", None) for obj in objects]),
            "platforms": (Platform, [getattr(obj, "platform_id", None) for obj in objects]),
        }
        return {
            name: ancestor_ids(tree, ids)
            for name, (tree, ids) in sources.items()
            if name in self.needed
        }

    def tag_ids(self, objects: list[Model]) -> dict[int, set[int]]:
        content_type = ContentType.objects.get_for_model(type(objects[0]))
        rows = TaggedItem.objects.filter(
            content_type=content_type, object_id__in=[obj.pk for obj in objects]
        ).values_list("object_id", "tag_id")
        tags: dict[int, set[int]] = defaultdict(set)
        for object_id, tag_id in rows:
            tags[object_id].add(tag_id)
        return tags

    def of(self, obj: Model) -> dict[str, set[int]]:
        site = self.sites.get(getattr(obj, "site_id", None) or 0, (None, None))
        cluster = self.clusters.get(getattr(obj, "cluster_id", None) or 0, (None, None))
        tenant = self.tenants.get(getattr(obj, "tenant_id", None) or 0, (None,))
        facts = {
            "sites": {getattr(obj, "site_id", None)},
            "device_types": {getattr(obj, "device_type_id", None)},
            "clusters": {getattr(obj, "cluster_id", None)},
            "tenants": {getattr(obj, "tenant_id", None)},
            "cluster_types": {cluster[0]},
            "cluster_groups": {cluster[1]},
            "tenant_groups": {tenant[0]},
            "tags": self.tags.get(obj.pk, set()),
        }
        nodes = {
            "regions": site[0],
            "site_groups": site[1],
            "locations": getattr(obj, "location_id", None),
            "roles": getattr(obj, "role_id", None),
            "platforms": getattr(obj, "platform_id", None),
        }
        for name, node in nodes.items():
            facts[name] = self.trees.get(name, {}).get(node, set()) if node else set()
        return {name: values - {None} for name, values in facts.items()}
