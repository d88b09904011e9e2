"""Virtualization domain operations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import OuterRef, Subquery, Sum

from dcim.services.devices import unassign_ips
from ipamcore import changelog
from virtualization.models import VirtualDisk, VirtualMachine, VMInterface


def refresh_disk_totals(vm_ids: Iterable[int | None]) -> None:
    """A VM with virtual disks reports their total size as its `disk` (one UPDATE for
    any number of VMs; VMs without disks keep the size they were given)."""
    ids = [pk for pk in set(vm_ids) if pk is not None]
    totals = (
        VirtualDisk.objects.filter(virtual_machine_id=OuterRef("pk"))
        .order_by()
        .values("virtual_machine_id")
        .annotate(total=Sum("size"))
        .values("total")
    )
    with_disks = VirtualDisk.objects.filter(virtual_machine_id__in=ids).values("virtual_machine_id")
    VirtualMachine.objects.filter(pk__in=with_disks).update(disk=Subquery(totals))


@transaction.atomic
def delete_virtual_machines(vms: Sequence[VirtualMachine], message: str = "") -> int:
    """Delete VMs with their interfaces and disks; the interfaces' IPs are un-assigned,
    not deleted."""
    vms = list(vms)
    if not vms:
        return 0
    interface_ids = VMInterface.objects.filter(virtual_machine__in=vms).values_list("pk", flat=True)
    unassign_ips(VMInterface, list(interface_ids), keep=vms, message=message)
    return changelog.delete_with_changelog(vms, message)
