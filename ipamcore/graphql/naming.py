"""The names the GraphQL schema gives a model (NetBox 4's): `IPAddressType`, `ip_address`,
`ip_address_list`. The schema is written out by hand; these only let tests and docs find
the pieces of a registered model without a second table of names."""

from __future__ import annotations

import re

from django.db import models

# "IPAddress" -> "IP_Address", "VMInterface" -> "VM_Interface", "FHRPGroup" -> "FHRP_Group".
_ACRONYM_END = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD_END = re.compile(r"([a-z\d])([A-Z])")


def snake_name(model: type[models.Model]) -> str:
    """`ip_address` for IPAddress, `vm_interface` for VMInterface, `vlan` for VLAN."""
    name = model.__name__
    return _WORD_END.sub(r"\1_\2", _ACRONYM_END.sub(r"\1_\2", name)).lower()


def type_name(model: type[models.Model]) -> str:
    """`IPAddressType`; for the model DeviceType, `DeviceTypeType` (NetBox's names)."""
    return f"{model.__name__}Type"


def filter_name(model: type[models.Model]) -> str:
    return f"{model.__name__}Filter"
