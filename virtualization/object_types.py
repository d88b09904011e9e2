from typing import Any

from django.db.models import DecimalField, IntegerField, OuterRef, QuerySet, Subquery, Sum

from dcim.models import Device
from ipam.models import FHRPGroupAssignment, IPAddress
from ipamcore.querysets import count_generic, count_related
from ipamcore.registry import ObjectType
from virtualization.api import (
    ClusterGroupSerializer,
    ClusterSerializer,
    ClusterTypeSerializer,
    VirtualDiskSerializer,
    VirtualMachineSerializer,
    VMInterfaceSerializer,
)
from virtualization.filtersets import (
    ClusterFilterSet,
    ClusterGroupFilterSet,
    ClusterTypeFilterSet,
    VirtualDiskFilterSet,
    VirtualMachineFilterSet,
    VMInterfaceFilterSet,
)
from virtualization.models import (
    Cluster,
    ClusterGroup,
    ClusterType,
    VirtualDisk,
    VirtualMachine,
    VMInterface,
)
from virtualization.viewsets import VirtualMachineViewSet


def allocated(field: str, output: Any) -> Subquery:
    """The sum of `field` over the cluster's VMs (null when it has none with a value)."""
    sums = (
        VirtualMachine.objects.filter(cluster=OuterRef("pk"))
        .order_by()
        .values("cluster")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Subquery(sums, output_field=output)


def clusters() -> QuerySet:
    return Cluster.objects.annotate(
        device_count=count_related(Device, "cluster"),
        virtualmachine_count=count_related(VirtualMachine, "cluster"),
        allocated_vcpus=allocated("vcpus", DecimalField(max_digits=8, decimal_places=2)),
        allocated_memory=allocated("memory", IntegerField()),
        allocated_disk=allocated("disk", IntegerField()),
    )


def virtual_machines() -> QuerySet:
    # The primary IPs are joined by shape; their NAT lists are one query each per page.
    return VirtualMachine.objects.annotate(
        interface_count=count_related(VMInterface, "virtual_machine"),
        virtual_disk_count=count_related(VirtualDisk, "virtual_machine"),
    ).prefetch_related("primary_ip4__nat_outside", "primary_ip6__nat_outside")


def vm_interfaces() -> QuerySet:
    return VMInterface.objects.annotate(
        count_ipaddresses=count_generic(
            IPAddress, "assigned_object_type", "assigned_object_id", VMInterface
        ),
        count_fhrp_groups=count_generic(
            FHRPGroupAssignment, "interface_type", "interface_id", VMInterface
        ),
    )


OBJECT_TYPES = [
    ObjectType(
        model=ClusterType,
        path="cluster-types",
        serializer=ClusterTypeSerializer,
        filterset=ClusterTypeFilterSet,
        queryset=lambda: ClusterType.objects.annotate(cluster_count=count_related(Cluster, "type")),
        examples=lambda n: {"name": f"Cluster type {n}", "slug": f"cluster-type-{n}"},
    ),
    ObjectType(
        model=ClusterGroup,
        path="cluster-groups",
        serializer=ClusterGroupSerializer,
        filterset=ClusterGroupFilterSet,
        queryset=lambda: ClusterGroup.objects.annotate(
            cluster_count=count_related(Cluster, "group")
        ),
        examples=lambda n: {"name": f"Cluster group {n}", "slug": f"cluster-group-{n}"},
    ),
    ObjectType(
        model=Cluster,
        path="clusters",
        serializer=ClusterSerializer,
        filterset=ClusterFilterSet,
        queryset=clusters,
        examples=lambda n: {
            "name": f"Cluster {n}",
            "type": {"slug": "conformance-cluster-type"},
            "status": "planned",
        },
    ),
    ObjectType(
        model=VirtualMachine,
        path="virtual-machines",
        serializer=VirtualMachineSerializer,
        filterset=VirtualMachineFilterSet,
        queryset=virtual_machines,
        viewset=VirtualMachineViewSet,
        examples=lambda n: {
            "name": f"VM {n}",
            "site": {"slug": "conformance-site"},
            "vcpus": 2,
            "memory": 1024 * n,
        },
    ),
    ObjectType(
        model=VMInterface,
        path="interfaces",
        serializer=VMInterfaceSerializer,
        filterset=VMInterfaceFilterSet,
        queryset=vm_interfaces,
        examples=lambda n: {
            "virtual_machine": {"name": "conformance-vm"},
            "name": f"eth{n}",
            "mtu": 1500,
        },
    ),
    ObjectType(
        model=VirtualDisk,
        path="virtual-disks",
        serializer=VirtualDiskSerializer,
        filterset=VirtualDiskFilterSet,
        examples=lambda n: {
            "virtual_machine": {"name": "conformance-vm"},
            "name": f"disk{n}",
            "size": 1000 * n,
        },
    ),
]
