"""Virtualization root query fields, named as NetBox 4 names them (`virtual_machine_list`,
`vm_interface_list`)."""

from __future__ import annotations

import strawberry
import strawberry_django

from ipamcore.graphql.fields import list_field
from virtualization.graphql.types import (
    ClusterGroupType,
    ClusterType,
    ClusterTypeType,
    VirtualDiskType,
    VirtualMachineType,
    VMInterfaceType,
)


@strawberry.type(name="Query")
class VirtualizationQuery:
    cluster_type: ClusterTypeType = strawberry_django.field()
    cluster_type_list: list[ClusterTypeType] = list_field()
    cluster_group: ClusterGroupType = strawberry_django.field()
    cluster_group_list: list[ClusterGroupType] = list_field()
    cluster: ClusterType = strawberry_django.field()
    cluster_list: list[ClusterType] = list_field()
    virtual_machine: VirtualMachineType = strawberry_django.field()
    virtual_machine_list: list[VirtualMachineType] = list_field()
    vm_interface: VMInterfaceType = strawberry_django.field()
    vm_interface_list: list[VMInterfaceType] = list_field()
    virtual_disk: VirtualDiskType = strawberry_django.field()
    virtual_disk_list: list[VirtualDiskType] = list_field()
