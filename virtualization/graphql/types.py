"""Virtualization GraphQL types: clusters, virtual machines, their interfaces and disks.

Required relations (an interface's VM) are nullable: a related object the user may not
view reads as null instead of failing the whole query (see dcim/graphql/types)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
import strawberry_django
from django.db.models import QuerySet
from strawberry.scalars import JSON
from strawberry.types import Info

from dcim.graphql.fields import (
    batch_config_contexts,
    config_context_of,
    counted,
)
from dcim.models import Device
from ipam.models import FHRPGroupAssignment, IPAddress
from ipamcore.graphql.fields import generic_prefetch
from ipamcore.graphql.types import PrimaryObjectType, TaggedObjectType
from ipamcore.querysets import count_generic, count_related
from virtualization import models
from virtualization.graphql.filters import (
    ClusterFilter,
    ClusterGroupFilter,
    ClusterTypeFilter,
    VirtualDiskFilter,
    VirtualMachineFilter,
    VMInterfaceFilter,
)

if TYPE_CHECKING:
    from dcim.graphql.types import (
        DeviceRoleType,
        DeviceType,
        MACAddressType,
        PlatformType,
        SiteType,
    )
    from ipam.graphql.types import (
        FHRPGroupAssignmentType,
        IPAddressType,
        ServiceType,
        VLANType,
        VRFType,
    )
    from tenancy.graphql.types import TenantType
    from virtualization.graphql.unions import ClusterScopeType

DCIM = strawberry.lazy("dcim.graphql.types")
IPAM = strawberry.lazy("ipam.graphql.types")
TENANCY = strawberry.lazy("tenancy.graphql.types")
VIRTUALIZATION = strawberry.lazy("virtualization.graphql.types")


@strawberry_django.type(
    models.ClusterType, fields=["name", "slug"], filters=ClusterTypeFilter, pagination=True
)
class ClusterTypeType(PrimaryObjectType):
    cluster_count: int = counted("cluster_count", count_related(models.Cluster, "type"))
    clusters: list[Annotated[ClusterType, VIRTUALIZATION]]


@strawberry_django.type(
    models.ClusterGroup, fields=["name", "slug"], filters=ClusterGroupFilter, pagination=True
)
class ClusterGroupType(PrimaryObjectType):
    cluster_count: int = counted("cluster_count", count_related(models.Cluster, "group"))
    clusters: list[Annotated[ClusterType, VIRTUALIZATION]]


@strawberry_django.type(
    models.Cluster, fields=["name", "status", "scope_id"], filters=ClusterFilter, pagination=True
)
class ClusterType(PrimaryObjectType):
    device_count: int = counted("device_count", count_related(Device, "cluster"))
    virtualmachine_count: int = counted(
        "virtualmachine_count", count_related(models.VirtualMachine, "cluster")
    )
    type: Annotated[ClusterTypeType, VIRTUALIZATION] | None
    group: Annotated[ClusterGroupType, VIRTUALIZATION] | None
    tenant: Annotated[TenantType, TENANCY] | None
    devices: list[Annotated[DeviceType, DCIM]]
    virtual_machines: list[Annotated[VirtualMachineType, VIRTUALIZATION]]

    @strawberry_django.field(
        only=["scope_type_id", "scope_id"], prefetch_related=[generic_prefetch("scope")]
    )
    def scope(
        self, root: models.Cluster
    ) -> Annotated[ClusterScopeType, strawberry.lazy("virtualization.graphql.unions")] | None:
        """The region, site group, site or location the cluster belongs to."""
        return root.scope


@strawberry_django.type(
    models.VirtualMachine,
    fields=["name", "status", "start_on_boot", "vcpus", "memory", "disk", "serial"],
    filters=VirtualMachineFilter,
    pagination=True,
)
class VirtualMachineType(PrimaryObjectType):
    role: Annotated[DeviceRoleType, DCIM] | None
    site: Annotated[SiteType, DCIM] | None
    cluster: Annotated[ClusterType, VIRTUALIZATION] | None
    device: Annotated[DeviceType, DCIM] | None
    platform: Annotated[PlatformType, DCIM] | None
    tenant: Annotated[TenantType, TENANCY] | None
    primary_ip4: Annotated[IPAddressType, IPAM] | None
    primary_ip6: Annotated[IPAddressType, IPAM] | None
    local_context_data: JSON | None
    interfaces: list[Annotated[VMInterfaceType, VIRTUALIZATION]]
    virtualdisks: list[Annotated[VirtualDiskType, VIRTUALIZATION]]
    services: list[Annotated[ServiceType, IPAM]]

    @classmethod
    def get_queryset(cls, queryset: QuerySet[Any], info: Info, **kwargs: Any) -> QuerySet[Any]:
        return batch_config_contexts(super().get_queryset(queryset, info, **kwargs))

    @strawberry_django.field(description="The merged config context (as the REST API's).")
    def config_context(self, root: models.VirtualMachine) -> JSON:
        return config_context_of(root)

    interface_count: int = counted(
        "interface_count", count_related(models.VMInterface, "virtual_machine")
    )
    virtual_disk_count: int = counted(
        "virtual_disk_count", count_related(models.VirtualDisk, "virtual_machine")
    )


@strawberry_django.type(
    models.VMInterface,
    fields=["name", "description", "enabled", "mtu", "mode"],
    filters=VMInterfaceFilter,
    pagination=True,
)
class VMInterfaceType(TaggedObjectType):
    count_ipaddresses: int = counted(
        "count_ipaddresses",
        count_generic(IPAddress, "assigned_object_type", "assigned_object_id", models.VMInterface),
    )
    count_fhrp_groups: int = counted(
        "count_fhrp_groups",
        count_generic(FHRPGroupAssignment, "interface_type", "interface_id", models.VMInterface),
    )
    virtual_machine: Annotated[VirtualMachineType, VIRTUALIZATION] | None
    parent: Annotated[VMInterfaceType, VIRTUALIZATION] | None
    bridge: Annotated[VMInterfaceType, VIRTUALIZATION] | None
    primary_mac_address: Annotated[MACAddressType, DCIM] | None
    untagged_vlan: Annotated[VLANType, IPAM] | None
    qinq_svlan: Annotated[VLANType, IPAM] | None
    vrf: Annotated[VRFType, IPAM] | None
    tagged_vlans: list[Annotated[VLANType, IPAM]]
    ip_addresses: list[Annotated[IPAddressType, IPAM]]
    mac_addresses: list[Annotated[MACAddressType, DCIM]]
    fhrp_group_assignments: list[Annotated[FHRPGroupAssignmentType, IPAM]]
    child_interfaces: list[Annotated[VMInterfaceType, VIRTUALIZATION]]
    bridge_interfaces: list[Annotated[VMInterfaceType, VIRTUALIZATION]]


@strawberry_django.type(
    models.VirtualDisk,
    fields=["name", "description", "size"],
    filters=VirtualDiskFilter,
    pagination=True,
)
class VirtualDiskType(TaggedObjectType):
    virtual_machine: Annotated[VirtualMachineType, VIRTUALIZATION] | None
