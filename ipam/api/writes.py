"""Creating IPAM objects from validated serializers, with every side effect: batch rules,
save and changelog, and the refresh of cached hierarchy and utilization. Used by the
list POSTs and by the available-* allocations alike (the caller holds the locks).
"""

from __future__ import annotations

from django.db.models import Model
from rest_framework import serializers

from ipam.services import hierarchy, positions
from ipam.services.addresses import address_errors
from ipamcore.api.viewsets import record_created, save_created


def built(serializer: serializers.BaseSerializer) -> list[Model]:
    """The instances a validated create serializer is about to save."""
    data = serializer.validated_data
    items = data if isinstance(data, list) else [data]
    return [item["_built"] for item in items]


def is_many(serializer: serializers.BaseSerializer) -> bool:
    return isinstance(serializer.validated_data, list)


def check_addresses(instances: list[Model], many: bool) -> None:
    """Duplicates and populated ranges, one query each for the batch: 400 on the field."""
    errors = address_errors(instances)
    if any(errors):
        raise serializers.ValidationError(errors if many else errors[0])


def placed(instances: list[Model]) -> list[hierarchy.Position]:
    return [p for p in map(positions.of_instance, instances) if p is not None]


# Each saves, refreshes what the new rows change, then records the changelog: the
# events recorded with it render the objects with their refreshed values.


def create_ips(serializer: serializers.BaseSerializer) -> None:
    instances = built(serializer)
    check_addresses(instances, is_many(serializer))
    serializer.save()
    hierarchy.refresh_after_ip_write(placed(instances))
    record_created(serializer)


def create_prefixes(serializer: serializers.BaseSerializer) -> None:
    instances = built(serializer)
    serializer.save()
    hierarchy.refresh_after_prefix_write([], placed(instances), [p.pk for p in instances])
    record_created(serializer)


def create_ranges(serializer: serializers.BaseSerializer) -> None:
    instances = built(serializer)
    serializer.save()
    hierarchy.refresh_after_range_write([r.pk for r in instances], placed(instances))
    record_created(serializer)


def create_vlans(serializer: serializers.BaseSerializer) -> None:
    instances = built(serializer)
    serializer.save()
    hierarchy.refresh_vlan_groups(vlan.group_id for vlan in instances)  # type: ignore[attr-defined]
    record_created(serializer)


def create_plain(serializer: serializers.BaseSerializer) -> None:
    save_created(serializer)
