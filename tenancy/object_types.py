from dcim.models import Site
from ipam.models import VLAN, VRF, IPAddress, Prefix
from ipamcore.querysets import count_related, tree_count, tree_depth
from ipamcore.registry import ObjectType
from tenancy.api import TenantGroupSerializer, TenantSerializer
from tenancy.filtersets import TenantFilterSet, TenantGroupFilterSet
from tenancy.models import Tenant, TenantGroup

OBJECT_TYPES = [
    ObjectType(
        model=TenantGroup,
        path="tenant-groups",
        serializer=TenantGroupSerializer,
        filterset=TenantGroupFilterSet,
        queryset=lambda: TenantGroup.objects.annotate(
            depth=tree_depth(TenantGroup), tenant_count=tree_count(TenantGroup, Tenant, "group_id")
        ),
        examples=lambda n: {"name": f"Tenant group {n}", "slug": f"tenant-group-{n}"},
    ),
    ObjectType(
        model=Tenant,
        path="tenants",
        serializer=TenantSerializer,
        filterset=TenantFilterSet,
        queryset=lambda: Tenant.objects.annotate(
            ipaddress_count=count_related(IPAddress, "tenant"),
            prefix_count=count_related(Prefix, "tenant"),
            site_count=count_related(Site, "tenant"),
            vlan_count=count_related(VLAN, "tenant"),
            vrf_count=count_related(VRF, "tenant"),
        ),
        examples=lambda n: {"name": f"Tenant {n}", "slug": f"tenant-{n}"},
    ),
]
