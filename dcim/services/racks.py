"""Rack elevations: the units of one rack face and what occupies them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django.db.models import Q

from dcim.choices import DeviceFaceChoices
from dcim.models import Device, Rack


def unit_name(unit: Decimal) -> str:
    return f"U{int(unit)}" if unit % 1 == 0 else f"U{unit}"


def rack_elevation(
    rack: Rack,
    face: str = DeviceFaceChoices.FRONT,
    exclude: int | None = None,
    expand_devices: bool = True,
) -> list[dict[str, Any]]:
    """Every half unit of the face, top first (or as the rack numbers them), as
    {id, name, face, device, occupied}. A device shows on its own face and, when full
    depth, on the other face too. With expand_devices=False a device appears once, at
    its position, and the units above it that it covers are left out. One query."""
    units: dict[Decimal, dict[str, Any]] = {
        unit: {"id": unit, "name": unit_name(unit), "face": face, "device": None, "occupied": False}
        for unit in rack.units
    }
    devices = (
        Device.objects.filter(rack=rack, position__isnull=False, device_type__u_height__gt=0)
        .filter(Q(face=face) | Q(device_type__is_full_depth=True))
        .select_related("device_type__manufacturer")
    )
    if exclude is not None:
        devices = devices.exclude(pk=exclude)
    for device in devices:
        position = cast(Decimal, device.position)  # filtered on position__isnull=False
        covered = half_units(position, device.device_type.u_height)
        for unit in covered:
            if unit not in units:
                continue
            if expand_devices or unit == position:
                units[unit]["device"], units[unit]["occupied"] = device, True
            else:
                del units[unit]
    return list(units.values())


def half_units(position: Decimal, height: Decimal) -> list[Decimal]:
    return [position + Decimal(step) / 2 for step in range(int(height * 2))]
