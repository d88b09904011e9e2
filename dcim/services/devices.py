"""Deleting devices and components without losing their IP addresses, and the other
device-level side effects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q

from dcim.models import Device, VirtualChassis
from dcim.models.device_components import BaseInterface, CabledObjectModel
from dcim.services.paths import load_nodes, node_key, origins_through, retrace
from ipam.models import IPAddress
from ipamcore import changelog

# Fields that hold a primary (or OOB) address, on every model that has them.
PRIMARY_IP_FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("dcim", "device"): ("primary_ip4", "primary_ip6", "oob_ip"),
    ("virtualization", "virtualmachine"): ("primary_ip4", "primary_ip6"),
}
CABLED_RELATIONS: tuple[str, ...] = (
    "interfaces",
    "consoleports",
    "consoleserverports",
    "powerports",
)
CABLED_RELATIONS += ("poweroutlets", "frontports", "rearports")


def unassign_ips(
    interface_model: type[models.Model],
    interface_ids: Iterable[int],
    keep: Iterable[models.Model] = (),
    message: str = "",
) -> list[IPAddress]:
    """Un-assign (not delete) the IPs of these interfaces, first clearing every primary
    or OOB reference to them (except on `keep`, objects about to be deleted). Both
    recorded in the changelog."""
    interface_type = ContentType.objects.get_for_model(interface_model)
    ips = list(
        IPAddress.objects.filter(
            assigned_object_type=interface_type, assigned_object_id__in=list(interface_ids)
        )
    )
    if not ips:
        return []
    clear_primary_ips([ip.pk for ip in ips], keep, message)

    def unassign(ip: IPAddress) -> None:
        ip.assigned_object_type_id = ip.assigned_object_id = None

    changelog.update_with_changelog(
        ips, ("assigned_object_type", "assigned_object_id"), unassign, message
    )
    return ips


def clear_primary_ips(
    ip_ids: list[int], keep: Iterable[models.Model] = (), message: str = ""
) -> None:
    """Devices and VMs stop naming these addresses as primary or OOB IPs."""
    from django.apps import apps

    skip = {(type(obj), obj.pk) for obj in keep}
    for (app_label, model_name), fields in PRIMARY_IP_FIELDS.items():
        model = apps.get_model(app_label, model_name)
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}_id__in": ip_ids})
        holders = [
            obj for obj in model._default_manager.filter(query) if (model, obj.pk) not in skip
        ]
        if not holders:
            continue

        def clear(obj: models.Model, fields: tuple[str, ...] = fields) -> None:
            for field in fields:
                if getattr(obj, f"{field}_id") in ip_ids:
                    setattr(obj, field, None)

        changelog.update_with_changelog(holders, fields, clear, message)


def cabled_keys(devices: Sequence[Device]) -> list[str]:
    """Node keys of the devices' cabled components: what paths may run through."""
    keys: list[str] = []
    for relation in CABLED_RELATIONS:
        model = cast(type[models.Model], Device._meta.get_field(relation).related_model)
        type_id = ContentType.objects.get_for_model(model).pk
        rows = model._default_manager.filter(device__in=devices, cable__isnull=False)
        keys.extend(f"{type_id}:{pk}" for pk in rows.values_list("pk", flat=True))
    return keys


@transaction.atomic
def delete_devices(devices: Sequence[Device], message: str = "") -> int:
    """Delete devices with their components, in one transaction: their interfaces' IPs
    are un-assigned (kept), primary references to those IPs on other devices (virtual
    chassis members) are cleared, and paths through their ports are retraced."""
    from dcim.models import Interface

    devices = list(devices)
    if not devices:
        return 0
    interface_ids = Interface.objects.filter(device__in=devices).values_list("pk", flat=True)
    unassign_ips(Interface, list(interface_ids), keep=devices, message=message)
    affected = origins_through(cabled_keys(devices))
    deleted = changelog.delete_with_changelog(devices, message)
    retrace(load_nodes(node_key(obj) for obj in affected).values())
    return deleted


@transaction.atomic
def delete_components(components: Sequence[Any], message: str = "") -> int:
    """Delete device or VM components: interfaces' IPs are un-assigned (kept) and paths
    through cabled ports retraced."""
    by_model: dict[type[models.Model], list[Any]] = defaultdict(list)
    for component in components:
        by_model[type(component)].append(component)
    keys: list[str] = []
    for model, objects in by_model.items():
        if issubclass(model, BaseInterface):
            unassign_ips(model, [obj.pk for obj in objects], message=message)
        if issubclass(model, CabledObjectModel):
            keys.extend(node_key(obj) for obj in objects)
    affected = origins_through(keys)
    deleted = changelog.delete_with_changelog(list(components), message) if components else 0
    retrace(load_nodes(node_key(obj) for obj in affected).values())
    return deleted


def assign_chassis_master(chassis: VirtualChassis) -> None:
    """A new virtual chassis takes its master as a member (position 1 unless set)."""
    master = chassis.master
    if master is None or master.virtual_chassis_id == chassis.pk:
        return

    def join(device: Device) -> None:
        device.virtual_chassis = chassis
        if device.vc_position is None:
            device.vc_position = 1

    changelog.update_with_changelog([master], ("virtual_chassis", "vc_position"), join)
