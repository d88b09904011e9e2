"""Rules for assigning an IP address to an interface, VM interface or FHRP group.

Kept apart from the IP engine's models: these rules are about the DCIM and
virtualization objects an address belongs to.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q

from ipam.choices import IPADDRESS_ASSIGNMENT_TYPES

PRIMARY_MESSAGE = (
    "Cannot reassign IP address while it is designated as the primary IP for the parent object"
)
OOB_MESSAGE = (
    "Cannot reassign OOB IP address while it is designated as the OOB IP for the parent object"
)


def clean_assignment(ip: Any) -> None:
    """Called by IPAddress.clean(): an allowed object type, an address an interface may
    hold, and no moving away a device's or VM's primary (or OOB) address."""
    if ip.assigned_object_type_id:
        content_type = ContentType.objects.get_for_id(ip.assigned_object_type_id)
        label = f"{content_type.app_label}.{content_type.model}"
        if label not in IPADDRESS_ASSIGNMENT_TYPES:
            raise ValidationError({"assigned_object_type": f"Invalid content type: {label}"})
        clean_assignable_address(ip)
    if ip.pk:
        clean_primary_reassignment(ip)


def clean_assignable_address(ip: Any) -> None:
    address = ip.address
    if address is None or address.prefixlen == 0:
        return
    if address.version == 4 and address.prefixlen < 31:
        if address.ip == address.network:
            raise ValidationError(
                {
                    "address": f"{address} is a network ID, which may not be assigned to an "
                    "interface."
                }
            )
        if address.ip == address.broadcast:
            raise ValidationError(
                {
                    "address": f"{address} is a broadcast address, which may not be assigned to "
                    "an interface."
                }
            )
    if address.version == 6 and address.prefixlen < 127 and address.ip == address.network:
        raise ValidationError(
            {"address": f"{address} is a network ID, which may not be assigned to an interface."}
        )


def clean_primary_reassignment(ip: Any) -> None:
    model = type(ip)
    original = getattr(ip, "loaded_assignment", None)
    if original is None:  # an instance not read from the database (built by hand)
        original = (
            model._default_manager.filter(pk=ip.pk)
            .values_list("assigned_object_type_id", "assigned_object_id")
            .first()
        )
    current = (ip.assigned_object_type_id, ip.assigned_object_id)
    if original is None or original[1] is None or original == current:
        return
    holder, field = primary_holder(ip.pk)
    if holder is None:
        return
    parent = getattr(ip.assigned_object, "parent_object", None) if current[1] else None
    if parent is None or type(parent) is not type(holder) or parent.pk != holder.pk:
        message = OOB_MESSAGE if field == "oob_ip" else PRIMARY_MESSAGE
        raise ValidationError({"assigned_object_id": message})


def primary_holder(ip_pk: int) -> tuple[Any, str]:
    """The device or VM using this address as a primary (or OOB) IP, and which field."""
    holders = (
        ("dcim", "Device", ("primary_ip4", "primary_ip6", "oob_ip")),
        ("virtualization", "VirtualMachine", ("primary_ip4", "primary_ip6")),
    )
    for app_label, model_name, fields in holders:
        model = apps.get_model(app_label, model_name)
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}_id": ip_pk})
        holder = model._default_manager.filter(query).first()
        if holder is not None:
            field = next(f for f in fields if getattr(holder, f"{f}_id") == ip_pk)
            return holder, field
    return None, ""
